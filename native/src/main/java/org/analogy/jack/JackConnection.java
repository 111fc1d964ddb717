package org.analogy.jack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;

import org.analogy.engine.midi.MidiMessageHandler;
import org.analogy.engine.midi.MidiPortException;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.Part;
import org.analogy.engine.spi.MidiBackend;

/**
 * One JACK client and everything around it: its ports, the relay thread, auto-connection, transport, and
 * recovery. When the server goes away the outputs report themselves unavailable (the engine plays on
 * without them), a notice says so, and the relay thread tries to open the client again, at intervals from a
 * quarter of a second doubling up to four seconds; when
 * it succeeds the same ports are registered and connected again and a notice says that too.
 *
 * <p>Methods here run on ordinary threads and may block on JACK; none is called from the process thread.
 */
final class JackConnection implements MidiBackend.Connection {

    private static final long RELAY_PARK_NANOS = 1_000_000;
    private static final long TRANSPORT_INTERVAL_NANOS = 5_000_000;
    private static final long AUTOCONNECT_INTERVAL_NANOS = 1_000_000_000;
    private static final long CALIBRATE_INTERVAL_NANOS = 2_000_000_000;
    /** Reconnection attempts back off from the first to the longest interval, doubling each time. */
    private static final long RECONNECT_FIRST_NANOS = 250_000_000;
    private static final long RECONNECT_LONGEST_NANOS = 4_000_000_000L;

    /** An output port as registered, so it can be registered again on a new client. */
    private static final class OutputPort {
        final MidiCycle.Output cyclePort;
        final String connectPattern;
        JackPort jackPort;

        OutputPort(MidiCycle.Output cyclePort, String connectPattern) {
            this.cyclePort = cyclePort;
            this.connectPattern = connectPattern;
        }
    }

    private final String requestedName;
    private final Consumer<String> notices;
    private final MidiCycle cycle = new MidiCycle();
    private final Object lock = new Object();
    private final List<OutputPort> outputPorts = new ArrayList<>();
    private final Thread relay;

    private volatile JackClient client;
    private volatile boolean connected;
    private volatile boolean serverGone;
    private volatile boolean closed;
    private volatile MidiMessageHandler inputHandler;
    private volatile FrameListener inputListener;
    private volatile JackTransport transport;
    private String inputPattern;
    private boolean wantsInput;
    private JackPort inputPort;
    private int sampleRate;
    private int periodFrames;
    /** The period when the outputs were sized (their send-ahead is fixed then). */
    private int firstPeriodFrames;
    private long reconnects;
    private final java.util.concurrent.atomic.AtomicLong xruns = new java.util.concurrent.atomic.AtomicLong();
    /** JACK's notification thread; held here so that JNA keeps their native stubs. */
    private final JackNative.ShutdownCallback onShutdown = arg -> serverGone = true;
    private final JackNative.XrunCallback onXrun = arg -> {
        xruns.incrementAndGet();
        return 0;
    };

    private JackConnection(String requestedName, Consumer<String> notices) {
        this.requestedName = requestedName;
        this.notices = notices;
        this.relay = new Thread(this::relayLoop, "analogy-jack");
        relay.setDaemon(true);
        JackNative.keepAttached(onShutdown, "analogy-jack-notify");
        JackNative.keepAttached(onXrun, "analogy-jack-notify");
    }

    /** Opens the client; fails with a message for the user when there is no JACK library or server. */
    static JackConnection open(String clientName, Consumer<String> notices) throws Exception {
        JackConnection c = new JackConnection(clientName, notices);
        synchronized (c.lock) {
            c.connect();
        }
        c.relay.start();
        return c;
    }

    // ---- MidiBackend.Connection --------------------------------------------------------------------

    @Override
    public AutoCloseable openInput(String connectPattern, MidiMessageHandler handler) throws Exception {
        synchronized (lock) {
            if (wantsInput) throw new IllegalStateException("JACK input is already open");
            wantsInput = true;
            inputPattern = connectPattern;
            inputHandler = handler;
            if (connected) registerInput(client);
            autoConnect();
        }
        return () -> {
            synchronized (lock) {
                inputHandler = null;
            }
        };
    }

    @Override
    public MidiOutput openOutput(String connectPattern) throws Exception {
        synchronized (lock) {
            return addOutput(outputPorts.isEmpty() ? "out" : "out-" + (outputPorts.size() + 1), connectPattern, null);
        }
    }

    /** A port named after the part ({@code analogy:melody}, …) that carries that part's events only. */
    @Override
    public MidiOutput openPartOutput(String connectPattern, Part part) throws Exception {
        synchronized (lock) {
            for (OutputPort p : outputPorts) {
                if (p.cyclePort.shortName.equals(part.trackName())) throw new MidiPortException("JACK output " + part.trackName() + " is already open");
            }
            return addOutput(part.trackName(), connectPattern, part);
        }
    }

    /** Under {@link #lock}. */
    private MidiOutput addOutput(String name, String connectPattern, Part part) throws JackException {
        OutputPort port = new OutputPort(new MidiCycle.Output(name), connectPattern);
        outputPorts.add(port);
        if (connected) registerOutput(client, port);
        publishOutputs();
        autoConnect();
        return new JackMidiOutput(this, port.cyclePort, periodNanos(), part);
    }

    @Override
    public AutoCloseable syncTransport(LiveEngine engine, boolean lead) throws Exception {
        JackTransport t = new JackTransport(engine, lead, cycle);
        synchronized (lock) {
            if (transport != null) throw new IllegalStateException("JACK transport is already tied to an engine");
            if (connected) {
                try {
                    t.attach(client);
                } catch (JackException e) {
                    throw new MidiPortException("--clock jack-master: " + e.getMessage());
                }
            }
            transport = t;
        }
        return () -> {
            synchronized (lock) {
                if (transport == t && connected) t.detach(client);
                transport = null;
            }
        };
    }

    @Override
    public MidiBackend.BenchReport bench(double seconds, double bpm, BarProcessor processor) throws Exception {
        return JackBench.run(this, seconds, bpm, processor);
    }

    @Override
    public String describe() {
        JackClient c = client;
        if (!connected || c == null) return "JACK: waiting for the server to return";
        return String.format("JACK client %s, %d Hz, %d frames per period (%.2f ms), process thread %s", c.getName(),
                sampleRate, periodFrames, periodFrames * 1000.0 / sampleRate,
                JackNative.jack_is_realtime(cycle.clientAddress) == 1 ? "real-time" : "not real-time");
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(relay);
        try {
            relay.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            JackClient c = client;
            if (c != null && connected) {
                JackTransport t = transport;
                if (t != null) t.detach(c);
                c.deactivate();
                cycle.clientAddress = 0;
                c.close();
            }
            client = null;
            connected = false;
        }
    }

    // ---- for the outputs, the bench and tests ----------------------------------------------------------

    boolean isConnected() {
        return connected;
    }

    String clientName() {
        JackClient c = client;
        return c != null ? c.getName() : requestedName;
    }

    int sampleRate() {
        return sampleRate;
    }

    int periodFrames() {
        return periodFrames;
    }

    long periodNanos() {
        return Math.round(periodFrames * 1e9 / sampleRate);
    }

    /** Cycles the server reported lost since this connection opened. */
    long xruns() {
        return xruns.get();
    }

    long reconnects() {
        return reconnects;
    }

    MidiCycle cycle() {
        return cycle;
    }

    void setInputListener(FrameListener listener) {
        inputListener = listener;
    }

    /** Connects two ports by full name (the bench's loopback). */
    void connectPorts(String source, String destination) throws JackException {
        synchronized (lock) {
            Jack.getInstance().connect(client, source, destination);
        }
    }

    String inputPortName() {
        return clientName() + ":in";
    }

    String outputPortName(MidiCycle.Output port) {
        return clientName() + ":" + port.shortName;
    }

    void closeOutput(MidiCycle.Output port) {
        synchronized (lock) {
            OutputPort found = null;
            for (OutputPort p : outputPorts) if (p.cyclePort == port) found = p;
            if (found == null) return;
            outputPorts.remove(found);
            publishOutputs();
            port.portAddress = 0;
            if (connected && found.jackPort != null) {
                try {
                    client.unregisterPort(found.jackPort);
                } catch (JackException ignored) {
                    // the port goes with the client anyway
                }
            }
        }
    }

    // ---- connecting and reconnecting --------------------------------------------------------------------

    /** Under {@link #lock}. */
    private void connect() throws Exception {
        Jack jack;
        try {
            JackNative.quietLibjack();
            jack = Jack.getInstance();
        } catch (JackException | LinkageError e) {
            throw new MidiPortException("JACK is not installed (libjack not found): install jackd2 (Linux) or JACK (macOS)");
        }
        EnumSet<JackStatus> status = EnumSet.noneOf(JackStatus.class);
        JackClient c;
        try {
            c = jack.openClient(requestedName, EnumSet.of(JackOptions.JackNoStartServer), status);
        } catch (JackException e) {
            throw new MidiPortException("no JACK server is running (start one, e.g. 'jackd -d alsa' or with qjackctl)"
                    + (status.isEmpty() ? "" : "; JACK said " + status));
        }
        try {
            serverGone = false;
            long address = JackNative.address(c);
            JackNative.jack_on_shutdown(address, onShutdown, 0);
            if (JackNative.jack_set_xrun_callback(address, onXrun, 0) != 0) throw new JackException("JACK refused the xrun callback");
            cycle.clientAddress = 0; // the callback does nothing until the client is fully set up
            if (JackNative.jack_set_process_callback(JackNative.address(c), cycle, 0) != 0) {
                throw new JackException("JACK refused the process callback");
            }
            sampleRate = c.getSampleRate();
            periodFrames = c.getBufferSize();
            if (firstPeriodFrames == 0) firstPeriodFrames = periodFrames;
            cycle.clientAddress = JackNative.address(c);
            calibrate();
            if (wantsInput) registerInput(c);
            for (OutputPort p : outputPorts) registerOutput(c, p);
            publishOutputs();
            cycle.input.clear(); // the relay thread is the input's consumer
            for (OutputPort p : outputPorts) p.cyclePort.queue.clear(); // no process thread consumes while inactive
            c.activate();
            client = c;
            connected = true;
            JackTransport t = transport;
            if (t != null) t.attach(c);
        } catch (JackException | RuntimeException e) {
            cycle.clientAddress = 0;
            c.close();
            throw new MidiPortException("JACK client could not be set up: " + e.getMessage(), e);
        }
        autoConnect();
    }

    private void registerInput(JackClient c) throws JackException {
        inputPort = c.registerPort("in", JackPortType.MIDI, JackPortFlags.JackPortIsInput);
        cycle.inputPortAddress = JackNative.address(inputPort);
    }

    private void registerOutput(JackClient c, OutputPort p) throws JackException {
        p.jackPort = c.registerPort(p.cyclePort.shortName, JackPortType.MIDI, JackPortFlags.JackPortIsOutput);
        p.cyclePort.portAddress = JackNative.address(p.jackPort);
    }

    private void publishOutputs() {
        cycle.outputs = outputPorts.stream().map(p -> p.cyclePort).toArray(MidiCycle.Output[]::new);
    }

    /** JACK's clock (µs) to nanoTime: the reading with the narrowest bracket of nanoTime calls wins. */
    private void calibrate() {
        long narrowest = Long.MAX_VALUE;
        long offset = 0;
        for (int i = 0; i < 9; i++) {
            long before = System.nanoTime();
            long jackMicros = JackNative.jack_get_time();
            long after = System.nanoTime();
            if (after - before < narrowest) {
                narrowest = after - before;
                offset = before + (after - before) / 2 - jackMicros * 1000;
            }
        }
        cycle.clockOffsetNanos = offset;
    }

    /** Connects our ports to every port matching their patterns that is not connected yet. Under {@link #lock}. */
    private void autoConnect() {
        if (!connected) return;
        try {
            Jack jack = Jack.getInstance();
            String own = client.getName() + ":";
            if (inputPort != null && inputPattern != null) {
                List<String> already = Arrays.asList(inputPort.getConnections());
                for (String source : jack.getPorts(client, inputPattern, JackPortType.MIDI, EnumSet.of(JackPortFlags.JackPortIsOutput))) {
                    if (!source.startsWith(own) && !already.contains(source)) jack.connect(client, source, inputPort.getName());
                }
            }
            for (OutputPort p : outputPorts) {
                if (p.connectPattern == null || p.jackPort == null) continue;
                List<String> already = Arrays.asList(p.jackPort.getConnections());
                for (String destination : jack.getPorts(client, p.connectPattern, JackPortType.MIDI, EnumSet.of(JackPortFlags.JackPortIsInput))) {
                    if (!destination.startsWith(own) && !already.contains(destination)) jack.connect(client, p.jackPort.getName(), destination);
                }
            }
        } catch (JackException e) {
            // the server may be going away; the relay thread notices that separately
        }
    }

    private void lose() {
        synchronized (lock) {
            connected = false;
            cycle.clientAddress = 0;
            JackClient c = client;
            client = null;
            inputPort = null;
            if (c != null) {
                try {
                    c.close();
                } catch (RuntimeException ignored) {
                    // the server is gone; there is nothing left to close cleanly
                }
            }
        }
        notices.accept("JACK server gone: the engine keeps running without JACK; reconnecting when it returns");
    }

    private void tryReconnect() {
        synchronized (lock) {
            try {
                connect();
            } catch (Exception stillAway) {
                return;
            }
            reconnects++;
        }
        notices.accept("JACK server back: reconnected as " + clientName() + " (" + sampleRate + " Hz, "
                + periodFrames + " frames per period)" + (periodFrames > firstPeriodFrames
                ? "; the period is longer than at start, so some events may be late: restart Analogy to adapt" : ""));
    }

    // ---- the relay thread -------------------------------------------------------------------------------

    private void relayLoop() {
        long nextTransport = 0;
        long nextAutoConnect = 0;
        long nextCalibration = System.nanoTime() + CALIBRATE_INTERVAL_NANOS;
        long nextReconnect = 0;
        long reconnectInterval = RECONNECT_FIRST_NANOS;
        while (!closed) {
            long now = System.nanoTime();
            if (connected) {
                if (serverGone) {
                    lose();
                    reconnectInterval = RECONNECT_FIRST_NANOS;
                    nextReconnect = now + reconnectInterval;
                    continue;
                }
                drainWritten(); // first: a looped-back event's report was written a cycle before it came back
                drainInput();
                JackTransport t = transport;
                if (t != null && now >= nextTransport) {
                    try {
                        t.tick(client);
                    } catch (JackException | RuntimeException e) {
                        // a transport query can fail while the server goes away; the shutdown flag tells
                    }
                    nextTransport = now + TRANSPORT_INTERVAL_NANOS;
                }
                if (now >= nextAutoConnect) {
                    synchronized (lock) {
                        autoConnect();
                    }
                    nextAutoConnect = now + AUTOCONNECT_INTERVAL_NANOS;
                }
                if (now >= nextCalibration) {
                    synchronized (lock) {
                        if (connected) calibrate();
                    }
                    nextCalibration = now + CALIBRATE_INTERVAL_NANOS;
                }
            } else if (now >= nextReconnect) {
                tryReconnect();
                reconnectInterval = Math.min(RECONNECT_LONGEST_NANOS, reconnectInterval * 2);
                nextReconnect = now + reconnectInterval;
            }
            LockSupport.parkNanos(RELAY_PARK_NANOS);
        }
    }

    /** Input events to the engine (ring 1) in arrival order, with their frame-time stamps. */
    private void drainInput() {
        EventQueue q = cycle.input;
        MidiMessageHandler handler = inputHandler;
        FrameListener listener = inputListener;
        while (!q.isEmpty()) {
            long nanos = q.peekTime();
            int m = q.peekMessage();
            int status = EventQueue.status(m);
            if (listener != null) listener.event(nanos, q.peekFrame(), status, EventQueue.data1(m), EventQueue.data2(m), Double.NaN);
            if (handler != null) deliver(handler, nanos, status, EventQueue.data1(m), EventQueue.data2(m));
            q.poll();
        }
    }

    private static void deliver(MidiMessageHandler handler, long nanos, int status, int data1, int data2) {
        if (status < 0x80) return;
        if (status < 0xF0) handler.channelMessage(nanos, status, data1, data2);
        else if (status >= 0xF8) handler.realTime(nanos, status);
        else if (status == 0xF2) handler.songPosition(nanos, data1 | data2 << 7);
        else if (status == 0xF1 || status == 0xF3 || status == 0xF6) handler.systemCommon(nanos, status, data1);
    }

    private volatile FrameListener writtenListener;

    void setWrittenListener(FrameListener listener) {
        writtenListener = listener;
    }

    /** Reports of written events: to the listener if any, else just consumed so the queue never fills. */
    private void drainWritten() {
        FrameListener listener = writtenListener;
        for (MidiCycle.Output out : cycle.outputs) {
            EventQueue q = out.written;
            while (!q.isEmpty()) {
                if (listener != null) {
                    listener.event(q.peekTime(), q.peekFrame(), 0, 0, 0, MidiCycle.errorMilliFrames(q.peekMessage()) / 1000.0);
                }
                q.poll();
            }
        }
    }
}
