package org.analogy.ui.session;

import org.analogy.engine.output.MidiOutput;

/**
 * The engine's one output, pointing at whichever device the performer picked. The engine keeps its output
 * list for life; the window changes where this forwards to. Sending reads one volatile field, so the
 * scheduler thread neither blocks nor allocates.
 */
final class OutputSwitch implements MidiOutput {

    private volatile MidiOutput target;

    @Override
    public String name() {
        MidiOutput t = target;
        return t == null ? "none" : t.name();
    }

    @Override
    public void send(long nanos, int status, int data1, int data2) {
        MidiOutput t = target;
        if (t == null || !t.isAvailable()) return;
        if (status >= 0xF0 && !t.wantsClock()) return; // MIDI clock goes only where it is wanted
        t.send(nanos, status, data1, data2);
    }

    /** Yes, so the engine generates clock at all; {@link #send} passes it on only to targets that want it. */
    @Override
    public boolean wantsClock() {
        return true;
    }

    /** The output now in use (null for none). */
    MidiOutput target() {
        return target;
    }

    /** Points at another output and returns the previous one, for the caller to close. */
    MidiOutput swap(MidiOutput next) {
        MidiOutput previous = target;
        target = next;
        return previous;
    }

    @Override
    public void close() {
        MidiOutput t = swap(null);
        if (t != null) t.close();
    }
}
