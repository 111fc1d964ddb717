package org.analogy.engine.latent;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.melody.MelodyCodec;
import org.analogy.engine.melody.MelodyLatents;

/**
 * A melody continued window by window from latents: the context windows are encoded by the melody model, the
 * latent predictor reads them and predicts the next window in its direction, then reads each prediction in turn
 * to predict the one after (its chords are given: they are known or predicted before the melody is). The
 * predictions are decoded by the caller under the chords it plays.
 */
public final class MelodyContinuation {

    /**
     * A 2-bar window in the predictor's view.
     *
     * @param latents  its z_pitch and z_rhythm (encoded, or predicted)
     * @param chroma   its two bars' mean chord chroma ({@link LatentFeatures#barChroma}), 24 values
     * @param firstBar its first bar
     */
    public record Window(MelodyLatents latents, float[] chroma, long firstBar) {
    }

    /** A window still to be predicted: its chords and first bar. */
    public record Target(float[] chroma, long firstBar) {
    }

    private final LatentPredictorModel predictor;

    public MelodyContinuation(LatentPredictorModel predictor) {
        this.predictor = predictor;
    }

    /**
     * The prediction with its rhythm replaced by the nearest (Euclidean) of {@code candidates}' rhythms, its pitch
     * kept. A prediction trained for least squares is a blend of the rhythms that could follow, and decodes to a
     * generic rhythm; songs reuse their own rhythms, and the nearest one they have used is a sharper guess.
     */
    public static MelodyLatents withNearestRhythm(MelodyLatents predicted, List<MelodyLatents> candidates) {
        float[] best = null;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (MelodyLatents c : candidates) {
            double d = 0;
            for (int i = 0; i < c.rhythm().length; i++) {
                double x = c.rhythm()[i] - predicted.rhythm()[i];
                d += x * x;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = c.rhythm();
            }
        }
        return best == null ? predicted : new MelodyLatents(predicted.pitch(), best);
    }

    /** The encoded window of {@code tokens} (32) under {@code stepChroma} (32 × 12). */
    public static Window encode(MelodyCodec codec, int[] tokens, float[] stepChroma, long firstBar) throws Exception {
        return new Window(codec.encode(tokens, stepChroma), LatentFeatures.barChroma(stepChroma), firstBar);
    }

    /**
     * Predicts {@code targets} in order, reading {@code context} first (in reading order for the direction: oldest
     * first going forward, latest first going backward; each window two bars from the next). One predictor call
     * for the context, one more for each further target.
     */
    public List<MelodyLatents> predict(LatentPredictorModel.Direction direction, List<Window> context, List<Target> targets) throws Exception {
        if (targets.isEmpty()) return List.of();
        Chain chain = begin(direction, context, targets.get(0));
        List<MelodyLatents> out = new ArrayList<>(targets.size());
        out.add(chain.latest());
        for (int j = 1; j < targets.size(); j++) out.add(chain.next(targets.get(j)));
        return out;
    }

    /** Reads the context and predicts {@code first} (one predictor call); the chain then goes on one window per call. */
    public Chain begin(LatentPredictorModel.Direction direction, List<Window> context, Target first) throws Exception {
        if (context.isEmpty()) throw new IllegalArgumentException("a continuation needs at least one window of context");
        int f = predictor.features();
        float[] x = new float[context.size() * f];
        for (int i = 0; i < context.size(); i++) {
            Window w = context.get(i);
            float[] next = i + 1 < context.size() ? context.get(i + 1).chroma() : first.chroma();
            LatentFeatures.write(w.latents(), w.chroma(), next, (int) Math.floorMod(w.firstBar(), LatentFeatures.CYCLE_BARS), x, i * f);
        }
        LatentPredictorModel.Step step = predictor.run(direction, x, context.size(), null);
        return new Chain(direction, step, first);
    }

    /** A continuation under way: the latest predicted window, and the state to predict the one after it. */
    public final class Chain {
        private final LatentPredictorModel.Direction direction;
        private LatentPredictorModel.Step step;
        private Target latestTarget;
        private final float[] one = new float[predictor.features()];

        private Chain(LatentPredictorModel.Direction direction, LatentPredictorModel.Step step, Target target) {
            this.direction = direction;
            this.step = step;
            this.latestTarget = target;
        }

        /** The latents predicted last. */
        public MelodyLatents latest() {
            return step.next();
        }

        /** Reads the latest prediction as if it had been played and predicts {@code target}: one predictor call. */
        public MelodyLatents next(Target target) throws Exception {
            LatentFeatures.write(step.next(), latestTarget.chroma(), target.chroma(),
                    (int) Math.floorMod(latestTarget.firstBar(), LatentFeatures.CYCLE_BARS), one, 0);
            step = predictor.run(direction, one, 1, step.state());
            latestTarget = target;
            return step.next();
        }
    }
}
