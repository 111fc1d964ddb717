package org.analogy.train.melody;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.analogy.train.run.StepSchedule;

/**
 * Everything that depends on the step number: learning rate, KL weight and the scheduled-sampling rate.
 * All are pure functions of the step, so a resumed run follows the same curve.
 *
 * <p>Learning rate: {@code lr0 · decay^step}, floored at {@code lrMin}.
 * KL weight β: linear from 0 at step 0 to {@code betaMax} at {@code betaWarmup}, then constant.
 * Scheduled sampling rate p: 0 until {@code samplingStart}, linear to {@code samplingMax} at
 * {@code samplingEnd}, then constant. p is the chance that a decoder's "previous step" input (and the
 * melody decoder's rhythm input) is the model's own teacher-forced prediction instead of the truth.
 */
public record TrainingSchedule(float learningRate, double learningRateDecay, float learningRateMin,
                               float betaMax, long betaWarmup,
                               long samplingStart, long samplingEnd, float samplingMax,
                               float clipNorm) {

    public static final TrainingSchedule DEFAULT =
            new TrainingSchedule(1e-3f, 0.9998, 5e-5f, 0.1f, 3000, 1500, 7000, 0.3f, 1.0f);

    public float learningRateAt(long step) {
        return StepSchedule.learningRate(learningRate, learningRateDecay, learningRateMin, step);
    }

    public float betaAt(long step) {
        return StepSchedule.beta(betaMax, betaWarmup, step);
    }

    public float samplingAt(long step) {
        if (step < samplingStart) return 0f;
        if (step >= samplingEnd) return samplingMax;
        return samplingMax * (float) (step - samplingStart) / (samplingEnd - samplingStart);
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeFloat(learningRate);
        out.writeDouble(learningRateDecay);
        out.writeFloat(learningRateMin);
        out.writeFloat(betaMax);
        out.writeLong(betaWarmup);
        out.writeLong(samplingStart);
        out.writeLong(samplingEnd);
        out.writeFloat(samplingMax);
        out.writeFloat(clipNorm);
    }

    public static TrainingSchedule read(DataInputStream in) throws IOException {
        return new TrainingSchedule(in.readFloat(), in.readDouble(), in.readFloat(), in.readFloat(), in.readLong(),
                in.readLong(), in.readLong(), in.readFloat(), in.readFloat());
    }
}
