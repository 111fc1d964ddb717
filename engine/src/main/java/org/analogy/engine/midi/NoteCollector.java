package org.analogy.engine.midi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pairs one track's note-ons and note-offs into {@link FileNote}s.
 *
 * <p>Policy, chosen so that a key never sounds twice at once (what a piano roll can represent):
 * <ul>
 *   <li>Within one tick, note-offs are applied before note-ons, so "next note-on, then previous note-off" at the
 *       same tick (a common writer quirk) still yields two back-to-back notes.</li>
 *   <li>A note-on for a key already sounding on that channel ends the sounding note there (re-strike).</li>
 *   <li>A note-off with nothing sounding is ignored, unless it was written after a note-on for that key at the
 *       same tick: then the pair was a zero-length note, and it is dropped (and counted in {@link #dropped()}).
 *       An orphan note-off written <em>before</em> a note-on at the same tick is only a stray off: the note
 *       that follows it is kept.</li>
 *   <li>Notes still sounding when the track ends are ended there; notes that would have no length are dropped
 *       and counted.</li>
 * </ul>
 */
final class NoteCollector {

    private record NoteEvent(long tick, int order, boolean on, int channel, int pitch, int velocity) {}

    private final List<NoteEvent> events = new ArrayList<>();
    private int dropped;

    /** Note-ons that made no note (no length), after {@link #notes}. */
    int dropped() {
        return dropped;
    }

    void noteOn(long tick, int channel, int pitch, int velocity) {
        events.add(new NoteEvent(tick, events.size(), true, channel, pitch, velocity));
    }

    void noteOff(long tick, int channel, int pitch) {
        events.add(new NoteEvent(tick, events.size(), false, channel, pitch, 0));
    }

    List<FileNote> notes(long trackEndTick) {
        List<NoteEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(NoteEvent::tick)
                .thenComparing(NoteEvent::on) // false (off) first
                .thenComparingInt(NoteEvent::order));
        int keys = 16 * 128;
        long[] openStart = new long[keys];
        int[] openVelocity = new int[keys]; // 0 = not sounding
        long[] unmatchedOffTick = new long[keys];
        int[] unmatchedOffs = new int[keys];
        int[] unmatchedOffOrder = new int[keys]; // file order of the last unmatched off at that tick
        Arrays.fill(unmatchedOffTick, -1);

        List<FileNote> notes = new ArrayList<>();
        for (NoteEvent e : sorted) {
            int key = e.channel() * 128 + e.pitch();
            if (!e.on()) {
                if (openVelocity[key] > 0) {
                    notes.add(new FileNote(e.channel(), openStart[key], e.tick(), e.pitch(), openVelocity[key]));
                    openVelocity[key] = 0;
                } else {
                    if (unmatchedOffTick[key] != e.tick()) unmatchedOffs[key] = 0;
                    unmatchedOffTick[key] = e.tick();
                    unmatchedOffs[key]++;
                    unmatchedOffOrder[key] = e.order();
                }
                continue;
            }
            if (unmatchedOffTick[key] == e.tick() && unmatchedOffs[key] > 0 && unmatchedOffOrder[key] > e.order()) {
                unmatchedOffs[key]--; // zero-length note written as on, then off, at one tick
                dropped++;
                continue;
            }
            if (openVelocity[key] > 0) {
                if (openStart[key] == e.tick()) continue; // doubled note-on: keep the first
                notes.add(new FileNote(e.channel(), openStart[key], e.tick(), e.pitch(), openVelocity[key]));
            }
            openStart[key] = e.tick();
            openVelocity[key] = e.velocity();
        }
        for (int key = 0; key < keys; key++) {
            if (openVelocity[key] > 0 && trackEndTick > openStart[key]) {
                notes.add(new FileNote(key / 128, openStart[key], trackEndTick, key % 128, openVelocity[key]));
            } else if (openVelocity[key] > 0) {
                dropped++; // struck on the track's last tick: no length
            }
        }
        notes.sort(Comparator.comparingLong(FileNote::startTick).thenComparingInt(FileNote::pitch)
                .thenComparingInt(FileNote::channel));
        return notes;
    }
}
