package org.analogy.engine.output;

/**
 * A test output for long runs: instead of keeping every event (which would grow the heap it is meant to
 * watch) it keeps the books, in fixed arrays: notes sounding per channel and pitch, events received, and
 * anything that breaks the note-on/note-off contract.
 */
public final class NoteLedgerOutput implements MidiOutput {

    private final int[] sounding = new int[16 * 128];
    private volatile boolean available = true;
    private long events;
    private long noteOns;
    private long strayNoteOffs;
    private long doubleNoteOns;

    @Override
    public String name() {
        return "note ledger";
    }

    @Override
    public synchronized void send(long nanos, int status, int data1, int data2) {
        events++;
        int command = status & 0xF0;
        int slot = (status & 0x0F) * 128 + data1;
        if (command == 0x90 && data2 > 0) {
            noteOns++;
            if (sounding[slot]++ > 0) doubleNoteOns++;
        } else if (command == 0x80 || command == 0x90) {
            if (sounding[slot] == 0) strayNoteOffs++;
            else sounding[slot]--;
        } else if (command == 0xB0 && data1 == 123) {
            java.util.Arrays.fill(sounding, (status & 0x0F) * 128, (status & 0x0F) * 128 + 128, 0);
        }
    }

    /** Notes switched on and not yet off (nor cleared by CC 123). */
    public synchronized int hangingNotes() {
        int n = 0;
        for (int count : sounding) n += count;
        return n;
    }

    public synchronized long events() { return events; }

    public synchronized long noteOns() { return noteOns; }

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
