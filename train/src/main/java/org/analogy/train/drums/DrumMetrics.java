package org.analogy.train.drums;

import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reconstruction figures of the groove model, as GrooVAE reports them: hit precision/recall/F1 over every step
 * and drum, and on the hits both patterns have, the velocity error (0–1 scale, MAE) and the micro-timing error
 * in milliseconds at the window's own tempo. The "grid" figure is the timing error of playing every hit exactly
 * on its 16th (the quantised pattern), the baseline a model must beat to be said to have learnt micro-timing.
 */
public final class DrumMetrics {

    private long truePositives, falsePositives, falseNegatives, matched;
    private double velocityError, timingErrorMs, gridTimingErrorMs;

    /** Adds one window: {@code truth} against the decoded {@code predicted}, steps of {@code stepSeconds}. */
    public void add(DrumPattern truth, DrumPattern predicted, double stepSeconds) {
        for (int s = 0; s < DrumPattern.STEPS; s++) {
            for (DrumVoice v : DrumVoice.values()) {
                boolean t = truth.hit(s, v), p = predicted.hit(s, v);
                if (t && p) {
                    truePositives++;
                    matched++;
                    velocityError += Math.abs(truth.velocity(s, v) - predicted.velocity(s, v));
                    timingErrorMs += Math.abs(truth.offset(s, v) - predicted.offset(s, v)) * stepSeconds * 1000;
                    gridTimingErrorMs += Math.abs(truth.offset(s, v)) * stepSeconds * 1000;
                } else if (p) {
                    falsePositives++;
                } else if (t) {
                    falseNegatives++;
                }
            }
        }
    }

    public double precision() {
        return truePositives == 0 ? 0 : (double) truePositives / (truePositives + falsePositives);
    }

    public double recall() {
        return truePositives == 0 ? 0 : (double) truePositives / (truePositives + falseNegatives);
    }

    public double hitF1() {
        double p = precision(), r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double velocityMae() {
        return matched == 0 ? Double.NaN : velocityError / matched;
    }

    public double timingMaeMs() {
        return matched == 0 ? Double.NaN : timingErrorMs / matched;
    }

    public double gridTimingMaeMs() {
        return matched == 0 ? Double.NaN : gridTimingErrorMs / matched;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hitPrecision", round(precision()));
        m.put("hitRecall", round(recall()));
        m.put("hitF1", round(hitF1()));
        m.put("velocityMae", round(velocityMae()));
        m.put("timingMaeMs", round(timingMaeMs()));
        m.put("gridTimingMaeMs", round(gridTimingMaeMs()));
        m.put("matchedHits", matched);
        return m;
    }

    private static double round(double v) {
        return Double.isNaN(v) ? v : Math.round(v * 1e5) / 1e5;
    }

    @Override
    public String toString() {
        return String.format("hit F1 %.4f (P %.4f R %.4f) velocity MAE %.4f timing MAE %.2f ms (on the grid: %.2f ms) over %d hits",
                hitF1(), precision(), recall(), velocityMae(), timingMaeMs(), gridTimingMaeMs(), matched);
    }
}
