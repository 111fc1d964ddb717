package org.analogy.engine.schedule;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.process.Part;

/** A test output that remembers what it was sent, and can be made to vanish like an unplugged device. */
public final class RecordingOutput implements MidiOutput {

    public record Sent(long nanos, int status, int data1, int data2) {
        public int command() { return status & 0xF0; }
        public int channel() { return status & 0x0F; }
        public boolean isNoteOn() { return command() == 0x90 && data2 > 0; }
        public boolean isNoteOff() { return command() == 0x80 || (command() == 0x90 && data2 == 0); }
    }

    public final List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    public volatile boolean available = true;
    /** Behave like a device port, which follows our MIDI clock. */
    public volatile boolean wantsClock;
    /** Behave like a JACK port, which takes events this long before they are due. */
    public volatile long sendAheadNanos;
    /** Behave like an output per part: carry this part only (null: all). */
    public volatile Part onlyPart;

    @Override
    public boolean carries(Part part) {
        return onlyPart == null || onlyPart == part;
    }

    @Override
    public long sendAheadNanos() {
        return sendAheadNanos;
    }

    @Override
    public boolean wantsClock() {
        return wantsClock;
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public synchronized void send(long nanos, int status, int data1, int data2) {
        sent.add(new Sent(nanos, status, data1, data2));
    }

    @Override
    public boolean isAvailable() {
        return available;
    }

    @Override
    public void close() {}

    /** Notes switched on and never switched off, as "channel:pitch" strings. */
    public synchronized List<String> hangingNotes() {
        int[] open = new int[16 * 128];
        for (Sent s : sent) {
            int slot = s.channel() * 128 + s.data1();
            if (s.isNoteOn()) open[slot]++;
            else if (s.isNoteOff()) open[slot] = Math.max(0, open[slot] - 1);
            else if (s.command() == 0xB0 && s.data1() == 123) {
                for (int p = 0; p < 128; p++) open[s.channel() * 128 + p] = 0;
            }
        }
        List<String> hanging = new ArrayList<>();
        for (int slot = 0; slot < open.length; slot++) if (open[slot] > 0) hanging.add(slot / 128 + ":" + slot % 128);
        return hanging;
    }

    public synchronized List<Sent> noteOns() {
        return sent.stream().filter(Sent::isNoteOn).toList();
    }
}
