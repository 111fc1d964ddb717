package org.analogy.train.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OrtException;

import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.train.data.MelodyWindow;

/**
 * The melody model's quality, measured on the shipped ONNX model exactly as the engine runs it:
 * reconstruction, rhythm swap, pitch kept after a swap, chord conditioning, and how much transposition
 * moves each latent (the paper's interpretability check). Deterministic given the seed.
 */
public final class MelodyEvaluation {

    /** Strong beats of 4/4: beats 1 and 3 of each bar. */
    static final int[] STRONG_BEAT_STEPS = {0, 8, 16, 24};
    static final int[] INTERVALS = {1, 2, 3, 4, 5, 6, 7, 12};

    public record Result(int windows, int pairs, double reconstructionAccuracy, double reconstructionOnsetAccuracy,
                         double rhythmSwapOnsetMatch, double pitchKeptShare, double chordToneShare,
                         double chordToneShareUnconditioned, double chordToneShareOfSongs, int strongBeatOnsets,
                         Map<Integer, double[]> transposition, double contourCorrelation, double ruleContourCorrelation,
                         int contourPairs) {}

    private final MelodyModel model;

    public MelodyEvaluation(MelodyModel model) {
        this.model = model;
    }

    public Result evaluate(List<MelodyWindow> windows, int pairs, long seed) throws OrtException {
        if (windows.size() < 2) throw new IllegalArgumentException("need at least two melody windows, found " + windows.size());
        List<MelodyLatents> latents = new ArrayList<>();
        long correct = 0;
        long onsetSteps = 0;
        long onsetCorrect = 0;
        for (MelodyWindow w : windows) {
            MelodyLatents z = model.encode(w.tokens(), w.chroma());
            latents.add(z);
            int[] out = model.decode(z, w.chroma());
            for (int s = 0; s < out.length; s++) {
                if (out[s] == w.tokens()[s]) correct++;
                if (w.tokens()[s] < 128) {
                    onsetSteps++;
                    if (out[s] == w.tokens()[s]) onsetCorrect++;
                }
            }
        }
        double reconstruction = correct / (double) (windows.size() * 32L);

        Random random = new Random(seed);
        long rhythmMatch = 0;
        int pitchKept = 0;
        long chordTones = 0;
        long chordTonesUnconditioned = 0;
        int strongOnsets = 0;
        int strongOnsetsUnconditioned = 0;
        double contour = 0;
        double ruleContour = 0;
        int contourPairs = 0;
        for (int p = 0; p < pairs; p++) {
            int ia = random.nextInt(windows.size());
            int ib = random.nextInt(windows.size() - 1);
            if (ib >= ia) ib++;
            MelodyWindow a = windows.get(ia);
            MelodyWindow b = windows.get(ib);
            int[] swapped = model.decode(latents.get(ia).withRhythmOf(latents.get(ib)), a.chroma());
            int[] rs = MelodyTokens.rhythm(swapped);
            int[] rb = MelodyTokens.rhythm(b.tokens());
            for (int s = 0; s < 32; s++) {
                if ((rs[s] == MelodyTokens.Rhythm.ONSET) == (rb[s] == MelodyTokens.Rhythm.ONSET)) rhythmMatch++;
            }
            double[] hs = pitchClassHistogram(swapped);
            if (cosine(hs, pitchClassHistogram(a.tokens())) > cosine(hs, pitchClassHistogram(b.tokens()))) pitchKept++;
            double c = contourCorrelation(swapped, a.tokens());
            double rule = contourCorrelation(pitchAtOnsets(a.tokens(), b.tokens()), a.tokens());
            if (!Double.isNaN(c) && !Double.isNaN(rule)) {
                contour += c;
                ruleContour += rule;
                contourPairs++;
            }

            // A's latents under B's progression: how many strong-beat onsets land on B's chord tones,
            // next to A decoded under its own chords and judged against B's (what chance alone gives).
            int[] conditioned = model.decode(latents.get(ia), b.chroma());
            int[] own = model.decode(latents.get(ia), a.chroma());
            for (int s : STRONG_BEAT_STEPS) {
                if (conditioned[s] < 128 && hasChord(b, s)) {
                    strongOnsets++;
                    if (b.chroma()[s * 12 + conditioned[s] % 12] > 0) chordTones++;
                }
                if (own[s] < 128 && hasChord(b, s)) {
                    strongOnsetsUnconditioned++;
                    if (b.chroma()[s * 12 + own[s] % 12] > 0) chordTonesUnconditioned++;
                }
            }
        }

        // What the songs themselves do: their melodies' strong-beat onsets on their own chords' tones.
        long songTones = 0;
        long songOnsets = 0;
        for (MelodyWindow w : windows) {
            for (int s : STRONG_BEAT_STEPS) {
                int token = w.tokens()[s];
                if (token < 128 && hasChord(w, s)) {
                    songOnsets++;
                    if (w.chroma()[s * 12 + token % 12] > 0) songTones++;
                }
            }
        }

        Map<Integer, double[]> transposition = new LinkedHashMap<>();
        for (int interval : INTERVALS) {
            double pitchMove = 0;
            double rhythmMove = 0;
            int count = 0;
            for (int i = 0; i < windows.size() && count < 400; i += Math.max(1, windows.size() / 400)) {
                MelodyWindow w = windows.get(i);
                var moved = w.transposed(interval);
                if (moved.isEmpty()) continue;
                MelodyLatents z = latents.get(i);
                MelodyLatents zt = model.encode(moved.get().tokens(), moved.get().chroma());
                pitchMove += distance(z.pitch(), zt.pitch()) / Math.sqrt(z.pitch().length);
                rhythmMove += distance(z.rhythm(), zt.rhythm()) / Math.sqrt(z.rhythm().length);
                count++;
            }
            transposition.put(interval, new double[] {pitchMove / count, rhythmMove / count, count});
        }
        return new Result(windows.size(), pairs, reconstruction, onsetCorrect / (double) Math.max(1, onsetSteps),
                rhythmMatch / (pairs * 32.0), pitchKept / (double) pairs,
                chordTones / (double) Math.max(1, strongOnsets),
                chordTonesUnconditioned / (double) Math.max(1, strongOnsetsUnconditioned),
                songTones / (double) Math.max(1, songOnsets), strongOnsets, transposition,
                contour / Math.max(1, contourPairs), ruleContour / Math.max(1, contourPairs), contourPairs);
    }

    /**
     * The pitch curve of a token sequence: at each step the pitch of the latest onset (rests keep it); steps before
     * the first onset have none (NaN).
     */
    static double[] contour(int[] tokens) {
        double[] out = new double[tokens.length];
        double pitch = Double.NaN;
        for (int s = 0; s < tokens.length; s++) {
            if (tokens[s] < 128) pitch = tokens[s];
            out[s] = pitch;
        }
        return out;
    }

    /** Pearson correlation of two sequences' pitch curves over the steps where both have one; NaN when either is flat. */
    static double contourCorrelation(int[] x, int[] y) {
        double[] a = contour(x);
        double[] b = contour(y);
        double sa = 0, sb = 0;
        int n = 0;
        for (int s = 0; s < a.length; s++) {
            if (Double.isNaN(a[s]) || Double.isNaN(b[s])) continue;
            sa += a[s];
            sb += b[s];
            n++;
        }
        if (n < 2) return Double.NaN;
        double ma = sa / n, mb = sb / n, cov = 0, va = 0, vb = 0;
        for (int s = 0; s < a.length; s++) {
            if (Double.isNaN(a[s]) || Double.isNaN(b[s])) continue;
            cov += (a[s] - ma) * (b[s] - mb);
            va += (a[s] - ma) * (a[s] - ma);
            vb += (b[s] - mb) * (b[s] - mb);
        }
        return va == 0 || vb == 0 ? Double.NaN : cov / Math.sqrt(va * vb);
    }

    /**
     * The trivial swap: B's rhythm (onsets, holds, rests) with, at each of B's onsets, the pitch A's curve has there
     * (A's first pitch before A's first onset).
     */
    static int[] pitchAtOnsets(int[] a, int[] b) {
        double[] curve = contour(a);
        int first = MelodyTokens.REST;
        for (int t : a) if (t < 128) { first = t; break; }
        int[] out = b.clone();
        for (int s = 0; s < b.length; s++) {
            if (b[s] >= 128) continue;
            out[s] = Double.isNaN(curve[s]) ? (first < 128 ? first : b[s]) : (int) curve[s];
        }
        return out;
    }

    private static boolean hasChord(MelodyWindow w, int step) {
        for (int pc = 0; pc < 12; pc++) if (w.chroma()[step * 12 + pc] > 0) return true;
        return false;
    }

    /** Pitch classes of a token sequence, weighted by how many steps each sounds. */
    static double[] pitchClassHistogram(int[] tokens) {
        double[] h = new double[12];
        int current = -1;
        for (int t : tokens) {
            if (t < 128) current = t % 12;
            else if (t == MelodyTokens.REST) current = -1;
            if (current >= 0) h[current]++;
        }
        return h;
    }

    static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - b[i]) * (double) (a[i] - b[i]);
        return Math.sqrt(s);
    }
}
