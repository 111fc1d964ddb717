package org.analogy.engine.accompaniment;

import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.Style;

/**
 * Makes the accompaniment of one bar. Modes call it on the inference thread once per bar, so it must finish
 * well within the bar's deadline; it keeps whatever a freeze needs to hold between calls.
 */
public interface Accompanist {

    /**
     * The accompaniment for the second bar of a 2-bar window.
     *
     * @param chords   32 chords, one per step: the bar before (context) and the bar to accompany
     * @param played   what was captured in the two bars before the bar to accompany (starts relative to the
     *                 first of them): the "live" texture
     * @param bar      the absolute number of the bar to accompany (selects the reference bar, seeds samples)
     * @return notes with starts relative to the accompanied bar's first step
     */
    List<GridNote> accompany(Chord[] chords, List<GridNote> played, Style style, long bar) throws Exception;

    String describe();
}
