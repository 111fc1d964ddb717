package org.analogy.jack;

import org.analogy.engine.midi.MidiByteParser;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.process.Part;

/**
 * A JACK MIDI output port as the scheduler sees it: {@link #send} only queues the event with its due time
 * (no allocation, no wait); JACK's process thread writes it at its frame. It asks to be handed events
 * {@link #sendAheadNanos()} early: two periods plus a margin, so an event is queued before the period it
 * falls in is processed even when the scheduler thread wakes late. While the server is away it reports
 * itself unavailable and the scheduler skips it.
 */
final class JackMidiOutput implements MidiOutput {

    /** Scheduler wake-up jitter on a loaded machine, on top of the periods. */
    static final long MARGIN_NANOS = 3_000_000;

    private final JackConnection connection;
    private final MidiCycle.Output port;
    private final long sendAheadNanos;
    /** The one part this port carries, or null for all. */
    private final Part part;
    private volatile long overflows;

    JackMidiOutput(JackConnection connection, MidiCycle.Output port, long periodNanos, Part part) {
        this.connection = connection;
        this.port = port;
        this.sendAheadNanos = 2 * periodNanos + MARGIN_NANOS;
        this.part = part;
    }

    @Override
    public boolean carries(Part p) {
        return part == null || part == p;
    }

    @Override
    public String name() {
        return "jack " + connection.clientName() + ":" + port.shortName;
    }

    @Override
    public void send(long dueNanos, int status, int data1, int data2) {
        if (!connection.isConnected()) return;
        int length = 1 + Math.max(0, MidiByteParser.dataLength(status)); // real-time bytes: -1 → length 1
        if (!port.queue.offer(dueNanos, 0, EventQueue.pack(status, data1, data2, length))) overflows++;
    }

    @Override
    public long sendAheadNanos() {
        return sendAheadNanos;
    }

    @Override
    public boolean isAvailable() {
        return connection.isConnected();
    }

    /** Events found after their frame had passed. */
    long lateEvents() {
        return port.lateEvents;
    }

    long overflows() {
        return overflows;
    }

    MidiCycle.Output port() {
        return port;
    }

    @Override
    public void close() {
        connection.closeOutput(port);
    }
}
