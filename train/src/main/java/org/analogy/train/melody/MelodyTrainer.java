package org.analogy.train.melody;

import static org.analogy.train.melody.MelodyVaeConfig.CHROMA;
import static org.analogy.train.melody.MelodyVaeConfig.RHYTHM;
import static org.analogy.train.melody.MelodyVaeConfig.STEPS;
import static org.analogy.train.melody.MelodyVaeConfig.TOKENS;

import java.util.SplittableRandom;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

import org.analogy.engine.melody.MelodyTokens;
import org.analogy.train.data.MelodyBatches;
import org.analogy.train.nn.Adam;
import org.analogy.train.nn.Gaussian;
import org.analogy.train.run.StepSchedule;

/**
 * One optimisation step of the melody VAE: loss = CE(tokens) + CE(rhythm) + β·(KL(z_pitch) + KL(z_rhythm))
 * [+ λ·chord fit].
 *
 * <p>KL terms are averaged over batch and latent dimensions (as in the EC2VAE reference), so β is small
 * next to the per-step cross-entropies and reconstruction dominates; no free-bits floor is needed at that
 * scale.
 *
 * <p>Scheduled sampling runs in two parallel passes instead of 32 sequential ones: a teacher-forced pass
 * without gradient gives the model's own argmax at every step; then, with probability p per step, the
 * "previous" inputs of the second pass (and the rhythm the melody decoder conditions on) are replaced by those
 * predictions, and the loss and gradient come from the second pass. All randomness (reparameterisation noise,
 * sampling masks) is drawn in Java from (seed, step), so a resumed run draws exactly what it would have.
 *
 * <p>Chord fit (λ &gt; 0): reconstruction alone lets the decoder ignore the chords, because z_pitch already
 * says every pitch; then a melody decoded under another progression keeps its old notes. So each window's
 * latents are also decoded under the next window's chords (the batch rolled by one), and on strong beats
 * (1 and 3) where the melody has an onset the loss is −log of the probability the decoder gives to the
 * tones of that foreign chord. The melody has no ground truth under foreign chords; this only asks that
 * what lands on a strong beat belongs to the chord sounding there, the rule the chord-conditioning
 * measure checks.
 */
final class MelodyTrainer {

    /** What one step reports for the log. */
    record StepStats(float loss, float tokenLoss, float rhythmLoss, float pitchKl, float rhythmKl,
                     float beta, float sampling, float learningRate, double gradientNorm, float teacherAccuracy,
                     float chordFit) {
    }

    /** Strong beats of a 2-bar 4/4 window on the 16th grid: beats 1 and 3 of each bar. */
    private static final int STRONG_BEAT_EVERY = 8;

    private final NDManager manager;
    private final MelodyVae model;
    private final Adam adam;
    private final TrainingSchedule schedule;
    private final long seed;
    private final float chordFitWeight;

    MelodyTrainer(NDManager manager, MelodyVae model, Adam adam, TrainingSchedule schedule, long seed) {
        this(manager, model, adam, schedule, seed, 0f);
    }

    MelodyTrainer(NDManager manager, MelodyVae model, Adam adam, TrainingSchedule schedule, long seed, float chordFitWeight) {
        if (!(chordFitWeight >= 0 && chordFitWeight <= 100)) throw new IllegalArgumentException("chord-fit weight " + chordFitWeight + " outside 0–100");
        this.chordFitWeight = chordFitWeight;
        this.manager = manager;
        this.model = model;
        this.adam = adam;
        this.schedule = schedule;
        this.seed = seed;
        model.weights().setRequiresGradient(true);
    }

    StepStats step(MelodyBatches.Batch batch, long step) {
        int b = batch.size();
        int[] tokens = batch.tokens();
        int[] rhythm = MelodyTokens.rhythm(tokens);
        SplittableRandom random = StepSchedule.random(seed, step);
        MelodyVaeConfig c = model.config();
        float beta = schedule.betaAt(step);
        float sampling = schedule.samplingAt(step);
        float learningRate = schedule.learningRateAt(step);

        try (NDManager scope = manager.newSubManager()) {
            model.weights().tempAttach(scope);
            adam.tempAttach(scope);
            NDArray tokenTargets = scope.create(OneHots.of(tokens, TOKENS), new Shape(b, STEPS, TOKENS));
            NDArray rhythmTargets = scope.create(OneHots.of(rhythm, RHYTHM), new Shape(b, STEPS, RHYTHM));
            NDArray chroma = scope.create(batch.chroma(), new Shape(b, STEPS, CHROMA));
            NDArray pitchNoise = scope.create(Gaussian.draw(random, b * c.pitchLatent()), new Shape(b, c.pitchLatent()));
            NDArray rhythmNoise = scope.create(Gaussian.draw(random, b * c.rhythmLatent()), new Shape(b, c.rhythmLatent()));
            NDArray half = scope.create(0.5f);

            float tokenLoss, rhythmLoss, pitchKl, rhythmKl, total, teacherAccuracy, chordFit = 0;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                MelodyVae.Posterior posterior = model.encode(tokenTargets, chroma, true);
                NDArray zPitch = reparameterise(posterior.pitchMean(), posterior.pitchLogVar(), pitchNoise, half);
                NDArray zRhythm = reparameterise(posterior.rhythmMean(), posterior.rhythmLogVar(), rhythmNoise, half);

                int[] fedTokens = tokens;
                int[] fedRhythm = rhythm;
                if (sampling > 0) {
                    int[][] own = teacherForcedArgmax(scope, zPitch, zRhythm, tokenTargets, rhythmTargets, rhythm, chroma, b);
                    fedTokens = mix(tokens, own[0], sampling, random);
                    fedRhythm = mix(rhythm, own[1], sampling, random);
                }
                NDArray rhythmLogits = model.rhythmLogits(zRhythm,
                        scope.create(OneHots.shifted(fedRhythm, RHYTHM), new Shape(b, STEPS, RHYTHM)), true);
                NDArray tokenLogits = model.tokenLogits(zPitch,
                        scope.create(OneHots.shifted(fedTokens, TOKENS), new Shape(b, STEPS, TOKENS)),
                        scope.create(OneHots.of(fedRhythm, RHYTHM), new Shape(b, STEPS, RHYTHM)), chroma, true);

                NDArray tokenCe = crossEntropy(tokenLogits, tokenTargets);
                NDArray rhythmCe = crossEntropy(rhythmLogits, rhythmTargets);
                NDArray pitchKlArray = kl(posterior.pitchMean(), posterior.pitchLogVar(), half);
                NDArray rhythmKlArray = kl(posterior.rhythmMean(), posterior.rhythmLogVar(), half);
                NDArray loss = tokenCe.add(rhythmCe).add(pitchKlArray.add(rhythmKlArray).mul(scope.create(beta)));
                if (chordFitWeight > 0) {
                    NDArray fit = chordFit(scope, zPitch, fedTokens, fedRhythm, tokens, batch.chroma(), b);
                    if (fit != null) {
                        loss = loss.add(fit.mul(scope.create(chordFitWeight)));
                        chordFit = fit.getFloat();
                    }
                }
                collector.backward(loss);

                tokenLoss = tokenCe.getFloat();
                rhythmLoss = rhythmCe.getFloat();
                pitchKl = pitchKlArray.getFloat();
                rhythmKl = rhythmKlArray.getFloat();
                total = loss.getFloat();
                teacherAccuracy = accuracy(tokenLogits, tokens);
            }
            double norm = adam.step(model.weights().tensors(), learningRate, schedule.clipNorm());
            return new StepStats(total, tokenLoss, rhythmLoss, pitchKl, rhythmKl, beta, sampling, learningRate, norm, teacherAccuracy,
                    chordFit);
        }
    }

    /**
     * Mean over the selected strong-beat onsets of −log P(a tone of the foreign chord), the latents of window i
     * decoded under the chords of window i+1 with the same fed history and rhythm; null when no step qualifies.
     */
    private NDArray chordFit(NDManager scope, NDArray zPitch, int[] fedTokens, int[] fedRhythm, int[] tokens, float[] chroma, int b) {
        int stepChroma = STEPS * CHROMA;
        float[] foreign = new float[chroma.length];
        for (int i = 0; i < b; i++) System.arraycopy(chroma, ((i + 1) % b) * stepChroma, foreign, i * stepChroma, stepChroma);
        float[] toneMask = new float[b * STEPS * TOKENS];
        float[] selected = new float[b * STEPS];
        int count = 0;
        for (int i = 0; i < b; i++) {
            for (int t = 0; t < STEPS; t += STRONG_BEAT_EVERY) {
                int at = i * STEPS + t;
                boolean chordSounds = false;
                for (int pc = 0; pc < CHROMA; pc++) chordSounds |= foreign[at * CHROMA + pc] > 0;
                if (tokens[at] >= MelodyTokens.HOLD || !chordSounds) continue; // no onset, or no chord to fit
                selected[at] = 1;
                count++;
                for (int pitch = 0; pitch < MelodyTokens.HOLD; pitch++) {
                    if (foreign[at * CHROMA + pitch % CHROMA] > 0) toneMask[at * TOKENS + pitch] = 1;
                }
            }
        }
        if (count == 0) return null;
        NDArray logits = model.tokenLogits(zPitch,
                scope.create(OneHots.shifted(fedTokens, TOKENS), new Shape(b, STEPS, TOKENS)),
                scope.create(OneHots.of(fedRhythm, RHYTHM), new Shape(b, STEPS, RHYTHM)),
                scope.create(foreign, new Shape(b, STEPS, CHROMA)), true);
        NDArray toneProbability = logits.softmax(2).mul(scope.create(toneMask, new Shape(b, STEPS, TOKENS))).sum(new int[]{2});
        NDArray logProbability = toneProbability.add(scope.create(1e-6f)).log();
        return logProbability.mul(scope.create(selected, new Shape(b, STEPS))).sum().div(scope.create((float) count)).neg();
    }

    /** The first, gradient-free pass: argmax tokens and rhythm classes under full teacher forcing. */
    private int[][] teacherForcedArgmax(NDManager scope, NDArray zPitch, NDArray zRhythm, NDArray tokenTargets,
                                        NDArray rhythmTargets, int[] rhythm, NDArray chroma, int b) {
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            NDArray rhythmLogits = model.rhythmLogits(zRhythm,
                    scope.create(OneHots.shifted(rhythm, RHYTHM), new Shape(b, STEPS, RHYTHM)), false);
            NDArray previousTokens = scope.create(OneHots.shifted(argmaxOf(tokenTargets), TOKENS), new Shape(b, STEPS, TOKENS));
            NDArray tokenLogits = model.tokenLogits(zPitch, previousTokens, rhythmTargets, chroma, false);
            return new int[][]{argmaxOf(tokenLogits), argmaxOf(rhythmLogits)};
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    private static int[] argmaxOf(NDArray scores) {
        long[] indices = scores.argMax(2).toLongArray();
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) out[i] = (int) indices[i];
        return out;
    }

    /** Each position takes the model's own class with probability {@code p}, else the truth. */
    private static int[] mix(int[] truth, int[] own, float p, SplittableRandom random) {
        int[] mixed = truth.clone();
        for (int i = 0; i < mixed.length; i++) if (random.nextFloat() < p) mixed[i] = own[i];
        return mixed;
    }

    /*
     * Constants in the differentiated graph are tensors owned by the step's scope, never Java numbers: DJL turns
     * a number into a temporary tensor over a direct buffer and frees it right after the forward op, but
     * PyTorch's autograd keeps a view of it for the backward pass (mul/div save their other operand). The
     * backward then reads freed memory: gradients of 1e28 appeared at random steps before this was found.
     */

    private static NDArray reparameterise(NDArray mean, NDArray logVar, NDArray noise, NDArray half) {
        return mean.add(logVar.mul(half).exp().mul(noise));
    }

    /** Mean over batch and steps of −log p(target). */
    static NDArray crossEntropy(NDArray logits, NDArray oneHotTargets) {
        return logits.logSoftmax(2).mul(oneHotTargets).sum(new int[]{2}).mean().neg();
    }

    /** KL(N(μ, σ²) ‖ N(0, 1)), averaged over batch and dimensions: ½·mean(μ² + σ² − log σ² − 1). */
    static NDArray kl(NDArray mean, NDArray logVar, NDArray half) {
        // the −1 is subtracted after the mean: a constant shift needs no tensor in the graph
        return mean.square().add(logVar.exp()).sub(logVar).mean().sub(1f).mul(half);
    }

    private static float accuracy(NDArray logits, int[] targets) {
        int[] predicted = argmaxOf(logits);
        int correct = 0;
        for (int i = 0; i < targets.length; i++) if (predicted[i] == targets[i]) correct++;
        return (float) correct / targets.length;
    }
}
