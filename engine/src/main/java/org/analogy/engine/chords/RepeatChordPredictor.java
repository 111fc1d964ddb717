package org.analogy.engine.chords;

import java.util.List;

import org.analogy.engine.repr.GridNote;

/**
 * "Repeat the current chord": the next bar keeps the harmony of the last bar that had one, read from what
 * was played (the last bar's notes, else the whole window). The baseline a learned predictor must beat.
 */
public final class RepeatChordPredictor implements ChordPredictor {

    @Override
    public Chord predictNext(List<Chord> pastBarChords, List<GridNote> recentNotes, int stepsPerBar) {
        for (int i = pastBarChords.size() - 1; i >= 0; i--) {
            if (!pastBarChords.get(i).isNone()) return pastBarChords.get(i);
        }
        return ChordRecognizer.recognize(recentNotes, 0, 2 * stepsPerBar);
    }

    @Override
    public String name() {
        return "repeat the current chord";
    }
}
