package org.analogy.engine.accompaniment;

import java.nio.file.Path;
import java.util.List;

import org.analogy.engine.midi.MidiFileBuilder;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.repr.GridNote;

/** Writes decoded windows as a type-1 MIDI file with one track named {@code accompaniment}. */
public final class AccompanimentFiles {

    private static final int RESOLUTION = 480;
    private static final int TICKS_PER_STEP = RESOLUTION / 4;
    private static final int VELOCITY = 72;

    private AccompanimentFiles() {}

    /**
     * Notes starting at or after {@code bars} bars are left out, so an odd bar count ends where asked. A note
     * still sounding when its pitch starts again is cut there: MIDI cannot hold one key down twice.
     */
    public static int write(Path file, double bpm, List<int[][]> windows, int bars) throws MidiFileException {
        long endStep = (long) bars * PianoPart.STEPS_PER_BAR;
        MidiFileBuilder midi = new MidiFileBuilder(RESOLUTION).title("Analogy").tempo(0, bpm).meter(0, 4)
                .endAt(endStep * TICKS_PER_STEP);
        MidiFileBuilder.TrackBuilder track = midi.track("accompaniment");
        List<long[]> all = new java.util.ArrayList<>();   // {start, end, pitch}, sorted by start
        for (int w = 0; w < windows.size(); w++) {
            long offset = (long) w * PianoRoll.STEPS;
            for (GridNote n : PianoRoll.toNotes(windows.get(w), VELOCITY)) {
                long start = n.start() + offset;
                if (start < endStep) all.add(new long[]{start, Math.min(endStep, start + n.duration()), n.pitch()});
            }
        }
        long[] nextOnset = new long[128];
        java.util.Arrays.fill(nextOnset, Long.MAX_VALUE);
        for (int i = all.size() - 1; i >= 0; i--) {
            long[] n = all.get(i);
            int pitch = (int) n[2];
            n[1] = Math.min(n[1], nextOnset[pitch]);
            nextOnset[pitch] = n[0];
        }
        for (long[] n : all) track.note(0, (int) n[2], VELOCITY, n[0] * TICKS_PER_STEP, n[1] * TICKS_PER_STEP);
        int notes = all.size();
        midi.write(file);
        return notes;
    }
}
