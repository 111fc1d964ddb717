package org.analogy.train.accompaniment;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.PredictorFeatures;
import org.analogy.engine.repr.GridNote;
import org.analogy.train.data.Pop909Song;

/**
 * POP909 songs as the predictor sees them: runs of consecutive 4/4 bars (a bar of another length ends a run),
 * each bar with its melody notes (start relative to the bar) and its 4 beat chords.
 */
public final class PredictorSongs {

    /** One run of bars; {@code melody.get(i)} and {@code chords.get(i)} (4 per bar) describe bar i. */
    public record Run(String songId, List<List<GridNote>> melody, List<List<Chord>> chords) {
        public int bars() {
            return chords.size();
        }

        /** Every bar's features, transposed by {@code semitones}: {@code [bars * BAR_FEATURES]}. */
        public float[] features(int semitones) {
            float[] out = new float[bars() * PredictorFeatures.BAR_FEATURES];
            for (int bar = 0; bar < bars(); bar++) {
                PredictorFeatures.bar(transposedNotes(melody.get(bar), semitones), transposedChords(chords.get(bar), semitones),
                        out, bar * PredictorFeatures.BAR_FEATURES);
            }
            return out;
        }

        public Chord chord(int bar, int beat, int semitones) {
            return chords.get(bar).get(beat).transposed(semitones);
        }
    }

    private PredictorSongs() {
    }

    public static List<Run> runs(List<Pop909Song> songs) {
        List<Run> runs = new ArrayList<>();
        for (Pop909Song song : songs) {
            List<List<GridNote>> melody = new ArrayList<>();
            List<List<Chord>> chords = new ArrayList<>();
            for (Pop909Song.Bar bar : song.bars()) {
                if (!bar.isFourFour()) {
                    if (melody.size() >= 2) runs.add(new Run(song.id(), melody, chords));
                    melody = new ArrayList<>();
                    chords = new ArrayList<>();
                    continue;
                }
                int start = bar.startStep();
                List<GridNote> notes = new ArrayList<>();
                for (GridNote n : song.melody()) {
                    if (n.start() + n.duration() <= start || n.start() >= start + PredictorFeatures.STEPS_PER_BAR) continue;
                    notes.add(new GridNote(n.pitch(), n.velocity(), n.start() - start, n.duration()));
                }
                List<Chord> steps = song.chords(start, PredictorFeatures.STEPS_PER_BAR);
                List<Chord> beatChords = new ArrayList<>(4);
                for (int beat = 0; beat < 4; beat++) beatChords.add(steps.get(beat * 4));
                melody.add(List.copyOf(notes));
                chords.add(List.copyOf(beatChords));
            }
            if (melody.size() >= 2) runs.add(new Run(song.id(), melody, chords));
        }
        return runs;
    }

    static List<GridNote> transposedNotes(List<GridNote> notes, int semitones) {
        if (semitones == 0) return notes;
        List<GridNote> moved = new ArrayList<>(notes.size());
        for (GridNote n : notes) {
            int pitch = n.pitch() + semitones;
            while (pitch < 0) pitch += 12;      // only the pitch class is read: fold back by octaves
            while (pitch > 127) pitch -= 12;
            moved.add(new GridNote(pitch, n.velocity(), n.start(), n.duration()));
        }
        return moved;
    }

    static List<Chord> transposedChords(List<Chord> chords, int semitones) {
        if (semitones == 0) return chords;
        List<Chord> moved = new ArrayList<>(chords.size());
        for (Chord c : chords) moved.add(c.transposed(semitones));
        return moved;
    }
}
