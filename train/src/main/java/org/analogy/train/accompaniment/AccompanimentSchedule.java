package org.analogy.train.accompaniment;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.analogy.train.run.StepSchedule;

/**
 * Training settings that a resumed run must keep: the step-dependent learning rate and KL weight, clipping,
 * the weight of the auxiliary chord loss, and the texture shift of {@link AccompanimentBatches}.
 *
 * <p>Learning rate {@code lr0 · decay^step}, floored at {@code lrMin}. KL weight β linear from 0 to
 * {@code betaMax} over {@code betaWarmup} steps. KL is summed over latent dimensions and averaged over the
 * batch, like the reconstruction terms (summed over a window's cells), so β is on the scale of the paper's.
 */
public record AccompanimentSchedule(float learningRate, double learningRateDecay, float learningRateMin,
                                    float betaMax, long betaWarmup, float clipNorm, float chordWeight, int textureShift) {

    public static final AccompanimentSchedule DEFAULT =
            new AccompanimentSchedule(1e-3f, 0.99985, 1e-4f, 0.01f, 1500, 10f, 1f, 2);

    public float learningRateAt(long step) {
        return StepSchedule.learningRate(learningRate, learningRateDecay, learningRateMin, step);
    }

    public float betaAt(long step) {
        return StepSchedule.beta(betaMax, betaWarmup, step);
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeFloat(learningRate);
        out.writeDouble(learningRateDecay);
        out.writeFloat(learningRateMin);
        out.writeFloat(betaMax);
        out.writeLong(betaWarmup);
        out.writeFloat(clipNorm);
        out.writeFloat(chordWeight);
        out.writeInt(textureShift);
    }

    public static AccompanimentSchedule read(DataInputStream in) throws IOException {
        return new AccompanimentSchedule(in.readFloat(), in.readDouble(), in.readFloat(), in.readFloat(), in.readLong(),
                in.readFloat(), in.readFloat(), in.readInt());
    }
}
