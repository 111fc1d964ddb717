package org.analogy.engine.osc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.illposed.osc.MessageSelector;
import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCMessageEvent;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.transport.OSCPortIn;
import com.illposed.osc.transport.OSCPortOut;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.Limits;
import org.analogy.engine.band.Band;
import org.analogy.engine.midi.HostileFiles;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.schedule.RecordingOutput;

/**
 * A hostile sender on loopback: packets that once killed the OSC thread, redirected the replies, made
 * hundreds of replies or a reply too large to send. Each is refused in one {@code /analogy/error}, and the
 * server and the engine go on serving afterwards.
 */
class OscHostileIT {

    private static final String R = OscCommands.ROOT;

    private LiveEngine engine;
    private OscServer server;
    private OSCPortOut client;
    private OSCPortIn listener;
    private final BlockingQueue<OSCMessage> replies = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        engine = new LiveEngine(EngineConfig.defaults().withBpm(240), new EchoProcessor(), List.of(new RecordingOutput()));
        server = OscServer.start(engine, new OscCommands(engine, null, Band.standIns()), OscServer.DEFAULT_BIND, 0,
                Set.of(InetAddress.getByName("192.0.2.7")), line -> { });
        client = new OSCPortOut(server.localAddress());
        int replyPort;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            replyPort = s.getLocalPort();
        }
        listener = new OSCPortIn(new InetSocketAddress(InetAddress.getLoopbackAddress(), replyPort));
        listener.getDispatcher().addListener(new MessageSelector() {
            @Override public boolean isInfoRequired() {
                return false;
            }

            @Override public boolean matches(OSCMessageEvent event) {
                return true;
            }
        }, event -> replies.add(event.getMessage()));
        listener.startListening();
        client.send(new OSCMessage(R + "/reply", List.of("127.0.0.1", replyPort)));
        engine.play();
        stillServing();
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
    void aBundleNestedThousandsDeepIsRefusedAndTheThreadLivesOn() throws Exception {
        byte[] message = messageBytes(R + "/state");
        byte[] packet = message;
        for (int i = 0; i < 3000; i++) packet = bundleOf(packet);
        sendRaw(packet);
        assertThat(nextError()).contains("nested deeper than " + Limits.MAX_OSC_BUNDLE_DEPTH);
        byte[] allowed = message;
        for (int i = 0; i < Limits.MAX_OSC_BUNDLE_DEPTH; i++) allowed = bundleOf(allowed);
        sendRaw(allowed);
        awaitStateEnd();
        assertThat(server.restarts()).isZero();
        stillServing();
    }

    @Test
    void theFarOffFileThroughOscIsRefusedNamingTheLimitAndTheEngineDrivesOn(@TempDir Path dir) throws Exception {
        Path far = Files.write(dir.resolve("far.mid"), HostileFiles.farOffNoteOff());
        long barsBefore = engine.metrics().barsGenerated.get();
        client.send(new OSCMessage(R + "/chords/file", List.of(far.toString())));
        assertThat(nextError()).startsWith(R + "/chords/file").contains("longest song");
        client.send(new OSCMessage(R + "/chords/file", List.of("/dev/zero")));
        assertThat(nextError()).contains("not a regular file");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (engine.metrics().barsGenerated.get() < barsBefore + 2 && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(engine.metrics().barsGenerated.get()).as("bars generated after the file").isGreaterThanOrEqualTo(barsBefore + 2);
        stillServing();
    }

    @Test
    void replyTargetsAreNumericAndLoopbackUnlessAllowed() throws Exception {
        client.send(new OSCMessage(R + "/reply", List.of("localhost", 9)));
        assertThat(nextError()).contains("'localhost' is not a numeric address");
        client.send(new OSCMessage(R + "/reply", List.of("10.1.2.3", 9)));
        assertThat(nextError()).contains("10.1.2.3 is not allowed as a reply target").contains("--osc-allow 10.1.2.3");
        client.send(new OSCMessage(R + "/reply", List.of("::ffff:zz", 9)));
        assertThat(nextError()).contains("not a numeric address");
        stillServing(); // the refused targets left the reply address as it was
        assertThat(server.replyTarget("192.0.2.7", 9000).getAddress().getHostAddress()).isEqualTo("192.0.2.7");
        assertThat(server.replyTarget("::1", 9000).getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void oneBundleGetsABoundedNumberOfReplies() throws Exception {
        List<OSCPacket> asks = new ArrayList<>();
        for (int i = 0; i < Limits.MAX_OSC_MESSAGES_PER_PACKET; i++) asks.add(new OSCMessage(R + "/state"));
        client.send(new OSCBundle(asks));
        int ends = 0;
        String withheld = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < deadline) {
            OSCMessage m = replies.poll(100, TimeUnit.MILLISECONDS);
            if (m == null) continue;
            if (m.getAddress().equals(R + "/state/end")) ends++;
            if (m.getAddress().equals(R + "/error")) withheld = (String) m.getArguments().get(0);
        }
        assertThat(ends).isEqualTo(Limits.MAX_OSC_REPLIES_PER_PACKET);
        assertThat(withheld).isEqualTo((Limits.MAX_OSC_MESSAGES_PER_PACKET - Limits.MAX_OSC_REPLIES_PER_PACKET)
                + " more replies to this packet withheld (at most " + Limits.MAX_OSC_REPLIES_PER_PACKET + " per packet)");

        asks.add(new OSCMessage(R + "/state"));
        client.send(new OSCBundle(asks));
        assertThat(nextError()).contains("more than " + Limits.MAX_OSC_MESSAGES_PER_PACKET + " messages");
    }

    @Test
    void aStateLargerThanADatagramArrivesInPiecesWithLongTextCut() throws Exception {
        StringBuilder chart = new StringBuilder();
        for (int i = 0; i < 4000; i++) chart.append(i % 2 == 0 ? "Cmaj7 " : "Am7 ");
        client.send(new OSCMessage(R + "/chords/chart", List.of(chart.toString())));
        List<OSCMessage> state = awaitStateEnd();
        String chords = state.stream().filter(m -> m.getAddress().equals(R + "/state/chords"))
                .map(m -> (String) m.getArguments().get(0)).findFirst().orElseThrow();
        assertThat(chords).startsWith("chart: Cmaj7 | Am7").endsWith("…");
        assertThat(chords.length()).isLessThan(Limits.MAX_OSC_DATAGRAM_BYTES);
        for (List<OSCMessage> datagram : OscServer.datagrams(server.state())) {
            assertThat(datagram).isNotEmpty();
        }
    }

    // ---- helpers ----

    private void stillServing() throws Exception {
        awaitStateEnd();
    }

    private List<OSCMessage> awaitStateEnd() throws Exception {
        replies.clear();
        client.send(new OSCMessage(R + "/state"));
        List<OSCMessage> state = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            OSCMessage m = replies.poll(100, TimeUnit.MILLISECONDS);
            if (m == null) continue;
            state.add(m);
            if (m.getAddress().equals(R + "/state/end")) return state;
        }
        throw new AssertionError("no state came back in 5 s");
    }

    private String nextError() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            OSCMessage m = replies.poll(100, TimeUnit.MILLISECONDS);
            if (m != null && m.getAddress().equals(R + "/error")) return (String) m.getArguments().get(0);
        }
        throw new AssertionError("no /analogy/error came back in 5 s");
    }

    private void sendRaw(byte[] packet) throws Exception {
        try (DatagramSocket raw = new DatagramSocket()) {
            raw.send(new DatagramPacket(packet, packet.length, server.localAddress()));
        }
    }

    /** An OSC message with no arguments: the address and the type tag ",", each padded to 4 bytes. */
    private static byte[] messageBytes(String address) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writePadded(out, address.getBytes(StandardCharsets.US_ASCII));
        writePadded(out, new byte[] {','});
        return out.toByteArray();
    }

    private static byte[] bundleOf(byte[] element) {
        ByteBuffer b = ByteBuffer.allocate(16 + 4 + element.length);
        b.put("#bundle\0".getBytes(StandardCharsets.US_ASCII)).putLong(1L).putInt(element.length).put(element);
        return b.array();
    }

    private static void writePadded(ByteArrayOutputStream out, byte[] text) {
        out.writeBytes(text);
        int pad = 4 - text.length % 4;
        for (int i = 0; i < pad; i++) out.write(0);
    }
}
