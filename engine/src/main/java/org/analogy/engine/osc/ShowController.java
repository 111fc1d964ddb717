package org.analogy.engine.osc;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import com.illposed.osc.MessageSelector;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCMessageEvent;
import com.illposed.osc.transport.OSCPortIn;
import com.illposed.osc.transport.OSCPortOut;

/**
 * A stand-in for the show controller of an installation, for long runs: it sends the OSC server a steady
 * mix of what such a controller sends — tempo, echo and velocity moves, every kind of factor transform with
 * the shipped clips and its knobs moved, presets and chord charts now and then, state queries, panic — with about one message in
 * ten a mistake (out of range, unknown clip or address, wrong type) that must be refused. Replies (state,
 * errors, per-bar events) come back to its own port and are counted. Deterministic for a given seed.
 */
public final class ShowController implements AutoCloseable {

    private static final String R = OscCommands.ROOT;
    private static final String[] FACTORS = {"pitch", "rhythm", "chord", "texture"};
    private static final String[] CHARTS = {"C G | Am F", "Dm7 G7 | Cmaj7", "Am | F | C | G", "C | C7 | F | Fm"};

    private final OSCPortOut out;
    private final OSCPortIn in;
    private final Thread thread;
    private final long periodNanos;
    private final double baseBpm;
    private final List<String> clips;
    private final List<String> presets;
    private final Random random;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final int replyPort;
    /** Which factor each knob (slerp, xy, sample) belongs to now, as far as this controller knows. */
    private final java.util.Map<String, String> knobs = new java.util.HashMap<>();
    private volatile boolean closed;

    /**
     * @param server         the OSC server's address
     * @param messagesPerSecond how often to send (e.g. 2)
     * @param baseBpm        tempo moves stay within ±10 BPM of it
     * @param clips          reference clip names to use (at least four)
     * @param presets        preset names to switch between now and then (may be empty)
     */
    public ShowController(SocketAddress server, double messagesPerSecond, double baseBpm, List<String> clips,
                          List<String> presets, long seed) throws IOException {
        if (!(messagesPerSecond > 0 && messagesPerSecond <= 1000)) {
            throw new IllegalArgumentException("OSC messages per second " + messagesPerSecond + ": allowed above 0, up to 1000");
        }
        if (clips.size() < 4) throw new IllegalArgumentException("the show controller needs at least 4 reference clips, found " + clips.size());
        this.periodNanos = (long) (1e9 / messagesPerSecond);
        this.baseBpm = baseBpm;
        this.clips = List.copyOf(clips);
        this.presets = List.copyOf(presets);
        this.random = new Random(seed);
        this.out = new OSCPortOut(server);
        this.replyPort = freeLoopbackPort();
        this.in = new OSCPortIn(new InetSocketAddress(InetAddress.getLoopbackAddress(), replyPort));
        in.setDaemonListener(true);
        in.getDispatcher().addListener(new MessageSelector() {
            @Override public boolean isInfoRequired() { return false; }
            @Override public boolean matches(OSCMessageEvent event) { return true; }
        }, event -> {
            replies.incrementAndGet();
            if (event.getMessage().getAddress().equals(R + "/error")) errors.incrementAndGet();
        });
        this.thread = new Thread(this::run, "show-controller");
        thread.setDaemon(true);
    }

    public ShowController start() throws IOException {
        in.startListening();
        try {
            out.send(new OSCMessage(R + "/reply", List.of(InetAddress.getLoopbackAddress().getHostAddress(), replyPort)));
        } catch (com.illposed.osc.OSCSerializeException e) {
            throw new IOException("cannot encode the /reply message: " + e.getMessage(), e);
        }
        sent.incrementAndGet();
        thread.start();
        return this;
    }

    /** Messages sent so far. */
    public long sent() { return sent.get(); }

    /** Messages received back (state, bar events, errors). */
    public long replies() { return replies.get(); }

    /** {@code /analogy/error} replies among them. */
    public long errors() { return errors.get(); }

    private void run() {
        long next = System.nanoTime();
        while (!closed) {
            next += periodNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime(); // fell behind (a pause): carry on at the rate, no burst to catch up
            }
            if (closed) return;
            try {
                out.send(next());
                sent.incrementAndGet();
            } catch (Exception e) {
                if (closed) return;
                // The server went away for a moment: the next message tries again.
            }
        }
    }

    /** One message of the mix. */
    OSCMessage next() {
        String f = FACTORS[random.nextInt(FACTORS.length)];
        String factor = R + "/factor/" + f;
        int pick = random.nextInt(100);
        if (pick < 10) return mistake(factor);
        if (pick < 18) return new OSCMessage(R + "/state", List.of());
        if (pick < 26) return new OSCMessage(R + "/tempo", List.of((float) (baseBpm - 10 + random.nextInt(21))));
        if (pick < 31) return new OSCMessage(R + "/echo/transpose", List.of(random.nextInt(25) - 12));
        if (pick < 34) return new OSCMessage(R + "/echo/bars", List.of(random.nextBoolean() ? 1 : 2));
        if (pick < 38) return new OSCMessage(R + "/velocity", List.of(0.6f + 0.8f * random.nextFloat()));
        if (pick < 44) return setUp(f, null, new OSCMessage(factor + "/swap", List.of(clip())));
        // Knob moves go to the factor the controller last set up for that knob, as a control surface's page
        // would; with no such factor (a preset came in, or the factor was switched to something else) the
        // controller sets one up first.
        if (pick < 50 || (pick < 58 && !knobs.containsKey("slerp"))) {
            return setUp(f, "slerp", new OSCMessage(factor + "/slerp", List.of(clip(), random.nextFloat())));
        }
        if (pick < 58) return new OSCMessage(knob("slerp") + "/alpha", List.of(random.nextFloat()));
        if (pick < 63 || (pick < 71 && !knobs.containsKey("xy"))) {
            return setUp(f, "xy", new OSCMessage(factor + "/xy", List.of(clip(), clip(), clip(), clip(), random.nextFloat(), random.nextFloat())));
        }
        if (pick < 71) return new OSCMessage(knob("xy") + "/xy", List.of(random.nextFloat(), random.nextFloat()));
        if (pick < 75 || (pick < 82 && !knobs.containsKey("sample"))) {
            return setUp(f, "sample", random.nextBoolean() ? new OSCMessage(factor + "/sample", List.of(2 * random.nextFloat()))
                    : new OSCMessage(factor + "/sample", List.of(2 * random.nextFloat(), clip())));
        }
        if (pick < 80) return new OSCMessage(knob("sample") + "/temperature", List.of(2 * random.nextFloat()));
        if (pick < 82) return new OSCMessage(knob("sample") + "/seed", List.of(random.nextInt(1000)));
        if (pick < 88) return setUp(f, null, new OSCMessage(factor + "/source", List.of(random.nextBoolean() ? "live" : "preset")));
        if (pick < 93) return setUp(f, null, new OSCMessage(factor + "/freeze", List.of(random.nextInt(2))));
        if (pick < 95 && !presets.isEmpty()) {
            knobs.clear(); // a preset brings its own transforms
            return new OSCMessage(R + "/preset", List.of(presets.get(random.nextInt(presets.size()))));
        }
        if (pick < 97) return new OSCMessage(R + "/chords/chart", List.of(CHARTS[random.nextInt(CHARTS.length)]));
        if (pick < 98) return new OSCMessage(R + "/part/accompaniment/velocity", List.of(0.5f + random.nextFloat()));
        return new OSCMessage(R + "/panic", List.of());
    }

    /** Remembers which factor now has the knob of {@code kind} (none: the factor lost whatever it had). */
    private OSCMessage setUp(String factor, String kind, OSCMessage message) {
        knobs.values().remove(factor);
        if (kind != null) knobs.put(kind, factor);
        return message;
    }

    private String knob(String kind) {
        return R + "/factor/" + knobs.get(kind);
    }

    private OSCMessage mistake(String factor) {
        return switch (random.nextInt(8)) {
            case 0 -> new OSCMessage(R + "/tempo", List.of(500f));
            case 1 -> new OSCMessage(R + "/tempo", List.of("fast"));
            case 2 -> new OSCMessage(factor + "/swap", List.of("no-such-clip"));
            case 3 -> new OSCMessage(factor + "/slerp", List.of(clip(), 1.5f));
            case 4 -> new OSCMessage(factor + "/xy", List.of(clip(), clip(), 0.5f, 0.5f));
            case 5 -> new OSCMessage(R + "/no/such/address", List.of(1));
            case 6 -> new OSCMessage(R + "/count-in", List.of(99));
            default -> new OSCMessage(factor + "/sample", List.of(-1f));
        };
    }

    /** The reply port: OSCPortIn does not tell which port it was given for 0, so one is found first. */
    private static int freeLoopbackPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private String clip() {
        return clips.get(random.nextInt(clips.size()));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            in.stopListening();
            in.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            out.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
