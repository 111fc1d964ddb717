package org.analogy.train.accompaniment;

import static org.analogy.train.accompaniment.AccompanimentConfig.BEATS;
import static org.analogy.train.accompaniment.AccompanimentConfig.CHORD_FORM;
import static org.analogy.train.accompaniment.AccompanimentConfig.DURATION_BITS;
import static org.analogy.train.accompaniment.AccompanimentConfig.PITCHES;
import static org.analogy.train.accompaniment.AccompanimentConfig.ROLL_CHANNELS;
import static org.analogy.train.accompaniment.AccompanimentConfig.STEPS;

import java.util.SplittableRandom;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;

import org.analogy.train.nn.Adam;
import org.analogy.train.nn.Gaussian;
import org.analogy.train.run.StepSchedule;

/**
 * One optimisation step of the accompaniment model. Per window:
 * loss = BCE(onsets over all 32 × 128 cells) + BCE(duration bits at true onsets)
 *      + w · (CE(root) + CE(bass) + BCE(chroma)) of the auxiliary chord decoder + β · (KL(z_chord) + KL(z_texture)),
 * averaged over the batch. Noise is drawn in Java from (seed, step), so a resumed run draws what it would have.
 */
final class AccompanimentTrainer {

    record StepStats(float loss, float onsetLoss, float durationLoss, float chordLoss, float chordKl, float textureKl,
                     float beta, float learningRate, double gradientNorm, float onsetPrecision, float onsetRecall) {
    }

    private final NDManager manager;
    private final AccompanimentVae model;
    private final Adam adam;
    private final AccompanimentSchedule schedule;
    private final long seed;

    AccompanimentTrainer(NDManager manager, AccompanimentVae model, Adam adam, AccompanimentSchedule schedule, long seed) {
        this.manager = manager;
        this.model = model;
        this.adam = adam;
        this.schedule = schedule;
        this.seed = seed;
        model.weights().setRequiresGradient(true);
    }

    StepStats step(AccompanimentBatches.Batch batch, long step) {
        int b = batch.size();
        AccompanimentConfig c = model.config();
        SplittableRandom random = StepSchedule.random(seed, step);
        float beta = schedule.betaAt(step);
        float learningRate = schedule.learningRateAt(step);
        try (NDManager scope = manager.newSubManager()) {
            model.weights().tempAttach(scope);
            adam.tempAttach(scope);
            NDArray chordForm = scope.create(batch.chordForm(), new Shape(b, BEATS, CHORD_FORM));
            NDArray texture = scope.create(batch.texture(), new Shape(b, ROLL_CHANNELS, STEPS, PITCHES));
            NDArray onsets = scope.create(batch.onsets(), new Shape(b, STEPS, PITCHES));
            NDArray bits = scope.create(batch.durationBits(), new Shape(b, STEPS, PITCHES, DURATION_BITS));
            NDArray chordNoise = scope.create(Gaussian.draw(random, b * c.chordLatent()), new Shape(b, c.chordLatent()));
            NDArray textureNoise = scope.create(Gaussian.draw(random, b * c.textureLatent()), new Shape(b, c.textureLatent()));

            StepStats stats;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                AccompanimentVae.Posterior chord = model.encodeChords(chordForm, true);
                AccompanimentVae.Posterior tex = model.encodeTexture(texture, true);
                NDArray zChord = reparameterise(chord, chordNoise);
                NDArray zTexture = reparameterise(tex, textureNoise);
                NDArray logits = model.decode(zChord, zTexture, true);
                NDArray onsetLogits = logits.get(new NDIndex(":, :, :, 0"));
                NDArray bitLogits = logits.get(new NDIndex(":, :, :, 1:"));

                NDArray onsetLoss = binaryCrossEntropy(onsetLogits, onsets).sum().div((float) b);
                NDArray durationLoss = binaryCrossEntropy(bitLogits, bits).mul(onsets.expandDims(3)).sum().div((float) b);
                NDArray chordLoss = chordLoss(model.chordLogits(zChord), chordForm, b);
                NDArray chordKl = kl(chord);
                NDArray textureKl = kl(tex);
                NDArray loss = onsetLoss.add(durationLoss).add(chordLoss.mul(schedule.chordWeight()))
                        .add(chordKl.add(textureKl).mul(beta));
                collector.backward(loss);

                NDArray predicted = onsetLogits.gt(0f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                float truePositives = predicted.mul(onsets).sum().getFloat();
                float predictedCount = predicted.sum().getFloat();
                float actualCount = onsets.sum().getFloat();
                stats = new StepStats(loss.getFloat(), onsetLoss.getFloat(), durationLoss.getFloat(), chordLoss.getFloat(),
                        chordKl.getFloat(), textureKl.getFloat(), beta, learningRate, 0,
                        predictedCount == 0 ? 0 : truePositives / predictedCount, actualCount == 0 ? 0 : truePositives / actualCount);
            }
            double norm = adam.step(model.weights().tensors(), learningRate, schedule.clipNorm());
            return new StepStats(stats.loss(), stats.onsetLoss(), stats.durationLoss(), stats.chordLoss(), stats.chordKl(),
                    stats.textureKl(), beta, learningRate, norm, stats.onsetPrecision(), stats.onsetRecall());
        }
    }

    /** Root and bass as 12-way classifications (beats without a chord add nothing), chroma as 12 bits. */
    static NDArray chordLoss(NDArray logits, NDArray target, int batch) {
        NDArray rootCe = logits.get(new NDIndex(":, :, 0:12")).logSoftmax(2).mul(target.get(new NDIndex(":, :, 0:12"))).sum().neg();
        NDArray bassCe = logits.get(new NDIndex(":, :, 24:36")).logSoftmax(2).mul(target.get(new NDIndex(":, :, 24:36"))).sum().neg();
        NDArray chroma = binaryCrossEntropy(logits.get(new NDIndex(":, :, 12:24")), target.get(new NDIndex(":, :, 12:24"))).sum();
        return rootCe.add(bassCe).add(chroma).div((float) batch);
    }

    /** Element-wise BCE with logits, in the stable form softplus(x) − x·y. */
    static NDArray binaryCrossEntropy(NDArray logits, NDArray targets) {
        return Activation.softPlus(logits).sub(logits.mul(targets));
    }

    private static NDArray reparameterise(AccompanimentVae.Posterior p, NDArray noise) {
        return p.mean().add(p.logVar().mul(0.5f).exp().mul(noise));
    }

    /** KL(N(μ, σ²) ‖ N(0, 1)), summed over dimensions and averaged over the batch. */
    static NDArray kl(AccompanimentVae.Posterior p) {
        long batch = p.mean().getShape().get(0);
        return p.mean().square().add(p.logVar().exp()).sub(p.logVar()).sub(1f).sum().mul(0.5f / batch);
    }
}
