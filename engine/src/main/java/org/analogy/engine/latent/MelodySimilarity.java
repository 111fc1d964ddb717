package org.analogy.engine.latent;

import org.analogy.engine.melody.MelodyTokens;

/**
 * How close a generated melody is to the true one, token sequence against token sequence (same length, 16th
 * steps): pitch-class content (the cosine of their pitch-class histograms, each step a note sounds counting once
 * for its pitch class) and onset pattern (the F1 score of the steps where notes begin). Two silent passages are
 * alike (1); a silent one and a played one are not (0).
 */
public final class MelodySimilarity {

    private MelodySimilarity() {
    }

    /** Cosine similarity of the sounding steps' pitch-class histograms. */
    public static double pitchClasses(int[] generated, int[] truth) {
        double[] a = histogram(generated);
        double[] b = histogram(truth);
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < 12; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        if (na == 0 && nb == 0) return 1;
        if (na == 0 || nb == 0) return 0;
        return dot / Math.sqrt(na * nb);
    }

    /** F1 of onset steps: 2·|both| / (|generated| + |truth|). */
    public static double onsets(int[] generated, int[] truth) {
        if (generated.length != truth.length) throw new IllegalArgumentException("sequences of " + generated.length + " and " + truth.length + " steps");
        int both = 0, g = 0, t = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean a = generated[i] < 128;
            boolean b = truth[i] < 128;
            if (a) g++;
            if (b) t++;
            if (a && b) both++;
        }
        if (g + t == 0) return 1;
        return 2.0 * both / (g + t);
    }

    /** Per pitch class, the steps where a note of it sounds (onset or hold). */
    static double[] histogram(int[] tokens) {
        double[] h = new double[12];
        int pitch = -1;
        for (int token : tokens) {
            if (token < 128) pitch = token;
            else if (token == MelodyTokens.REST) pitch = -1;
            if (pitch >= 0) h[pitch % 12]++;
        }
        return h;
    }
}
