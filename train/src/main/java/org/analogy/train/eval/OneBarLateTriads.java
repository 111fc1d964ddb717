package org.analogy.train.eval;

import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordPredictor;
import org.analogy.engine.repr.GridNote;

/**
 * Baseline "one bar late": the next bar takes the major or minor triad that best fits the melody of the bar
 * just played (the most sounding time on its tones, the root's time counting once more to break ties), or
 * keeps the last bar's chord when that bar had no melody.
 */
final class OneBarLateTriads implements ChordPredictor {

    @Override
    public Chord predictNext(List<Chord> pastBarChords, List<GridNote> recentNotes, int stepsPerBar) {
        Chord best = bestTriad(recentNotes, stepsPerBar, 2 * stepsPerBar);
        if (!best.isNone()) return best;
        return pastBarChords.isEmpty() ? Chord.NONE : pastBarChords.get(pastBarChords.size() - 1);
    }

    /** The best-fitting triad over the notes sounding in [from, to); NONE when nothing sounds. */
    static Chord bestTriad(List<GridNote> notes, int from, int to) {
        double[] weight = new double[12];
        double total = 0;
        for (GridNote n : notes) {
            int overlap = Math.min(n.end(), to) - Math.max(n.start(), from);
            if (overlap <= 0) continue;
            weight[n.pitch() % 12] += overlap;
            total += overlap;
        }
        if (total == 0) return Chord.NONE;
        double bestScore = -1;
        Chord best = Chord.NONE;
        for (int root = 0; root < 12; root++) {
            for (int third : new int[] {4, 3}) {
                double score = 2 * weight[root] + weight[(root + third) % 12] + weight[(root + 7) % 12];
                if (score > bestScore) {
                    bestScore = score;
                    best = Chord.of(root, new int[] {0, third, 7}, root);
                }
            }
        }
        return best;
    }

    @Override
    public String name() {
        return "one bar late: best triad of the last bar";
    }
}
