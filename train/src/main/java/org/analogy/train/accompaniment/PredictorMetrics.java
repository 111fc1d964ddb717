package org.analogy.train.accompaniment;

import org.analogy.engine.chords.Chord;

/**
 * Next-bar chord prediction against the annotations, next to the "repeat the current chord" baseline
 * (the chord on the last beat of the bar just played). Judged on the next bar's first beat, at positions
 * where it has an annotated chord.
 *
 * <ul>
 *   <li>Root accuracy: predicted root = annotated root ("no chord" predicted counts as wrong).</li>
 *   <li>Chord-tone agreement: |predicted ∩ annotated pitch classes| / |predicted ∪ annotated| (Jaccard),
 *       averaged over positions.</li>
 * </ul>
 */
public final class PredictorMetrics {

    private long positions, rootHits, baselineRootHits;
    private double agreement, baselineAgreement;

    /** One position: what the model predicted, what "repeat" would say, and what the annotation says. */
    public void add(Chord predicted, Chord current, Chord truth) {
        if (truth.isNone()) return;
        positions++;
        if (!predicted.isNone() && predicted.root() == truth.root()) rootHits++;
        if (!current.isNone() && current.root() == truth.root()) baselineRootHits++;
        agreement += jaccard(predicted, truth);
        baselineAgreement += jaccard(current, truth);
    }

    static double jaccard(Chord a, Chord b) {
        int union = Integer.bitCount(a.pitchClassMask() | b.pitchClassMask());
        return union == 0 ? 0 : (double) Integer.bitCount(a.pitchClassMask() & b.pitchClassMask()) / union;
    }

    public long positions() {
        return positions;
    }

    public double rootAccuracy() {
        return positions == 0 ? 0 : (double) rootHits / positions;
    }

    public double baselineRootAccuracy() {
        return positions == 0 ? 0 : (double) baselineRootHits / positions;
    }

    public double chordToneAgreement() {
        return positions == 0 ? 0 : agreement / positions;
    }

    public double baselineChordToneAgreement() {
        return positions == 0 ? 0 : baselineAgreement / positions;
    }

    @Override
    public String toString() {
        return String.format("positions=%d root accuracy %.4f (repeat %.4f) chord-tone agreement %.4f (repeat %.4f)",
                positions, rootAccuracy(), baselineRootAccuracy(), chordToneAgreement(), baselineChordToneAgreement());
    }
}
