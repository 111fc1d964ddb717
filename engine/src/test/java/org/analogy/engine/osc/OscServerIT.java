package org.analogy.engine.osc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.illposed.osc.MessageSelector;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCMessageEvent;
import com.illposed.osc.transport.OSCPortIn;
import com.illposed.osc.transport.OSCPortOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.analogy.engine.accompaniment.PatternAccompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.health.BarStatus;
import org.analogy.engine.model.TokenCodec;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.process.NoteSink;
import org.analogy.engine.schedule.RecordingOutput;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;
import org.analogy.engine.transform.TransformKind;

/**
 * OSC round trips on loopback, as a show controller would do them: messages sent with {@link OSCPortOut}
 * drive the running engine, and state, bar events and errors come back to an {@link OSCPortIn}.
 */
class OscServerIT {

    private static final String R = OscCommands.ROOT;

    private LiveEngine engine;
    private OscServer server;
    private OSCPortOut client;
    private OSCPortIn listener;
    private final BlockingQueue<OSCMessage> replies = new LinkedBlockingQueue<>();
    private final RecordingOutput out = new RecordingOutput();

    @BeforeEach
    void start() throws Exception {
        PresetLibrary library = new PresetLibrary(Path.of("../presets/styles"), Path.of("target/no-user-presets"),
                new PresetLoader(new ReferenceClips(List.of(Path.of("../presets/clips")))));
        // One attribute direction on the pitch latent, as a model bundle would store it.
        AttributeOffsets offsets = AttributeOffsets.of(Map.of(Factor.PITCH, Map.of("register", new float[TokenCodec.SIZE])));
        Band band = Band.builder().melody(new TokenCodec(), offsets).build();
        engine = new LiveEngine(EngineConfig.defaults().withBpm(200), new EchoProcessor(), List.of(out));
        server = OscServer.start(engine, new OscCommands(engine, library, band), OscServer.DEFAULT_BIND, 0, line -> { });
        client = new OSCPortOut(server.localAddress());
        int replyPort = freeUdpPort();
        listener = new OSCPortIn(new InetSocketAddress(InetAddress.getLoopbackAddress(), replyPort));
        listener.getDispatcher().addListener(new MessageSelector() {
            @Override
            public boolean isInfoRequired() {
                return false;
            }

            @Override
            public boolean matches(OSCMessageEvent event) {
                return true;
            }
        }, event -> replies.add(event.getMessage()));
        listener.startListening();
        send(R + "/reply", "127.0.0.1", replyPort);
    }

    @AfterEach
    void stop() throws Exception {
        listener.stopListening();
        listener.close();
        client.close();
        server.close();
        engine.close();
    }

    @Test
    void theDefaultSocketListensOnLoopbackOnly() throws Exception {
        InetSocketAddress bound = server.localAddress();
        assertThat(bound.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(bound.getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void anotherAddressOnlyWhenAsked() throws Exception {
        try (OscServer everywhere = OscServer.start(engine, new OscCommands(engine, null, Band.standIns()), "0.0.0.0", 0, l -> { })) {
            assertThat(everywhere.localAddress().getAddress().isAnyLocalAddress()).isTrue();
        }
    }

    @Test
    void transportTempoAndEchoSettingsRoundTrip() throws Exception {
        send(R + "/tempo", 150f);
        send(R + "/echo/bars", 2);
        send(R + "/echo/transpose", -12);
        send(R + "/count-in", 1);
        send(R + "/meter", "3/4");
        send(R + "/play");
        List<OSCMessage> state = awaitState(s -> value(s, "tempo").equals(150f) && value(s, "meter").equals("3/4")
                && value(s, "playing").equals(1));
        assertThat(value(state, "echo/bars")).isEqualTo(2);
        assertThat(value(state, "echo/transpose")).isEqualTo(-12);
        assertThat(engine.controls().echoDelayBars()).isEqualTo(2);
        assertThat(engine.timeline().bpm()).isEqualTo(150.0);

        send(R + "/stop");
        assertThat(value(awaitState(s -> value(s, "playing").equals(0)), "playing")).isEqualTo(0);
        send(R + "/panic");
        assertThat(out.hangingNotes()).isEmpty();
    }

    @Test
    void presetsAndEveryKindOfTransformParameterRoundTrip() throws Exception {
        send(R + "/preset", "restyle-scale-contour");
        awaitState(s -> value(s, "preset").equals("restyle-scale-contour"));
        send(R + "/factor/pitch/alpha", 0.25f);
        List<OSCMessage> state = awaitState(s -> value(s, "factor/pitch/alpha").equals(0.25f));
        assertThat(value(state, "factor/pitch/kind")).isEqualTo("slerp");
        assertThat(engine.controls().style().transform(Factor.PITCH).alpha()).isEqualTo(0.25);

        send(R + "/factor/pitch/freeze", 1);
        awaitState(s -> value(s, "factor/pitch/kind").equals("freeze"));
        send(R + "/factor/pitch/source", "preset");
        state = awaitState(s -> value(s, "factor/pitch/kind").equals("slerp"));
        assertThat(value(state, "factor/pitch/alpha")).isEqualTo(0.7f); // the preset's own value is back
        send(R + "/factor/rhythm/source", "freeze");
        awaitState(s -> value(s, "factor/rhythm/kind").equals("freeze"));
        send(R + "/factor/rhythm/source", "live");
        awaitState(s -> value(s, "factor/rhythm/kind").equals("live"));

        send(R + "/preset", "pop-xy");
        awaitState(s -> value(s, "preset").equals("pop-xy"));
        send(R + "/factor/texture/xy", 0.1f, 0.9f);
        state = awaitState(s -> args(s, "factor/texture/xy").equals(List.of(0.1f, 0.9f)));
        assertThat(engine.controls().style().transform(Factor.TEXTURE).kind()).isEqualTo(TransformKind.XY);

        send(R + "/preset", "restyle-dreamy");
        awaitState(s -> value(s, "preset").equals("restyle-dreamy"));
        send(R + "/factor/pitch/temperature", 1.5f);
        awaitState(s -> value(s, "factor/pitch/temperature").equals(1.5f));
        // The mode switch reaches the inference stage through the engine's command ring: wait for it.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!engine.mode().equals(engine.controls().style().mode()) && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(engine.mode()).isEqualTo(engine.controls().style().mode());

        send(R + "/mode", "echo");
        awaitState(s -> value(s, "mode").equals("echo"));
    }

    @Test
    void everyTransformKindIsSetUpWithItsClipsAndReadBack() throws Exception {
        // Swap: a clip by name from the clip folders.
        send(R + "/factor/rhythm/swap", "rhythm-swung");
        List<OSCMessage> state = awaitState(s -> value(s, "factor/rhythm/kind").equals("swap"));
        assertThat(args(state, "factor/rhythm/references")).containsExactly("rhythm-swung");
        assertThat(engine.controls().style().references(Factor.RHYTHM)).singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("rhythm-swung"))
                .satisfies(c -> assertThat(c.notes()).isNotEmpty());

        // Slerp: a clip given as a file path, and alpha; then alpha alone moves it.
        String stride = Path.of("../presets/clips/stride.mid").toAbsolutePath().normalize().toString();
        send(R + "/factor/pitch/slerp", stride, 0.3f);
        state = awaitState(s -> value(s, "factor/pitch/kind").equals("slerp"));
        assertThat(value(state, "factor/pitch/alpha")).isEqualTo(0.3f);
        assertThat(args(state, "factor/pitch/references")).containsExactly(stride);
        send(R + "/factor/pitch/alpha", 0.8f);
        awaitState(s -> value(s, "factor/pitch/alpha").equals(0.8f));

        // XY pad: four corners and a position; then the position alone moves on it.
        send(R + "/factor/texture/xy", "block-chords", "alberti-bass", "bossa-nova", "stride", 0.2f, 0.7f);
        state = awaitState(s -> value(s, "factor/texture/kind").equals("xy"));
        assertThat(args(state, "factor/texture/xy")).containsExactly(0.2f, 0.7f);
        assertThat(args(state, "factor/texture/references")).containsExactly("block-chords", "alberti-bass", "bossa-nova", "stride");
        assertThat(engine.controls().style().references(Factor.TEXTURE)).extracting(c -> c.name())
                .containsExactly("block-chords", "alberti-bass", "bossa-nova", "stride");
        send(R + "/factor/texture/xy", 1f, 0f);
        awaitState(s -> args(s, "factor/texture/xy").equals(List.of(1f, 0f)));

        // Sample: around the live latent, then around a clip; temperature and seed move it.
        send(R + "/factor/chord/sample", 0.5f);
        state = awaitState(s -> value(s, "factor/chord/kind").equals("sample"));
        assertThat(value(state, "factor/chord/temperature")).isEqualTo(0.5f);
        assertThat(args(state, "factor/chord/references")).isEmpty();
        send(R + "/factor/chord/seed", 7);
        awaitState(s -> value(s, "factor/chord/seed").equals(7));
        send(R + "/factor/chord/temperature", 1.25f);
        state = awaitState(s -> value(s, "factor/chord/temperature").equals(1.25f));
        assertThat(value(state, "factor/chord/seed")).isEqualTo(7);
        send(R + "/factor/rhythm/sample", 0.4f, "rhythm-tresillo");
        state = awaitState(s -> value(s, "factor/rhythm/kind").equals("sample"));
        assertThat(args(state, "factor/rhythm/references")).containsExactly("rhythm-tresillo");

        // Attribute offsets: set, kept through a change of kind, removed with 0.
        send(R + "/factor/pitch/attribute/register", -1.5f);
        awaitState(s -> has(s, "factor/pitch/attribute/register") && value(s, "factor/pitch/attribute/register").equals(-1.5f));
        send(R + "/factor/pitch/swap", "ballad-arpeggio");
        state = awaitState(s -> value(s, "factor/pitch/kind").equals("swap"));
        assertThat(value(state, "factor/pitch/attribute/register")).isEqualTo(-1.5f);
        send(R + "/factor/pitch/attribute/register", 0f);
        awaitState(s -> !has(s, "factor/pitch/attribute/register"));

        // Back to the played latent.
        send(R + "/factor/texture/source", "live");
        state = awaitState(s -> value(s, "factor/texture/kind").equals("live"));
        assertThat(args(state, "factor/texture/references")).isEmpty();
        assertThat(engine.controls().style().references(Factor.TEXTURE)).isEmpty();
    }

    @Test
    void chordSourcesLooperAndPartsRoundTrip() throws Exception {
        send(R + "/chords/chart", "C G | Am F");
        List<OSCMessage> state = awaitState(s -> ((String) value(s, "chords")).startsWith("chart"));
        assertThat((String) value(state, "chords")).contains("Am");
        send(R + "/chords/keyboard", 55, 1);
        Object keyboard = value(awaitState(s -> engine.controls().style().chords().splitPoint() == 55), "chords");
        assertThat(keyboard).isEqualTo(engine.controls().style().chords().describe());
        send(R + "/chords/file", Path.of("../presets/clips/block-chords.mid").toAbsolutePath().toString());
        awaitState(s -> engine.controls().style().chords().splitPoint() == 0 && !value(s, "chords").equals(keyboard));
        send(R + "/chords/predicted");
        awaitState(s -> value(s, "chords").equals(new PresetLoader(new ReferenceClips(List.of())).predicted().describe()));

        send(R + "/looper/bars", 6);
        send(R + "/looper/overdub", 1);
        awaitState(s -> value(s, "looper/bars").equals(6) && value(s, "looper/overdub").equals(1));
        assertThat(engine.controls().style().overdub()).isTrue();

        send(R + "/part/accompaniment/channel", 3);
        send(R + "/part/accompaniment/program", 24);
        send(R + "/part/melody/velocity", 1.25f);
        send(R + "/part/melody/register", 60, 84);
        state = awaitState(s -> args(s, "part/melody/register").equals(List.of(60, 84)));
        assertThat(value(state, "part/accompaniment/channel")).isEqualTo(3);
        assertThat(value(state, "part/accompaniment/program")).isEqualTo(24);
        assertThat(value(state, "part/melody/velocity")).isEqualTo(1.25f);
        assertThat(engine.controls().accompanimentChannel()).isEqualTo(2);
        assertThat(engine.controls().style().accompaniment().program()).isEqualTo(24);
        assertThat(engine.controls().style().melody().fold(40)).isEqualTo(64);
    }

    @Test
    void aTransformSentOverOscReachesTheBarsFromTheNextBarLine() throws Exception {
        record Seen(long bar, FactorTransform texture, int clips) {}
        List<Seen> seen = new CopyOnWriteArrayList<>();
        BarProcessor echo = new EchoProcessor();
        engine.setProcessor(new BarProcessor() {
            @Override public String name() { return "echo"; }
            @Override public void process(BarWindow w, ControlSnapshot c, NoteSink sink) throws Exception {
                seen.add(new Seen(w.targetBar(), c.style().transform(Factor.TEXTURE), c.style().references(Factor.TEXTURE).size()));
                echo.process(w, c, sink);
            }
        });
        send(R + "/play");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (seen.size() < 2 && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(2);
        int before = seen.size();
        send(R + "/factor/texture/slerp", "waltz-does-not-exist", 0.5f); // refused: nothing reaches the bars
        assertThat((String) next(m -> m.getAddress().equals(R + "/error")).getArguments().get(0)).contains("no reference clip 'waltz-does-not-exist'");
        send(R + "/factor/texture/slerp", "bossa-nova", 0.5f);
        awaitState(s -> value(s, "factor/texture/kind").equals("slerp"));
        int sent = seen.size();
        while (seen.size() < sent + 2 && System.nanoTime() < deadline) Thread.sleep(10);
        List<Seen> bars = List.copyOf(seen);
        assertThat(bars.size()).isGreaterThanOrEqualTo(sent + 2);
        // Each bar read one whole snapshot: live with no clip, then slerp with its clip, never a mixture;
        // once the new setting is in, every later bar has it.
        int first = -1;
        for (int i = 0; i < bars.size(); i++) {
            Seen b = bars.get(i);
            if (b.texture().kind() == TransformKind.LIVE) {
                assertThat(first).as("bar %d went back to live", b.bar()).isEqualTo(-1);
                assertThat(b.clips()).isZero();
            } else {
                assertThat(b.texture()).isEqualTo(FactorTransform.slerp("bossa-nova", 0.5));
                assertThat(b.clips()).isEqualTo(1);
                if (first < 0) first = i;
            }
        }
        assertThat(first).isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(sent);
        send(R + "/stop");
        send(R + "/panic");
    }

    @Test
    void malformedAndOutOfRangeMessagesGetAnErrorAndChangeNothing() throws Exception {
        send(R + "/tempo", 100f);
        awaitState(s -> value(s, "tempo").equals(100f));
        ControlSnapshot before = engine.controls();
        String mode = engine.mode();
        Object[][] bad = {
                {R + "/tempo", "fast"}, {R + "/tempo", 500f}, {R + "/tempo"}, {R + "/tempo", 120f, 1},
                {R + "/nope", 1}, {R + "/meter", "5/4"}, {R + "/meter", 4}, {R + "/count-in", 9}, {R + "/count-in", 1.5f},
                {R + "/echo/bars", 3}, {R + "/echo/transpose", 30}, {R + "/velocity", 0f},
                {R + "/factor/bass/alpha", 0.5f}, {R + "/factor/pitch/alpha", 0.5f}, {R + "/factor/pitch/alpha", 2f},
                {R + "/factor/texture/xy", 0.5f}, {R + "/factor/pitch/temperature", 1f}, {R + "/factor/pitch/colour", 1f},
                {R + "/factor/rhythm/attribute/density", 1f}, {R + "/factor/rhythm/source", "sideways"},
                {R + "/factor/rhythm/freeze", 2}, {R + "/preset", "no-such-preset"}, {R + "/mode", "karaoke"},
                {R + "/clock", "sundial"}, {R + "/play", 1}, {R + "/reply", "127.0.0.1"}, {R + "/state", "now"},
                // Setting a factor up with clips: every part is checked before anything changes.
                {R + "/factor/rhythm/swap", "no-such-clip"}, {R + "/factor/rhythm/swap", 1f}, {R + "/factor/rhythm/swap", ""},
                {R + "/factor/rhythm/swap", "../presets/styles/pop-xy.json"}, {R + "/factor/rhythm/swap", "/no/such/file.mid"},
                {R + "/factor/pitch/slerp", "rhythm-swung", 1.5f}, {R + "/factor/pitch/slerp", "rhythm-swung"},
                {R + "/factor/pitch/slerp", 0.5f, "rhythm-swung"},
                {R + "/factor/texture/xy", "stride", "waltzing", "stride", "stride", 0.5f, 0.5f},
                {R + "/factor/texture/xy", "stride", "stride", "stride", 0.5f, 0.5f},
                {R + "/factor/texture/xy", "stride", "stride", "stride", "stride", 0.5f, -0.1f},
                {R + "/factor/chord/sample", 3f}, {R + "/factor/chord/sample", 0.5f, "nothing-here"},
                {R + "/factor/chord/sample"}, {R + "/factor/chord/seed", 3}, {R + "/factor/chord/seed", 2.5f},
                {R + "/factor/pitch/attribute/register", 4f}, {R + "/factor/texture/attribute/register", 1f},
                // Chord sources, looper and parts.
                {R + "/chords/chart", "C H7 Am"}, {R + "/chords/chart", ""}, {R + "/chords/file", "/no/such/chords.mid"},
                {R + "/chords/keyboard", 0}, {R + "/chords/keyboard", 60, 2}, {R + "/chords/predicted", 1},
                {R + "/looper/bars", 3}, {R + "/looper/bars", 10}, {R + "/looper/overdub", "yes"},
                {R + "/part/drums/program", 1}, {R + "/part/guitar/mute", 1}, {R + "/part/melody/program", 128}, {R + "/part/melody/channel", 17},
                {R + "/part/accompaniment/register", 60, 65}, {R + "/part/melody/velocity", 3f}, {R + "/part/melody/pan", 1},
        };
        Map<String, String> named = Map.ofEntries(
                Map.entry("/factor/rhythm/swap no-such-clip", "no reference clip 'no-such-clip'"),
                Map.entry("/factor/rhythm/swap /no/such/file.mid", "file not found"),
                Map.entry("/factor/pitch/slerp rhythm-swung 1.5", "allowed 0–1"),
                Map.entry("/factor/texture/xy stride waltzing stride stride 0.5 0.5", "no reference clip 'waltzing'"),
                Map.entry("/factor/chord/seed 3", "applies when chord is sample"),
                Map.entry("/factor/chord/sample 3.0", "allowed 0–2"),
                Map.entry("/chords/file /no/such/chords.mid", "not found"),
                Map.entry("/looper/bars 3", "allowed 2, 4, 6 or 8"),
                Map.entry("/part/accompaniment/register 60 65", "at least 12 semitones"),
                Map.entry("/part/drums/program 1", "the running style has no drums part"),
                Map.entry("/part/guitar/mute 1", "allowed melody, accompaniment, bass, drums"));
        for (Object[] message : bad) {
            String address = (String) message[0];
            send(address, java.util.Arrays.copyOfRange(message, 1, message.length));
            OSCMessage error = next(m -> m.getAddress().equals(R + "/error"));
            String text = (String) error.getArguments().get(0);
            assertThat(text).as("error for %s", List.of(message)).startsWith(address);
            if (address.endsWith("/tempo") && message.length == 2 && message[1] instanceof Float) assertThat(text).contains("30–300");
            String key = address.substring(R.length()) + java.util.Arrays.stream(message, 1, message.length)
                    .map(a -> " " + a).reduce("", String::concat);
            if (named.containsKey(key)) assertThat(text).as("error for %s", key).contains(named.get(key));
        }
        // Not OSC at all.
        try (DatagramSocket raw = new DatagramSocket()) {
            byte[] junk = "hello, engine".getBytes(StandardCharsets.US_ASCII);
            raw.send(new DatagramPacket(junk, junk.length, server.localAddress()));
        }
        assertThat((String) next(m -> m.getAddress().equals(R + "/error")).getArguments().get(0)).contains("not a valid OSC packet");

        List<OSCMessage> state = awaitState(s -> true);
        assertThat(value(state, "tempo")).isEqualTo(100f);
        assertThat(engine.controls()).isSameAs(before);
        assertThat(engine.mode()).isEqualTo(mode);
        assertThat(server.refused()).isEqualTo(bad.length + 1);
    }

    @Test
    void barEventsReachTheReplyAddress() throws Exception {
        send(R + "/play");
        long firstBar = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        BarWindow shown = null;
        int bars = 0;
        // The status reader's part: once per bar, the bar's numbers go to the OSC listeners.
        while (bars < 3 && System.nanoTime() < deadline) {
            BarWindow w = engine.lastWindow();
            if (w != null && w != shown) {
                shown = w;
                server.barPlayed(BarStatus.of(engine, w));
                OSCMessage bar = next(m -> m.getAddress().equals(R + "/bar"));
                int number = (Integer) bar.getArguments().get(0);
                if (firstBar < 0) firstBar = number;
                assertThat((long) number).isEqualTo(w.targetBar());
                assertThat(next(m -> m.getAddress().equals(R + "/chord")).getArguments().get(0)).isInstanceOf(String.class);
                assertThat((Float) next(m -> m.getAddress().equals(R + "/inference")).getArguments().get(0)).isGreaterThanOrEqualTo(0f);
                assertThat(next(m -> m.getAddress().equals(R + "/misses")).getArguments().get(0)).isInstanceOf(Integer.class);
                bars++;
            }
            Thread.sleep(10);
        }
        assertThat(bars).isEqualTo(3);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private void send(String address, Object... args) throws Exception {
        client.send(new OSCMessage(address, List.of(args)));
    }

    /** Asks for the state until {@code ready} holds for it (changes are applied on the engine's threads). */
    private List<OSCMessage> awaitState(java.util.function.Predicate<List<OSCMessage>> ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<OSCMessage> state = List.of();
        while (System.nanoTime() < deadline) {
            send(R + "/state");
            java.util.ArrayList<OSCMessage> collected = new java.util.ArrayList<>();
            for (OSCMessage m = next(x -> x.getAddress().startsWith(R + "/state/")); !m.getAddress().equals(R + "/state/end");
                 m = next(x -> x.getAddress().startsWith(R + "/state/"))) {
                collected.add(m);
            }
            state = collected;
            if (ready.test(state)) return state;
            Thread.sleep(50);
        }
        throw new AssertionError("state never became as expected: " + describe(state));
    }

    private OSCMessage next(java.util.function.Predicate<OSCMessage> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            OSCMessage m = replies.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && wanted.test(m)) return m;
        }
        throw new AssertionError("no reply came back in 5 s");
    }

    private static List<Object> args(List<OSCMessage> state, String key) {
        for (OSCMessage m : state) if (m.getAddress().equals(R + "/state/" + key)) return m.getArguments();
        throw new AssertionError("state has no " + key + ": " + describe(state));
    }

    private static boolean has(List<OSCMessage> state, String key) {
        return state.stream().anyMatch(m -> m.getAddress().equals(R + "/state/" + key));
    }

    private static Object value(List<OSCMessage> state, String key) {
        return args(state, key).get(0);
    }

    private static String describe(List<OSCMessage> state) {
        return state.stream().map(m -> m.getAddress().substring(R.length() + 7) + "=" + m.getArguments()).toList().toString();
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
