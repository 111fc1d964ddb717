package org.analogy.engine.output;

/**
 * Where the scheduler sends events: a device, the built-in synthesizer, the recorder. Called from the
 * scheduler thread only, at the moment the event is due; implementations must not block for long and
 * must not allocate per event (reuse one message object). {@code nanos} is the time the event was due,
 * in {@link System#nanoTime()} nanoseconds (virtual nanoseconds in a render).
 */
public interface MidiOutput extends AutoCloseable {

    String name();

    void send(long nanos, int status, int data1, int data2);

    /** True for outputs that should receive MIDI clock when Analogy leads (device ports, not the synth). */
    default boolean wantsClock() {
        return false;
    }

    /**
     * False while the output is known to be gone (device unplugged): the scheduler sends it nothing. It may
     * turn true again (the device returned); the scheduler then sends it CC 123 (all notes off) on every
     * channel used so far before anything else, and carries on sending to it.
     */
    default boolean isAvailable() {
        return true;
    }

    @Override
    void close();
}
