package org.analogy.engine.band;

import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.ReferenceClip;

/**
 * What a {@link BassLine} plays one bar from.
 *
 * @param bar          the bar being decided
 * @param stepsPerBar  16 in 4/4
 * @param chords       the chord of each step of the bar ({@code stepsPerBar} entries; {@link Chord#NONE} where
 *                     there is none), as the piano plays it
 * @param previous     the chord of each step of the bar before (for lines that move into a change)
 * @param kicks        per step, true where the drums of this bar strike the kick (all false without drums)
 * @param played       what the performer played in the model window (two bars before {@code bar}), relative to
 *                     the window's first step
 * @param reference    the preset's bass clip (its style, for a learned model), or null
 */
public record BassBar(long bar, int stepsPerBar, Chord[] chords, Chord[] previous, boolean[] kicks, List<GridNote> played,
                      ReferenceClip reference) {

    public BassBar {
        if (chords.length != stepsPerBar || previous.length != stepsPerBar || kicks.length != stepsPerBar) {
            throw new IllegalArgumentException("a bass bar takes " + stepsPerBar + " chords, previous chords and kick flags, not "
                    + chords.length + ", " + previous.length + ", " + kicks.length);
        }
        played = List.copyOf(played);
    }
}
