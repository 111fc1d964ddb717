package org.analogy.plugin;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.analogy.engine.midi.MidiMessageHandler;
import org.analogy.engine.midi.MidiPortException;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.spi.MidiBackend;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

/**
 * The engine attached to one plugin instance's bridge, and its relay thread ({@code analogy-plugin}), which
 * every millisecond: refreshes the engine's heartbeat; reads the block records, keeps the {@link FrameClock}
 * and tells the engine the host's transport when it changed; hands the MIDI that came in to the engine,
 * stamped with the nanoTime of its host frame. The scheduler thread writes output straight into the ring
 * ({@link PluginMidiOutput}).
 *
 * <p>An engine the plugin started itself (environment {@code ANALOGY_PLUGIN_OWNED=1}) exits once its plugin
 * instance has been gone for {@link #OWNER_GONE_NANOS}, so none is left behind when the host closes.
 */
final class PluginConnection implements MidiBackend.Connection {

    private static final long RELAY_PARK_NANOS = 1_000_000;
    static final long OWNER_GONE_NANOS = 5_000_000_000L;
    /** No block for this long: the host has stopped running the plugin (said once; a busy host stalls for less). */
    private static final long HOST_GONE_NANOS = 1_000_000_000L;
    /** Assumed host period until the plugin has run (1024 frames at 48 kHz), for the output's send-ahead. */
    private static final long DEFAULT_PERIOD_NANOS = 21_333_333;
    private static final long FIRST_BLOCK_WAIT_NANOS = 1_000_000_000L;
    private static final long LATE_NOTICE_NANOS = 5_000_000_000L;

    private final Bridge bridge;
    private final Consumer<String> notices;
    private final FrameClock clock = new FrameClock();
    private final long pid = ProcessHandle.current().pid();
    private final boolean owned = "1".equals(System.getenv("ANALOGY_PLUGIN_OWNED"));
    private final Thread relay;

    private volatile boolean closed;
    private volatile MidiMessageHandler inputHandler;
    private volatile LiveEngine following;
    private volatile boolean pluginRunning;
    private volatile int sampleRate;
    private volatile int periodFrames;
    private volatile long blocks;
    private volatile Told lastTold;
    private final ToldLines told = new ToldLines();
    private final java.util.concurrent.atomic.AtomicLong outputOverflows = new java.util.concurrent.atomic.AtomicLong();
    private long overflowsReported;
    private long lateReported;
    private long lateNoticeNanos;

    /**
     * What the engine was told of the host's transport: at {@code nanos} (the host frame {@code positionFrame}
     * through {@code line}, the frame map then in force) the position is {@code step}. The engine's timeline
     * then starts at exactly ({@code nanos}, {@code step}) ({@link ToldLines}).
     */
    record Told(long blockFrame, long positionFrame, long nanos, double step, double bpm, boolean rolling, FrameClock.Line line) {}

    // relay thread state
    private long lastBlockNanos;
    private int toldSerial = -1;
    private boolean toldRolling;
    private float toldBpm;
    private int toldBeatsPerBar;
    private boolean toldOnce;
    private long ownerGoneSince;

    private PluginConnection(Bridge bridge, Consumer<String> notices) {
        this.bridge = bridge;
        this.notices = notices;
        this.relay = new Thread(this::relayLoop, "analogy-plugin");
        relay.setDaemon(true);
    }

    static PluginConnection open(int instance, Consumer<String> notices) throws IOException, MidiPortException {
        Bridge bridge = Bridge.open(instance);
        PluginConnection c = new PluginConnection(bridge, notices);
        try {
            bridge.attach(c.pid, System.nanoTime());
        } catch (IOException | MidiPortException | RuntimeException e) {
            bridge.close();
            throw e;
        }
        c.lateReported = bridge.lateEvents(); // the plugin's count runs on across engines: only ours is said
        c.relay.start();
        // The outputs' send-ahead is fixed when they open: learn the host's period first when a plugin runs.
        long until = System.nanoTime() + FIRST_BLOCK_WAIT_NANOS;
        while (c.periodFrames == 0 && System.nanoTime() < until && c.pluginOwnerAlive()) LockSupport.parkNanos(5_000_000);
        return c;
    }

    // ---- MidiBackend.Connection --------------------------------------------------------------------

    /** The instance was chosen when the connection opened; a pattern names nothing here. */
    @Override
    public AutoCloseable openInput(String connectPattern, MidiMessageHandler handler) {
        inputHandler = handler;
        return () -> inputHandler = null;
    }

    @Override
    public MidiOutput openOutput(String connectPattern) {
        int frames = periodFrames;
        int rate = sampleRate;
        long period = frames > 0 && rate > 0 ? Math.round(frames * 1e9 / rate) : DEFAULT_PERIOD_NANOS;
        return new PluginMidiOutput(this, period);
    }

    @Override
    public AutoCloseable syncTransport(LiveEngine engine, boolean lead) throws MidiPortException {
        if (lead) throw new MidiPortException("the host leads the transport inside a DAW; use --clock plugin to follow it");
        toldOnce = false;
        following = engine;
        return () -> following = null;
    }

    @Override
    public MidiBackend.BenchReport bench(double seconds, double bpm, BarProcessor processor) throws MidiPortException {
        throw new MidiPortException("bench has no plugin mode; measure with the plugin's integration test (PluginHostIT)");
    }

    @Override
    public String describe() {
        String where = "plugin bridge " + bridge.instance + " (" + bridge.path + ")";
        if (!pluginRunning) return where + ": waiting for the plugin instance to run (load Analogy in the host)";
        return String.format("%s: host at %d Hz, %d frames per block, plugin in pid %d", where, sampleRate, periodFrames, bridge.pluginPid());
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
        bridge.detach(pid);
        bridge.close();
    }

    // ---- for the output and tests -------------------------------------------------------------------

    int instance() {
        return bridge.instance;
    }

    Bridge bridge() {
        return bridge;
    }

    FrameClock clock() {
        return clock;
    }

    boolean pluginRunning() {
        return pluginRunning;
    }

    Told lastTold() {
        return lastTold;
    }

    long blocks() {
        return blocks;
    }

    private boolean pluginOwnerAlive() {
        return Bridge.processAlive(bridge.pluginPid());
    }

    // ---- the relay thread -------------------------------------------------------------------------------

    private void relayLoop() {
        while (!closed) {
            long now = System.nanoTime();
            bridge.beat(now);
            readBlocks();
            readInput();
            boolean running = now - lastBlockNanos < HOST_GONE_NANOS;
            if (running != pluginRunning) {
                pluginRunning = running;
                notices.accept(running ? "plugin " + bridge.instance + ": the host is running the plugin; the engine plays inside it"
                        : "plugin " + bridge.instance + ": the host stopped running the plugin; waiting for it");
            }
            reportLate(now);
            if (owned) exitWhenOwnerGone(now);
            LockSupport.parkNanos(RELAY_PARK_NANOS);
        }
    }

    private void readBlocks() {
        int slot;
        while ((slot = bridge.peek(Bridge.BLOCKS_OFFSET, Bridge.BLOCKS_CAPACITY, Bridge.BLOCK_SIZE)) >= 0) {
            var m = bridge.memory;
            long frame = m.getLong(slot + Bridge.B_FRAME);
            int frames = m.getInt(slot + Bridge.B_FRAMES);
            long monotonic = m.getLong(slot + Bridge.B_MONOTONIC);
            int rate = bridge.sampleRate();
            boolean moved = clock.onBlock(frame, frames, monotonic, rate);
            sampleRate = rate;
            if (frames > periodFrames) periodFrames = frames;
            lastBlockNanos = System.nanoTime();
            blocks++;
            LiveEngine engine = following;
            if (engine != null) follow(engine, slot, frame, moved);
            bridge.pop(Bridge.BLOCKS_OFFSET);
        }
    }

    /**
     * Tells the engine the host's transport when it changed (a new position report, rolling or tempo), or
     * when the frame map moved. The position is given at the host frame it was valid at, through the frame
     * map; the tempo is scaled by how fast the host's frames run against nanoTime, so the engine's steps
     * stay on the host's frames.
     */
    private void follow(LiveEngine engine, int slot, long blockFrame, boolean moved) {
        var m = bridge.memory;
        int flags = m.getInt(slot + Bridge.B_FLAGS);
        int serial = m.getInt(slot + Bridge.B_POSITION_SERIAL);
        float bpm = m.getFloat(slot + Bridge.B_BPM);
        boolean rolling = m.getFloat(slot + Bridge.B_SPEED) > 0;
        long positionFrame = m.getLong(slot + Bridge.B_POSITION_FRAME);
        float beatsPerBarReported = m.getFloat(slot + Bridge.B_BEATS_PER_BAR);
        double beats;
        if ((flags & Bridge.POS_VALID) != 0) { // bar, beat and tempo from the host
            beats = m.getLong(slot + Bridge.B_BAR) * (double) beatsPerBarReported + m.getDouble(slot + Bridge.B_BAR_BEAT);
        } else if ((flags & Bridge.POS_FRAME) != 0) { // only the transport's frame: beats from it at the last tempo reported
            beats = m.getLong(slot + Bridge.B_TRANSPORT_FRAME) / (double) Math.max(1, sampleRate) * bpm / 60;
        } else { // a host that reports no transport at all: rolling from the plugin's first frame
            bpm = (float) engine.timeline().bpm();
            rolling = true;
            positionFrame = 0;
            beats = 0;
        }
        boolean hostChanged = !toldOnce || serial != toldSerial || rolling != toldRolling || bpm != toldBpm;
        if (!hostChanged && !moved) return;
        FrameClock.Line line = clock.line();
        double scale = (1e9 / Math.max(1, sampleRate)) / line.nanosPerFrame();
        double engineBpm = bpm * scale;
        long nanos = line.nanosAt(positionFrame);
        double step = beats * Meter.STEPS_PER_BEAT;
        int beatsPerBar = Math.round(beatsPerBarReported);
        if (beatsPerBar != toldBeatsPerBar && (beatsPerBar == 3 || beatsPerBar == 4)) {
            engine.setMeter(beatsPerBar == 3 ? Meter.THREE_FOUR : Meter.FOUR_FOUR);
        }
        Told now = new Told(blockFrame, positionFrame, nanos, step, engineBpm, rolling, line);
        told.remember(now.nanos(), now.step(), line); // before the engine can start the timeline
        engine.followTransport(nanos, step, engineBpm, rolling);
        if (hostChanged) bridge.followed(System.nanoTime() - m.getLong(slot + Bridge.B_MONOTONIC));
        lastTold = now;
        toldOnce = true;
        toldSerial = serial;
        toldRolling = rolling;
        toldBpm = bpm;
        toldBeatsPerBar = beatsPerBar;
    }

    /** The frame map that due times on {@code timeline} were computed against ({@link ToldLines}). */
    FrameClock.Line lineOf(Timeline timeline) {
        return told.lineOf(timeline, clock.line());
    }

    /**
     * Events that reached the plugin after their frame had been played (the plugin writes them at the start of
     * the block it finds them in and counts them), and events dropped on a full output ring: said, with the
     * totals, at most every few seconds, never silently.
     */
    private void reportLate(long now) {
        long late = bridge.lateEvents();
        long overflows = outputOverflows.get();
        if ((late == lateReported && overflows == overflowsReported) || now - lateNoticeNanos < LATE_NOTICE_NANOS) return;
        if (late != lateReported) {
            notices.accept("plugin " + bridge.instance + ": " + (late - lateReported) + " events reached the plugin after their frame"
                    + " (played at the start of the next block; " + late + " so far): the engine was held up longer than its send-ahead");
        }
        if (overflows != overflowsReported) {
            notices.accept("plugin " + bridge.instance + ": " + (overflows - overflowsReported) + " events dropped, the output ring was full ("
                    + overflows + " so far): the host is not running the plugin");
        }
        lateReported = late;
        overflowsReported = overflows;
        lateNoticeNanos = now;
    }

    /** The output ring was full: one event dropped (counted here, said by the relay). */
    void outputOverflowed() {
        outputOverflows.incrementAndGet();
    }

    private void readInput() {
        int slot;
        MidiMessageHandler handler = inputHandler;
        FrameClock.Line line = clock.line();
        while ((slot = bridge.peek(Bridge.MIDI_IN_OFFSET, Bridge.MIDI_IN_CAPACITY, Bridge.EVENT_SIZE)) >= 0) {
            var m = bridge.memory;
            if (handler != null && line != null) {
                long nanos = line.nanosAt(m.getLong(slot));
                int size = m.get(slot + 8) & 0xFF;
                int status = m.get(slot + 9) & 0xFF;
                int data1 = size > 1 ? m.get(slot + 10) & 0x7F : 0;
                int data2 = size > 2 ? m.get(slot + 11) & 0x7F : 0;
                deliver(handler, nanos, status, data1, data2);
            }
            bridge.pop(Bridge.MIDI_IN_OFFSET);
        }
    }

    private static void deliver(MidiMessageHandler handler, long nanos, int status, int data1, int data2) {
        if (status < 0x80) return;
        if (status < 0xF0) handler.channelMessage(nanos, status, data1, data2);
        else if (status >= 0xF8) handler.realTime(nanos, status);
        else if (status == 0xF2) handler.songPosition(nanos, data1 | data2 << 7);
        else if (status == 0xF1 || status == 0xF3 || status == 0xF6) handler.systemCommon(nanos, status, data1);
    }

    private void exitWhenOwnerGone(long now) {
        if (pluginOwnerAlive()) {
            ownerGoneSince = 0;
            return;
        }
        if (ownerGoneSince == 0) ownerGoneSince = now;
        if (now - ownerGoneSince > OWNER_GONE_NANOS) {
            notices.accept("plugin " + bridge.instance + ": the plugin instance that started this engine is gone; stopping");
            closed = true;
            new Thread(() -> System.exit(0), "analogy-plugin-exit").start(); // the shutdown hooks stop the engine cleanly
        }
    }
}
