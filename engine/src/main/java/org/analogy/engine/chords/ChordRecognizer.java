package org.analogy.engine.chords;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.repr.GridNote;

/**
 * Names the chord of a span of notes: each pitch class weighted by how long it sounds (the lowest note
 * counts extra, as the likely root or bass), scored against chord templates. Used for {@code --chords-from}
 * files; live left-hand recognition has its own, more immediate rules.
 */
public final class ChordRecognizer {

    /** Templates as intervals above the root, with a small bias so that simpler chords win ties. */
    private static final int[][] TEMPLATES = {
            {0, 4, 7}, {0, 3, 7}, {0, 4, 7, 10}, {0, 3, 7, 10}, {0, 4, 7, 11}, {0, 3, 6}, {0, 4, 8}, {0, 5, 7}, {0, 2, 7},
            {0, 3, 6, 10}, {0, 3, 6, 9}, {0, 4, 7, 9}, {0, 3, 7, 9},
    };
    private static final double[] BIAS = {0.10, 0.10, 0.05, 0.05, 0.05, 0.02, 0.02, 0.02, 0.02, 0.0, 0.0, 0.0, 0.0};

    private ChordRecognizer() {}

    /** The chord of the notes sounding within [from, to) steps; {@link Chord#NONE} when too little sounds. */
    public static Chord recognize(List<GridNote> notes, int from, int to) {
        double[] weight = new double[12];
        int lowest = Integer.MAX_VALUE;
        for (GridNote n : notes) {
            int overlap = Math.min(n.end(), to) - Math.max(n.start(), from);
            if (overlap <= 0) continue;
            weight[n.pitch() % 12] += overlap;
            lowest = Math.min(lowest, n.pitch());
        }
        return best(weight, lowest);
    }

    /** The best chord for per-pitch-class weights (steps sounding) and the lowest pitch sounding. */
    private static Chord best(double[] weight, int lowest) {
        double total = 0;
        for (double w : weight) total += w;
        if (total == 0) return Chord.NONE;
        int bass = lowest % 12;
        weight[bass] += total * 0.15;
        int distinct = 0;
        for (double w : weight) if (w > 0) distinct++;
        if (distinct < 2) return Chord.NONE; // a single pitch (class) is not a chord

        double best = Double.NEGATIVE_INFINITY;
        Chord bestChord = Chord.NONE;
        double norm = 0;
        for (double w : weight) norm += w;
        for (int root = 0; root < 12; root++) {
            for (int t = 0; t < TEMPLATES.length; t++) {
                int mask = 0;
                for (int interval : TEMPLATES[t]) mask |= 1 << (root + interval) % 12;
                double inside = 0;
                for (int pc = 0; pc < 12; pc++) if ((mask & 1 << pc) != 0) inside += weight[pc];
                double outside = norm - inside;
                double missing = 0;
                for (int interval : TEMPLATES[t]) if (weight[(root + interval) % 12] == 0) missing++;
                double score = (inside - outside) / norm - 0.25 * missing / TEMPLATES[t].length + BIAS[t]
                        + (root == bass ? 0.05 : 0);
                if (score > best) {
                    best = score;
                    bestChord = Chord.of(root, TEMPLATES[t], bass);
                }
            }
        }
        return bestChord;
    }

    /** One chord per {@code spanSteps} over [0, totalSteps). */
    public static List<Chord> recognizeSpans(List<GridNote> notes, int totalSteps, int spanSteps) {
        // Linear in notes + pitches × steps (not spans × notes): each pitch's sounding count per step by a
        // difference array, summed per span. The same weights as recognize(notes, from, to) on each span.
        int spans = (totalSteps + spanSteps - 1) / spanSteps;
        int steps = spans * spanSteps;
        List<List<GridNote>> byPitch = new ArrayList<>(128);
        for (int p = 0; p < 128; p++) byPitch.add(new ArrayList<>());
        for (GridNote n : notes) byPitch.get(n.pitch()).add(n);
        double[][] weight = new double[spans][12];
        int[] lowest = new int[spans];
        java.util.Arrays.fill(lowest, Integer.MAX_VALUE);
        int[] sounding = new int[steps + 1];
        for (int p = 0; p < 128; p++) {
            List<GridNote> ofPitch = byPitch.get(p);
            if (ofPitch.isEmpty()) continue;
            java.util.Arrays.fill(sounding, 0);
            for (GridNote n : ofPitch) {
                int a = Math.max(0, n.start());
                int b = Math.min(steps, n.end());
                if (a >= b) continue;
                sounding[a]++;
                sounding[b]--;
            }
            int count = 0;
            for (int step = 0; step < steps; step++) {
                count += sounding[step];
                if (count == 0) continue;
                int span = step / spanSteps;
                weight[span][p % 12] += count;
                if (p < lowest[span]) lowest[span] = p;
            }
        }
        List<Chord> out = new ArrayList<>(spans);
        for (int span = 0; span < spans; span++) out.add(best(weight[span], lowest[span]));
        return out;
    }
}
