package org.analogy.engine.osc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.illposed.osc.OSCBundle;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCPacket;
import com.illposed.osc.OSCParseException;
import com.illposed.osc.OSCParser;
import com.illposed.osc.OSCSerializerAndParserBuilder;
import com.illposed.osc.transport.OSCPortOut;

import org.analogy.engine.Limits;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.health.BarStatus;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;

/**
 * OSC control of a running engine over UDP. One thread receives, checks ({@link OscCommands}) and calls the
 * control API, which returns at once, so nothing here can hold up the engine; state comes from the engine's
 * snapshots. Replies (state, errors, per-bar events) go to the address set with {@code /analogy/reply s i},
 * or, until one is set, back to the sender of the message being answered.
 *
 * <p>Hostile senders: a reply address must be a numeric address (no name is looked up on this thread) on
 * this machine's loopback interface, or one the user allowed ({@code --osc-allow}); bundles nest at most
 * {@link Limits#MAX_OSC_BUNDLE_DEPTH} deep and hold at most {@link Limits#MAX_OSC_MESSAGES_PER_PACKET}
 * messages, checked on the raw bytes before parsing; one packet gets at most
 * {@link Limits#MAX_OSC_REPLIES_PER_PACKET} replies; replies go out in datagrams of at most
 * {@link Limits#MAX_OSC_DATAGRAM_BYTES}. No message can end the thread: whatever one throws, errors included
 * ({@code StackOverflowError}, {@code OutOfMemoryError}), is refused and counted, and if the receive loop
 * itself fails it is started again and counted in {@link #restarts()}.
 */
public final class OscServer implements AutoCloseable {

    /** Bound to the loopback interface unless the caller names another address. */
    public static final String DEFAULT_BIND = "127.0.0.1";
    private static final int MAX_PACKET = 65_507;

    private final LiveEngine engine;
    private final OscCommands commands;
    private final DatagramChannel channel;
    private final OSCParser parser = new OSCSerializerAndParserBuilder().buildParser();
    private final Consumer<String> log;
    private final Thread thread;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final Set<InetAddress> allowedReplyTargets;
    /** Replies left for the packet being handled (only the OSC thread touches it). */
    private int repliesLeft;
    private int repliesWithheld;
    private volatile boolean closed;
    /** Where replies and bar events go: set by /analogy/reply; the OSC thread writes it, the bar feed reads it. */
    private volatile SocketAddress replyTo;
    private volatile String presetName;
    private OSCPortOut out;
    private SocketAddress outTarget;

    private OscServer(LiveEngine engine, OscCommands commands, DatagramChannel channel, Set<InetAddress> allowed,
                      Consumer<String> log) {
        this.allowedReplyTargets = Set.copyOf(allowed);
        this.engine = engine;
        this.commands = commands;
        this.channel = channel;
        this.log = log;
        this.presetName = engine.controls().style().name();
        this.thread = new Thread(this::serve, "analogy-osc");
        thread.setDaemon(true);
    }

    /**
     * Binds {@code bindAddress:port} (port 0: any free one) and starts receiving.
     *
     * @throws IOException naming the address when it cannot be bound (in use, not an address of this machine)
     */
    public static OscServer start(LiveEngine engine, OscCommands commands, String bindAddress, int port,
                                  Consumer<String> log) throws IOException {
        return start(engine, commands, bindAddress, port, Set.of(), log);
    }

    /**
     * As {@link #start(LiveEngine, OscCommands, String, int, Consumer)}, with reply targets allowed beyond
     * loopback ({@code --osc-allow}).
     */
    public static OscServer start(LiveEngine engine, OscCommands commands, String bindAddress, int port,
                                  Set<InetAddress> allowedReplyTargets, Consumer<String> log) throws IOException {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--osc " + port + ": allowed 1–65535 (0: any free port)");
        InetAddress bind;
        try {
            bind = InetAddress.getByName(bindAddress);
        } catch (IOException e) {
            throw new IOException("--osc-bind " + bindAddress + ": not an address of this machine (" + e.getMessage() + ")", e);
        }
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(bind, port));
        } catch (IOException e) {
            channel.close();
            throw new IOException("OSC cannot listen on " + bindAddress + ":" + port + " (" + e.getMessage() + ")", e);
        }
        OscServer server = new OscServer(engine, commands, channel, allowedReplyTargets, log);
        server.thread.start();
        return server;
    }

    /** The address actually bound (the port chosen when 0 was asked for). */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    public long received() {
        return received.get();
    }

    public long refused() {
        return refused.get();
    }

    /** Times the receive loop failed and was started again. */
    public long restarts() {
        return restarts.get();
    }

    /** The receive loop, started again whenever it fails, until the server is closed. */
    private void serve() {
        while (!closed) {
            try {
                receive();
            } catch (Throwable t) {
                if (closed) return;
                restarts.incrementAndGet();
                try {
                    log.accept("OSC receive loop failed (" + t + "); started again");
                } catch (Throwable ignored) {
                    // not even a log line: keep serving
                }
            }
        }
    }

    private void receive() {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_PACKET);
        while (!closed) {
            SocketAddress sender;
            try {
                buffer.clear();
                sender = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) log.accept("OSC receive failed: " + e.getMessage());
                continue;
            }
            buffer.flip();
            repliesLeft = Limits.MAX_OSC_REPLIES_PER_PACKET;
            repliesWithheld = 0;
            try {
                String shape = OscPacketShape.refusal(buffer);
                if (shape != null) {
                    refused.incrementAndGet();
                    reply(List.of(error("packet refused: " + shape)), sender);
                    continue;
                }
                OSCPacket packet = parser.convert(buffer);
                dispatch(packet, sender);
            } catch (OSCParseException | RuntimeException e) {
                // Not OSC, truncated, or an argument type the parser does not know: say so, change nothing.
                refused.incrementAndGet();
                reply(List.of(error("not a valid OSC packet (" + e.getMessage() + ")")), sender);
            } catch (Error e) {
                // Whatever a message made the library or the engine throw (a stack or the heap exhausted),
                // it is that message's failure, not the server's: refuse it and keep serving.
                refused.incrementAndGet();
                reply(List.of(error("packet refused: " + e.getClass().getSimpleName())), sender);
            }
            if (repliesWithheld > 0) {
                repliesLeft = 1;
                reply(List.of(error(repliesWithheld + " more replies to this packet withheld (at most "
                        + Limits.MAX_OSC_REPLIES_PER_PACKET + " per packet)")), sender);
            }
        }
    }

    private static OSCMessage error(String text) {
        return new OSCMessage(OscCommands.ROOT + "/error", List.of(text));
    }

    /** Sends a reply to one packet, unless the packet has had its share. */
    private void reply(List<OSCMessage> messages, SocketAddress sender) {
        if (repliesLeft <= 0) {
            repliesWithheld++;
            return;
        }
        repliesLeft--;
        send(messages, sender);
    }

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /**
     * A reply target: a numeric address (never a name: no lookup on this thread) that is loopback or
     * allowed with {@code --osc-allow}.
     */
    InetSocketAddress replyTarget(String host, int port) throws OscCommands.OscException {
        String address = OscCommands.ROOT + "/reply";
        InetAddress ip = numericAddress(host);
        if (ip == null) {
            throw new OscCommands.OscException(address + ": '" + clip(host) + "' is not a numeric address (names are not looked up)");
        }
        if (!ip.isLoopbackAddress() && !allowedReplyTargets.contains(ip)) {
            throw new OscCommands.OscException(address + ": " + ip.getHostAddress() + " is not allowed as a reply target"
                    + " (loopback only; start with --osc-allow " + ip.getHostAddress() + " to allow it)");
        }
        return new InetSocketAddress(ip, port);
    }

    /** The address a numeric literal (IPv4 dotted or IPv6) stands for, or null when it is not one; never a lookup. */
    public static InetAddress numericAddress(String host) {
        boolean numeric = IPV4.matcher(host).matches() || (host.contains(":") && IPV6.matcher(host).matches());
        if (!numeric) return null;
        try {
            return InetAddress.getByName(host); // a literal: parsed, not resolved
        } catch (IOException e) {
            return null;
        }
    }

    private static String clip(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    private void dispatch(OSCPacket packet, SocketAddress sender) {
        if (packet instanceof OSCBundle bundle) {
            for (OSCPacket p : bundle.getPackets()) dispatch(p, sender);
            return;
        }
        OSCMessage message = (OSCMessage) packet;
        received.incrementAndGet();
        try {
            OscCommands.Effect effect = commands.handle(message.getAddress(), message.getArguments());
            if (effect instanceof OscCommands.Reply r) {
                replyTo = replyTarget(r.host(), r.port());
            } else if (effect instanceof OscCommands.State) {
                reply(state(), sender);
            }
            if (message.getAddress().equals(OscCommands.ROOT + "/preset")) presetName = engine.controls().style().name();
        } catch (OscCommands.OscException e) {
            refused.incrementAndGet();
            reply(List.of(error(e.getMessage())), sender);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // The control API refused something the checks let through, or the input was too much for it
            // (a stack or the heap exhausted, freed again when the call unwound): report it, keep serving.
            refused.incrementAndGet();
            reply(List.of(error(message.getAddress() + ": " + (e instanceof Error ? e.getClass().getSimpleName() : e.getMessage()))), sender);
        }
    }

    /** The engine's state as a bundle of messages under /analogy/state/…, ending with /analogy/state/end. */
    List<OSCMessage> state() {
        ControlSnapshot c = engine.controls();
        var timeline = engine.timeline();
        var m = engine.metrics();
        List<OSCMessage> out = new ArrayList<>();
        String s = OscCommands.ROOT + "/state/";
        out.add(new OSCMessage(s + "tempo", List.of((float) timeline.bpm())));
        out.add(new OSCMessage(s + "playing", List.of(timeline.running() ? 1 : 0)));
        out.add(new OSCMessage(s + "meter", List.of(timeline.meter().toString())));
        out.add(new OSCMessage(s + "mode", List.of(engine.mode())));
        out.add(new OSCMessage(s + "preset", List.of(c.style().name())));
        out.add(new OSCMessage(s + "chord", List.of(engine.chordInUse().isNone() ? "—" : engine.chordInUse().toSymbol())));
        out.add(new OSCMessage(s + "echo/bars", List.of(c.echoDelayBars())));
        out.add(new OSCMessage(s + "echo/transpose", List.of(c.echoTranspose())));
        out.add(new OSCMessage(s + "velocity", List.of((float) c.velocityScale())));
        out.add(new OSCMessage(s + "chords", List.of(c.style().chords().describe())));
        out.add(new OSCMessage(s + "looper/bars", List.of(c.style().loopBars())));
        out.add(new OSCMessage(s + "looper/overdub", List.of(c.style().overdub() ? 1 : 0)));
        for (String part : List.of("melody", "accompaniment")) {
            var o = part.equals("melody") ? c.style().melody() : c.style().accompaniment();
            String base = s + "part/" + part + "/";
            out.add(new OSCMessage(base + "channel", List.of((part.equals("melody") ? c.melodyChannel() : c.accompanimentChannel()) + 1)));
            out.add(new OSCMessage(base + "program", List.of(o.program())));
            out.add(new OSCMessage(base + "velocity", List.of((float) o.velocity())));
            out.add(new OSCMessage(base + "register", List.of(o.low(), o.high())));
        }
        var band = c.style().band();
        if (band.hasBass()) {
            var o = band.bass().sound();
            String base = s + "part/bass/";
            out.add(new OSCMessage(base + "channel", List.of(band.bass().channel() + 1)));
            out.add(new OSCMessage(base + "program", List.of(o.program())));
            out.add(new OSCMessage(base + "velocity", List.of((float) o.velocity())));
            out.add(new OSCMessage(base + "register", List.of(o.low(), o.high())));
        }
        if (band.hasDrums()) {
            String base = s + "part/drums/";
            out.add(new OSCMessage(base + "channel", List.of(band.drums().channel() + 1)));
            out.add(new OSCMessage(base + "velocity", List.of((float) band.drums().sound().velocity())));
        }
        for (var part : org.analogy.engine.style.BandSettings.MIXABLE) {
            String base = s + "part/" + part.trackName() + "/";
            out.add(new OSCMessage(base + "mute", List.of(band.muted().contains(part) ? 1 : 0)));
            out.add(new OSCMessage(base + "solo", List.of(band.soloed().contains(part) ? 1 : 0)));
        }
        for (Factor f : Factor.values()) {
            FactorTransform t = c.style().transform(f);
            String base = s + "factor/" + f.key() + "/";
            out.add(new OSCMessage(base + "kind", List.of(t.kind().key())));
            out.add(new OSCMessage(base + "references", List.copyOf(t.references())));
            out.add(new OSCMessage(base + "alpha", List.of((float) t.alpha())));
            out.add(new OSCMessage(base + "xy", List.of((float) t.x(), (float) t.y())));
            out.add(new OSCMessage(base + "temperature", List.of((float) t.temperature())));
            // i when it fits (what /seed takes), h for a preset's larger seed.
            out.add(new OSCMessage(base + "seed", List.of(t.seed() == (int) t.seed() ? (Object) (int) t.seed() : (Object) t.seed())));
            t.attributes().forEach((name, amount) -> out.add(new OSCMessage(base + "attribute/" + name, List.of(amount.floatValue()))));
        }
        out.add(new OSCMessage(s + "bars", List.of((int) m.barsGenerated.get())));
        out.add(new OSCMessage(s + "misses", List.of((int) m.deadlineMisses.get())));
        out.add(new OSCMessage(s + "late", List.of((int) m.lateEventsDropped.get())));
        out.add(new OSCMessage(s + "errors", List.of((int) m.processorErrors.get())));
        String error = engine.lastError();
        out.add(new OSCMessage(s + "last-error", List.of(error == null ? "" : error)));
        out.add(new OSCMessage(s + "end", List.of()));
        return out;
    }

    /**
     * Sends a bar's events to the reply address (nothing when none is set): /analogy/bar i, /analogy/chord s,
     * /analogy/inference f (ms), /analogy/misses i, /analogy/late i. Called by the status reader, once per bar.
     */
    public void barPlayed(BarStatus bar) {
        SocketAddress target = replyTo;
        if (target == null || closed) return;
        String r = OscCommands.ROOT;
        send(List.of(new OSCMessage(r + "/bar", List.of((int) bar.bar())),
                new OSCMessage(r + "/chord", List.of(bar.chord())),
                new OSCMessage(r + "/inference", List.of((float) bar.inferenceMillis())),
                new OSCMessage(r + "/misses", List.of((int) bar.misses())),
                new OSCMessage(r + "/late", List.of((int) bar.lateDropped()))), target);
    }

    private synchronized void send(List<OSCMessage> messages, SocketAddress sender) {
        SocketAddress target = replyTo != null ? replyTo : sender;
        if (target == null || closed) return;
        try {
            if (out == null || !target.equals(outTarget)) {
                if (out != null) out.close();
                out = new OSCPortOut(target);
                outTarget = target;
            }
            for (List<OSCMessage> datagram : datagrams(messages)) {
                out.send(datagram.size() == 1 ? datagram.get(0) : new OSCBundle(new ArrayList<>(datagram)));
            }
        } catch (Exception e) {
            // The listener is gone or unreachable; the next reply tries again.
            log.accept("OSC reply to " + target + " failed: " + e.getMessage());
        }
    }

    /**
     * Messages grouped into datagrams of at most {@link Limits#MAX_OSC_DATAGRAM_BYTES} (by their encoded size,
     * counted conservatively), so a large state reply arrives as several bundles instead of not at all; text
     * longer than a datagram allows is cut, with "…" to say so.
     */
    static List<List<OSCMessage>> datagrams(List<OSCMessage> messages) {
        int budget = Limits.MAX_OSC_DATAGRAM_BYTES - 16; // the bundle header and time tag
        List<List<OSCMessage>> out = new ArrayList<>();
        List<OSCMessage> current = new ArrayList<>();
        int used = 0;
        for (OSCMessage m : messages) {
            OSCMessage fitted = fitted(m, budget - 4);
            int size = 4 + encodedSize(fitted);
            if (!current.isEmpty() && used + size > budget) {
                out.add(current);
                current = new ArrayList<>();
                used = 0;
            }
            current.add(fitted);
            used += size;
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    private static OSCMessage fitted(OSCMessage m, int budget) {
        if (encodedSize(m) <= budget) return m;
        List<Object> args = new ArrayList<>();
        int room = Math.max(16, (budget - padded(m.getAddress().length() + 1) - padded(m.getArguments().size() + 2))
                / Math.max(1, m.getArguments().size()) - 8);
        for (Object a : m.getArguments()) {
            args.add(a instanceof String text && text.length() > room ? text.substring(0, room - 2) + "…" : a);
        }
        return new OSCMessage(m.getAddress(), args);
    }

    /** An upper bound of the message's OSC encoding (UTF-8 text counted at 3 bytes a char). */
    private static int encodedSize(OSCMessage m) {
        int size = padded(m.getAddress().length() * 3 + 1) + padded(m.getArguments().size() + 2);
        for (Object a : m.getArguments()) size += a instanceof String text ? padded(text.length() * 3 + 1) : 8;
        return size;
    }

    private static int padded(int bytes) {
        return (bytes + 3) & ~3;
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    // closing anyway
                }
                out = null;
            }
        }
    }
}
