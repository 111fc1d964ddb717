package org.analogy.engine.output;

import java.util.Arrays;

/**
 * An output that keeps the books instead of sounding, for long runs and soak tests: notes sounding per
 * channel and pitch with when each began, events received, and anything that breaks the note-on/note-off
 * contract. Fixed arrays only, so the heap it is used to watch does not grow with it, and nothing is
 * allocated per event (it sits on the scheduler thread).
 */
public final class NoteLedgerOutput implements MidiOutput {

    private static final int SLOTS = 16 * 128;

    private final int[] sounding = new int[SLOTS];
    /** Due time of the note-on that started the slot's oldest sounding note. */
    private final long[] since = new long[SLOTS];
    private volatile boolean available = true;
    private long events;
    private long noteOns;
    private long strayNoteOffs;
    private long doubleNoteOns;
    private long lastNanos;

    @Override
    public String name() {
        return "note ledger";
    }

    @Override
    public synchronized void send(long nanos, int status, int data1, int data2) {
        events++;
        lastNanos = nanos;
        int command = status & 0xF0;
        int slot = (status & 0x0F) * 128 + (data1 & 0x7F);
        if (command == 0x90 && data2 > 0) {
            noteOns++;
            if (sounding[slot]++ > 0) doubleNoteOns++;
            else since[slot] = nanos;
        } else if (command == 0x80 || command == 0x90) {
            if (sounding[slot] == 0) strayNoteOffs++;
            else sounding[slot]--;
        } else if (command == 0xB0 && data1 == 123) {
            Arrays.fill(sounding, (status & 0x0F) * 128, (status & 0x0F) * 128 + 128, 0);
        }
    }

    /** Notes switched on and not yet off (nor cleared by CC 123). */
    public synchronized int hangingNotes() {
        int n = 0;
        for (int count : sounding) n += count;
        return n;
    }

    /**
     * Notes that have been sounding for longer than {@code limitNanos} at {@code nowNanos}: nothing the
     * engine plays lasts that long, so these are stuck (a lost note-off), not held.
     */
    public synchronized int stuckNotes(long nowNanos, long limitNanos) {
        int n = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            if (sounding[slot] > 0 && nowNanos - since[slot] > limitNanos) n += sounding[slot];
        }
        return n;
    }

    public synchronized long events() { return events; }

    public synchronized long noteOns() { return noteOns; }

    /** The due time of the last event received (0 before the first). */
    public synchronized long lastEventNanos() { return lastNanos; }

    /** Note-offs for notes that were not sounding: harmless to a synth, but a sign of lost books. */
    public synchronized long strayNoteOffs() { return strayNoteOffs; }

    /** A note struck again while sounding without its note-off in between. */
    public synchronized long doubleNoteOns() { return doubleNoteOns; }

    public void setAvailable(boolean value) {
        available = value;
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public void close() {}
}
