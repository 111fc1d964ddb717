package org.analogy.train.bass;

import org.analogy.engine.bass.BassLine;
import org.analogy.engine.chords.Chord;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Figures of bass lines against their windows' chords and rhythm ({@link #addLine}), and, for a model's
 * reconstructions, against the real line ({@link #addReconstruction}).
 *
 * <ul>
 *   <li>chord-tone share: onsets whose pitch class is in the chord in force;</li>
 *   <li>root on a chord's first beat: of the chord starts (step 0 of a window and every chord change) where the
 *       line has an onset in the chord's first beat, the share whose first such onset is the root; also how many
 *       chord starts have an onset there at all;</li>
 *   <li>onsets with the band: share of onsets on steps where another part has an onset (on stage, the piano and
 *       the kick);</li>
 *   <li>reconstruction: token accuracy over all steps, onset precision / recall / F1 by position, and of onsets
 *       found, the share with the same interval above the root (and the same octave), velocity MAE.</li>
 * </ul>
 */
final class BassMetrics {

    private long onsets, chordTones, chordStarts, startsWithOnset, rootsOnStart, withBand;
    private long steps, tokensRight, truePositives, falsePositives, falseNegatives, intervalsRight, tokensRightAtOnsets;
    private double velocityError;

    /** The chord, first-beat and rhythm figures of {@code line} in {@code window}. */
    void addLine(BassLine line, SlakhDataset.Window window) {
        Chord[] chords = window.chords();
        for (int t = 0; t < BassLine.STEPS; t++) {
            int token = line.token(t);
            if (!BassLine.isOnset(token)) continue;
            onsets++;
            int pitchClass = (Math.max(0, chords[t].root()) + BassLine.interval(token)) % 12;
            if (chords[t].contains(pitchClass)) chordTones++;
            if (window.onsets()[t] > 0) withBand++;
        }
        for (int t = 0; t < BassLine.STEPS; t++) {
            if (t > 0 && chords[t].equals(chords[t - 1])) continue;
            chordStarts++;
            for (int u = t; u < Math.min(BassLine.STEPS, t + 4); u++) {
                if (u > t && !chords[u].equals(chords[t])) break;
                if (BassLine.isOnset(line.token(u))) {
                    startsWithOnset++;
                    if (BassLine.interval(line.token(u)) == 0) rootsOnStart++;
                    break;
                }
            }
        }
    }

    /** A model's line {@code decoded} for {@code window}: reconstruction figures against the real line, and {@link #addLine}. */
    void addReconstruction(SlakhDataset.Window window, BassLine decoded) {
        addLine(decoded, window);
        BassLine real = window.bass();
        for (int t = 0; t < BassLine.STEPS; t++) {
            steps++;
            int a = real.token(t);
            int b = decoded.token(t);
            if (a == b) tokensRight++;
            boolean ra = BassLine.isOnset(a);
            boolean rb = BassLine.isOnset(b);
            if (ra && rb) {
                truePositives++;
                if (BassLine.interval(a) == BassLine.interval(b)) intervalsRight++;
                if (a == b) tokensRightAtOnsets++;
                velocityError += Math.abs(real.velocity(t) - decoded.velocity(t));
            } else if (rb) {
                falsePositives++;
            } else if (ra) {
                falseNegatives++;
            }
        }
    }

    double chordToneShare() {
        return ratio(chordTones, onsets);
    }

    double rootOnFirstBeat() {
        return ratio(rootsOnStart, startsWithOnset);
    }

    double onsetF1() {
        double p = ratio(truePositives, truePositives + falsePositives);
        double r = ratio(truePositives, truePositives + falseNegatives);
        return p + r > 0 ? 2 * p * r / (p + r) : 0;
    }

    /** The score a run keeps its best epoch by: onset F1 and token accuracy together. */
    double score() {
        return 0.5 * onsetF1() + 0.5 * ratio(tokensRight, steps);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private static double r(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    /** The line figures only (for the real lines and for a baseline). */
    Map<String, Object> lineMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("onsets", onsets);
        m.put("chordToneShare", r(chordToneShare()));
        m.put("rootOnFirstBeat", r(rootOnFirstBeat()));
        m.put("chordStartsWithOnsetInFirstBeat", r(ratio(startsWithOnset, chordStarts)));
        m.put("onsetsWithBand", r(ratio(withBand, onsets)));
        return m;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = lineMap();
        m.put("tokenAccuracy", r(ratio(tokensRight, steps)));
        m.put("onsetPrecision", r(ratio(truePositives, truePositives + falsePositives)));
        m.put("onsetRecall", r(ratio(truePositives, truePositives + falseNegatives)));
        m.put("onsetF1", r(onsetF1()));
        m.put("intervalAccuracyAtOnsets", r(ratio(intervalsRight, truePositives)));
        m.put("tokenAccuracyAtOnsets", r(ratio(tokensRightAtOnsets, truePositives)));
        m.put("velocityMae", r(truePositives == 0 ? 0 : velocityError / truePositives));
        return m;
    }

    @Override
    public String toString() {
        return String.format("tokens %.3f, onset F1 %.3f (P %.3f R %.3f), interval %.3f, chord tones %.3f, root on first beat %.3f, with band %.3f",
                ratio(tokensRight, steps), onsetF1(), ratio(truePositives, truePositives + falsePositives), ratio(truePositives, truePositives + falseNegatives),
                ratio(intervalsRight, truePositives), chordToneShare(), rootOnFirstBeat(), ratio(withBand, onsets));
    }
}
