package org.analogy.engine.chords;

import java.util.Arrays;
import java.util.List;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.repr.GridNote;

/**
 * Decides the next bar's chord from the bars so far. The learned predictor (next-bar latent prediction
 * from the accompaniment model) implements this; {@link RepeatChordPredictor} is the rule it must beat.
 * Called on the inference thread within the bar's deadline.
 */
public interface ChordPredictor {

    /**
     * @param pastBarChords the chord of each bar so far that the window covers, oldest first (NONE where
     *                      nothing named one)
     * @param recentNotes   the notes of the model window (the last two bars), starts relative to its first step
     * @param stepsPerBar   16 in 4/4
     * @return the chord for the bar after them
     */
    Chord predictNext(List<Chord> pastBarChords, List<GridNote> recentNotes, int stepsPerBar);

    /**
     * The chord of each beat of the bar right after the window's history ({@code window.firstBar() +
     * window.historyBars()}). A predictor that follows the performance bar by bar (the learned one keeps a
     * recurrent state) overrides this; by default the whole bar takes {@link #predictNext}'s chord.
     */
    default Chord[] predictBeats(BarWindow window, List<Chord> pastBarChords) {
        Chord[] beats = new Chord[BEATS_PER_BAR];
        Arrays.fill(beats, predictNext(pastBarChords, window.modelWindowNotes(), window.stepsPerBar()));
        return beats;
    }

    /** The beat chords this predictor chose for {@code bar} when it was still to come, or null (not remembered). */
    default Chord[] chosenFor(long bar) {
        return null;
    }

    /** True when this predictor decides again within bars ({@link #redecidesAt}); the capture stage then offers it every beat. */
    default boolean decidesWithinBars() {
        return false;
    }

    /** Whether to decide again, just before step {@code stepInBar} of {@code bar} (a beat), from what was played by then. */
    default boolean redecidesAt(long bar, int stepInBar) {
        return false;
    }

    /**
     * The beat chords of {@code bar}, which is playing, decided again from step {@code fromStepInBar} on with the
     * notes played so far ({@code window} is the one for the bar after it); null keeps what was chosen.
     */
    default Chord[] redecide(BarWindow window, long bar, int fromStepInBar) {
        return null;
    }

    int BEATS_PER_BAR = 4;

    String name();
}
