package org.analogy.engine.chords;

import org.analogy.engine.capture.BarWindow;

/**
 * Where the harmony of a bar comes from: a chart, the performer's left hand, or a prediction from what was
 * played. Called by a processor on the inference thread, once per bar, with the window just captured; for
 * bars still to come (the target bar and after) it answers what is decided at that trigger point.
 */
public interface ChordSource {

    /**
     * One chord per 16th step for {@code bars} bars starting at bar {@code fromBar} (absolute bar numbers).
     * Bars before {@link BarWindow#targetBar()} are what was played (or charted); later ones are decided now.
     */
    Chord[] chords(BarWindow window, long fromBar, int bars);

    /** False for keys that only name chords (the left hand below a split point): they are not melody. */
    default boolean isMelody(int pitch) {
        return true;
    }

    /** Keys below this MIDI note name chords as they are played (0: no chord zone). */
    default int splitPoint() {
        return 0;
    }

    /**
     * True when the source decides again within a bar: the capture stage then asks {@link #redecidesAt} just
     * before each beat and, where it says so, has the bar playing rewritten from that beat (a revision window).
     */
    default boolean decidesWithinBars() {
        return false;
    }

    /** Whether to decide again from step {@code stepInBar} (a beat after the first) of {@code bar}. Capture thread. */
    default boolean redecidesAt(long bar, int stepInBar) {
        return false;
    }

    /** One line for listings and the status, e.g. "chart: C G Am F". */
    String describe();
}
