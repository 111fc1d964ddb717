package org.analogy.plugin;

import org.analogy.engine.midi.MidiByteParser;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.time.Timeline;

/**
 * The plugin's MIDI output as the scheduler sees it: {@link #send} turns the due time into the host frame
 * it falls on and puts the event in the bridge's {@code midi_out} ring; the plugin writes it at that frame.
 * Events are handed over {@link #sendAheadNanos()} early (two host periods and a margin), as for JACK.
 * While no plugin is running the output reports itself unavailable and the scheduler skips it.
 */
final class PluginMidiOutput implements MidiOutput {

    /** Scheduler wake-up jitter on a loaded machine, on top of the periods and the frame map's tolerance. */
    static final long MARGIN_NANOS = 3_000_000 + FrameClock.TOLERANCE_NANOS;

    private final PluginConnection connection;
    private final long sendAheadNanos;
    private volatile long overflows;

    PluginMidiOutput(PluginConnection connection, long periodNanos) {
        this.connection = connection;
        this.sendAheadNanos = 2 * periodNanos + MARGIN_NANOS;
    }

    @Override
    public String name() {
        return "plugin:" + connection.instance();
    }

    /** The scheduler's early lane: placed by the frame map the due time's timeline was told with. */
    @Override
    public void send(long dueNanos, Timeline timeline, int status, int data1, int data2) {
        put(connection.lineOf(timeline), dueNanos, status, data1, data2);
    }

    /** Without a timeline (a release after an output came back): by the current frame map. */
    @Override
    public void send(long dueNanos, int status, int data1, int data2) {
        put(connection.clock().line(), dueNanos, status, data1, data2);
    }

    private synchronized void put(FrameClock.Line line, long dueNanos, int status, int data1, int data2) {
        if (line == null) return;
        int length = 1 + Math.max(0, MidiByteParser.dataLength(status));
        if (!connection.bridge().offerOut(line.frameAt(dueNanos), status, data1, data2, length)) {
            overflows++;
            connection.outputOverflowed();
        }
    }

    @Override
    public long sendAheadNanos() {
        return sendAheadNanos;
    }

    @Override
    public boolean isAvailable() {
        return connection.pluginRunning();
    }

    long overflows() {
        return overflows;
    }

    @Override
    public void close() {
        // the ring belongs to the bridge; the connection lets go of it
    }
}
