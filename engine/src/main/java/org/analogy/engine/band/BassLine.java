package org.analogy.engine.band;

import java.util.List;

import org.analogy.engine.repr.GridNote;

/**
 * Where the bass part's notes come from: the one seam between the band and a bass model. The band asks once per
 * bar, on the inference thread, after the piano and the drums of that bar are decided, so the line can lock to
 * the bar's chords (the same chord source as the piano) and to its kick drum. A learned bass model plugs in here
 * ({@link Band.Builder#bass}); until its bundle is installed the band uses {@link RootFifthBass}.
 *
 * <p>One instance per mode instance (like an accompanist), so it may keep what it needs between bars; calls come
 * one at a time.
 */
public interface BassLine {

    /** One line for {@link Band#paths()}, e.g. "root and fifth on chord changes, locked to the kick (stand-in)". */
    String describe();

    /**
     * The bass notes of {@code bar.bar()}: starts are steps within the bar (0 … stepsPerBar − 1), any octave (the
     * part folds them into its register), durations in steps (cut at the bar's end). Throwing covers the bar as
     * for any part.
     */
    List<GridNote> play(BassBar bar) throws Exception;
}
