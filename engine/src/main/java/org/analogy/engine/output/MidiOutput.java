package org.analogy.engine.output;

import org.analogy.engine.process.Part;
import org.analogy.engine.time.Timeline;

/**
 * Where the scheduler sends events: a device, the built-in synthesizer, the recorder. Called from the
 * scheduler thread only, at the moment the event is due; implementations must not block for long and
 * must not allocate per event (reuse one message object). {@code nanos} is the time the event was due,
 * in {@link System#nanoTime()} nanoseconds (virtual nanoseconds in a render).
 *
 * <p>An output that places events itself at their time (a JACK port writes each at its frame offset inside
 * a period) declares {@link #sendAheadNanos()}: it is then handed each event at least that long before it
 * is due, still with the due time, in due order.
 */
public interface MidiOutput extends AutoCloseable {

    String name();

    void send(long nanos, int status, int data1, int data2);

    /**
     * As {@link #send}, from the scheduler's early lane (outputs with a {@link #sendAheadNanos() send-ahead}),
     * with the timeline the due time was computed on. An output that turns due times back into positions of
     * its own clock (the plugin: host frames) needs it, because the transport may be re-told between the
     * scheduler reading the timeline and the event reaching the output. The default ignores it.
     */
    default void send(long nanos, Timeline timeline, int status, int data1, int data2) {
        send(nanos, status, data1, data2);
    }

    /** True for outputs that should receive MIDI clock when Analogy leads (device ports, not the synth). */
    default boolean wantsClock() {
        return false;
    }

    /**
     * How long before its due time this output wants each event; 0 (the default) means "at the due time".
     * Read once when the scheduler is built.
     */
    default long sendAheadNanos() {
        return 0;
    }

    /**
     * Whether this output takes the events of {@code part}: every part (the default), or only its own for an
     * output per part (a JACK port per part, so each can go to its own instrument). Asked per event.
     */
    default boolean carries(Part part) {
        return true;
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
