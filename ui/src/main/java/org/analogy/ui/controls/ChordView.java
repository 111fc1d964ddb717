package org.analogy.ui.controls;

import java.util.List;

import org.analogy.engine.repr.Chord;

/**
 * The harmony around now: the chord of bar {@code bar}, and (when the mode predicts them) the chords of the
 * bars after it, nearest first.
 */
public record ChordView(long bar, Chord current, List<Chord> ahead) {

    public static final ChordView NONE = new ChordView(Long.MIN_VALUE, Chord.NONE, List.of());

    public ChordView {
        ahead = List.copyOf(ahead);
    }
}
