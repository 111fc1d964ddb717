package org.analogy.train.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.analogy.train.data.Batches;
import org.analogy.train.nn.Adam;
import org.analogy.train.nn.NamedWeights;

/**
 * A model small enough for the run skeleton's tests: a linear layer fitted to 20 fixed samples, batches of 4
 * drawn from (seed, epoch), target noise drawn from (seed, step), the way the real trainers draw theirs.
 * Each step can move a fake clock by a second, so budgets are tested without waiting.
 */
final class TinyRegression implements TrainingRun.Model<int[]>, Batches<int[]> {

    static final int IN = 4;
    static final int SAMPLES = 20;
    static final int BATCH = 4;

    static Map<String, Shape> layout(int[] sizes) {
        if (sizes.length != 1) throw new IllegalArgumentException("tiny model needs 1 size, got " + sizes.length);
        Map<String, Shape> layout = new LinkedHashMap<>();
        NamedWeights.linear(layout, "lin", sizes[0], 1);
        return layout;
    }

    private final NDManager manager;
    private final NamedWeights weights;
    private final Adam adam;
    private final long seed;
    private final float[] x = new float[SAMPLES * IN];
    private final float[] y = new float[SAMPLES];
    private final List<Float> losses;
    private final AtomicLong clock;

    TinyRegression(NDManager manager, Checkpoint restored, long seed, List<Float> losses, AtomicLong clock) {
        this.manager = manager;
        this.seed = seed;
        this.losses = losses;
        this.clock = clock;
        Map<String, Shape> layout = layout(new int[]{IN});
        weights = restored != null ? NamedWeights.of(manager, layout, restored.weights()) : NamedWeights.initialise(manager, layout, seed);
        adam = TrainingRun.adam(manager, weights, restored);
        weights.setRequiresGradient(true);
        SplittableRandom data = new SplittableRandom(42);
        for (int i = 0; i < SAMPLES; i++) {
            for (int j = 0; j < IN; j++) x[i * IN + j] = (float) data.nextDouble(-1, 1);
            y[i] = 0.5f * x[i * IN] - 2f * x[i * IN + 1] + x[i * IN + 3] + 0.3f;
        }
    }

    static TrainingRun.Factory<int[]> factory(List<Float> losses, AtomicLong clock) {
        return (manager, restored, seed, batchSize) -> new TinyRegression(manager, restored, seed, losses, clock);
    }

    @Override
    public NamedWeights weights() {
        return weights;
    }

    @Override
    public Adam adam() {
        return adam;
    }

    @Override
    public int[] sizes() {
        return new int[]{IN};
    }

    @Override
    public byte[] settings() {
        return Checkpoint.settings(out -> out.writeFloat(0.05f));
    }

    @Override
    public String describe() {
        return "tiny linear regression";
    }

    @Override
    public Batches<int[]> batches() {
        return this;
    }

    @Override
    public int batchesPerEpoch() {
        return SAMPLES / BATCH;
    }

    @Override
    public Iterator<int[]> epoch(int epoch) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) order.add(i);
        Collections.shuffle(order, new Random(seed * 31 + epoch));
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < SAMPLES; from += BATCH) {
            batches.add(order.subList(from, from + BATCH).stream().mapToInt(Integer::intValue).toArray());
        }
        return batches.iterator();
    }

    @Override
    public List<TrainingRun.Measure> step(int[] batch, long step, int epoch) {
        SplittableRandom noise = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (step + 1));
        float[] bx = new float[batch.length * IN];
        float[] by = new float[batch.length];
        for (int i = 0; i < batch.length; i++) {
            System.arraycopy(x, batch[i] * IN, bx, i * IN, IN);
            by[i] = y[batch[i]] + (float) noise.nextDouble(-0.01, 0.01);
        }
        float loss;
        try (NDManager scope = manager.newSubManager()) {
            weights.tempAttach(scope);
            adam.tempAttach(scope);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray prediction = scope.create(bx, new Shape(batch.length, IN)).matMul(weights.get("lin.w").transpose())
                        .add(weights.get("lin.b")).reshape(batch.length);
                NDArray mse = prediction.sub(scope.create(by)).square().mean();
                collector.backward(mse);
                loss = mse.getFloat();
            }
            adam.step(weights.tensors(), 0.05f, 10f);
        }
        losses.add(loss);
        if (clock != null) clock.addAndGet(1_000_000_000L);
        return List.of(TrainingRun.Measure.mean("loss", loss, "%.5f"), TrainingRun.Measure.latest("epoch", epoch, "%.0f"));
    }

    @Override
    public TrainingRun.Validation validate(boolean full) {
        float[] w = weights.get("lin.w").toFloatArray();
        float b = weights.get("lin.b").getFloat();
        double squares = 0;
        for (int i = 0; i < SAMPLES; i++) {
            double p = b;
            for (int j = 0; j < IN; j++) p += w[j] * x[i * IN + j];
            squares += (p - y[i]) * (p - y[i]);
        }
        double mse = squares / SAMPLES;
        return new TrainingRun.Validation(String.format("mse %.5f", mse), Map.of("mse", mse), -mse);
    }

    @Override
    public String validationSet() {
        return "the tiny regression's fixed points";
    }

    @Override
    public int validationWindows(boolean full) {
        return SAMPLES;
    }
}
