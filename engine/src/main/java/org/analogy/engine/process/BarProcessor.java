package org.analogy.engine.process;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.control.ControlSnapshot;

/**
 * What the inference stage runs once per bar: from the captured window, write the notes of
 * {@link BarWindow#targetBar()}. Implementations run on the inference thread (one call at a time), may take
 * a few milliseconds, and signal failure by throwing: the stage then covers the bar and counts the miss.
 * Notes are written with durations; processors never send note-offs, so they cannot leave one hanging.
 */
public interface BarProcessor {

    String name();

    /**
     * True when the processor needs every note of the bar before the target bar (a one-bar echo): the
     * capture then publishes no earlier than the point after which new notes belong to the next bar.
     */
    default boolean requiresCompleteBar(ControlSnapshot controls) {
        return false;
    }

    /**
     * True when the processor rewrites a bar already playing when a chord is played in the middle of it
     * (split keyboard): the capture stage then publishes revision windows ({@link BarWindow#isRevision()}).
     */
    default boolean revisesOnChordChange() {
        return false;
    }

    /**
     * Rewrites the accompaniment of bar {@code window.targetBar() - 1}, which is already playing; only notes
     * from {@code window.reviseFromStep()} on are used, and they replace the ones queued there.
     */
    default void revise(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
    }

    /**
     * True while the processor's melody part may be answering the performer (answer mode): each melody note the
     * performer plays is then reported to {@link #performerPlayed}. Read on the capture thread.
     */
    default boolean yieldsToPerformer() {
        return false;
    }

    /**
     * The performer played a melody note at {@code step} (inference thread): returns true when the melody part must
     * fall silent from there (its queued notes withdrawn, its sounding notes released).
     */
    default boolean performerPlayed(double step) {
        return false;
    }

    /** The chord the processor is playing to now (for the status line and the window); NONE when it has none. */
    default org.analogy.engine.chords.Chord chordInUse() {
        return org.analogy.engine.chords.Chord.NONE;
    }

    void process(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception;
}
