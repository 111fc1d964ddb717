package org.analogy.ui.controls;

import java.util.List;

import org.analogy.engine.chords.Chord;

/**
 * The harmony around now: the chord of bar {@code bar}, and (when they are known) the chords of the bars
 * after it, nearest first.
 *
 * @param charted true when the chords ahead are a chart's (certain), false when they are predicted
 */
public record ChordView(long bar, Chord current, List<Chord> ahead, boolean charted) {

    public static final ChordView NONE = new ChordView(Long.MIN_VALUE, Chord.NONE, List.of(), false);

    public ChordView {
        ahead = List.copyOf(ahead);
    }
}
