package org.analogy.train.latent;

import java.util.List;

import org.analogy.train.data.Pop909Song;

/** The corpus's cut of a song into runs of consecutive 4/4 bars, for evaluations that work on the same runs. */
public final class LatentCorpusAccess {

    private LatentCorpusAccess() {
    }

    /** {@code [first bar index, bar count]} per run ({@link LatentCorpus#runsOf}). */
    public static List<int[]> runsOf(Pop909Song song) {
        return LatentCorpus.runsOf(song);
    }
}
