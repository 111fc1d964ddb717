package org.analogy.train.drums;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.train.TrainMain;
import org.analogy.train.data.Batches;
import org.analogy.train.nn.Adam;
import org.analogy.train.nn.Gaussian;
import org.analogy.train.nn.NamedWeights;
import org.analogy.train.run.Checkpoint;
import org.analogy.train.run.RunOptions;
import org.analogy.train.run.StepSchedule;
import org.analogy.train.run.TrainCommand;
import org.analogy.train.run.TrainingRun;
import org.analogy.train.run.TrainingRun.Measure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

import static org.analogy.train.drums.DrumConfig.FEATURES;
import static org.analogy.train.drums.DrumConfig.STEPS;

/**
 * {@code ./analogy train drums}: the groove model ({@link DrumVae}) on the Groove MIDI Dataset's train split
 * (4/4 performances in 2-bar windows, {@link GrooveDataset}), validated after every epoch on its validation split
 * (hit F1, velocity MAE, micro-timing MAE in ms, {@link DrumMetrics}); the best epoch is kept as
 * {@code OUT/best.bin}. The run is {@link TrainingRun}'s; this class brings the network, its batches (the
 * windows shuffled by (seed, epoch)), its loss and its validation.
 *
 * <p>Loss per window, averaged over the batch: BCE of the 32 × 9 hits + MSE of the velocities and of the offsets
 * (scaled to −1..1) where the drum is hit + β · KL(z); β rises linearly to {@code --beta-max} over
 * {@code --beta-warmup} steps; Adam at {@code --lr} · {@code --lr-decay}^step floored at {@code --lr-min}.
 */
@Command(name = "drums", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the GrooVAE-like groove model on the Groove MIDI Dataset (train split, 4/4, 2-bar windows), validating "
                + "after every epoch on its validation split. Writes OUT/train.log, OUT/checkpoint.bin, OUT/best.bin (the best epoch by "
                + "hit F1) and OUT/metrics.json."})
public final class TrainDrums extends TrainCommand<List<DrumPattern>> {

    static final String KIND = "drums";
    static final float CLIP = 1f;

    @Option(names = "--epochs", paramLabel = "N", description = "Stop after this many epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate at step 0 (default: ${DEFAULT-VALUE}).") float lr;
    @Option(names = "--lr-decay", paramLabel = "X", description = "Learning-rate factor per step (default: ${DEFAULT-VALUE}).") float lrDecay;
    @Option(names = "--lr-min", paramLabel = "X", description = "Learning-rate floor (default: ${DEFAULT-VALUE}).") float lrMin;
    @Option(names = "--beta-max", paramLabel = "X", description = "KL weight after the warm-up (default: ${DEFAULT-VALUE}).") float betaMax;
    @Option(names = "--beta-warmup", paramLabel = "N", description = "Steps over which the KL weight rises from 0 (default: ${DEFAULT-VALUE}).") int betaWarmup;
    @Option(names = "--hidden", paramLabel = "N", description = "Encoder GRU width per direction (default: ${DEFAULT-VALUE}).") int hidden;
    @Option(names = "--latent", paramLabel = "N", description = "Groove latent size (default: ${DEFAULT-VALUE}).") int latent;
    @Option(names = "--decoder-hidden", paramLabel = "N", description = "Decoder GRU width (default: ${DEFAULT-VALUE}).") int decoderHidden;
    @Option(names = "--mlp", paramLabel = "N", description = "Width of the layer before the output head (default: ${DEFAULT-VALUE}).") int mlp;
    @Option(names = "--train-windows", paramLabel = "N", description = "Use only the first N training windows, for quick trials "
            + "(default: all).") int trainWindows;
    @Option(names = "--validation-windows", paramLabel = "N", description = "Validate on only the first N validation windows, for quick "
            + "trials (default: all).") int validationWindows;

    public static void main(String[] args) {
        System.exit(TrainMain.execute(new TrainDrums(), args));
    }

    public TrainDrums() {
        super(KIND, TrainDrums::layout);
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> v = RunOptions.defaults("runs/drums", 60, 64, 50);
        v.put("--data", GrooveDataset.defaultRoot().toString());
        v.put("--epochs", "200");
        v.put("--lr", "1e-3");
        v.put("--lr-decay", "0.9999");
        v.put("--lr-min", "1e-4");
        v.put("--beta-max", "0.2");
        v.put("--beta-warmup", "2000");
        DrumConfig d = DrumConfig.DEFAULT;
        v.put("--hidden", Integer.toString(d.encoderHidden()));
        v.put("--latent", Integer.toString(d.latent()));
        v.put("--decoder-hidden", Integer.toString(d.decoderHidden()));
        v.put("--mlp", Integer.toString(d.mlp()));
        v.put("--train-windows", "0");
        v.put("--validation-windows", "0");
        return v;
    }

    @Override
    protected List<String> settingsFlags() {
        return List.of("--lr", "--lr-decay", "--lr-min", "--beta-max", "--beta-warmup", "--hidden", "--latent", "--decoder-hidden", "--mlp",
                "--train-windows", "--validation-windows");
    }

    @Override
    protected int maxEpochs() {
        return epochs;
    }

    @Override
    protected void check() {
        if (epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + ": give 1 or more");
        if (!(lr > 0)) throw new IllegalArgumentException("--lr " + lr + ": give a rate above 0");
        if (!(lrDecay > 0 && lrDecay <= 1)) throw new IllegalArgumentException("--lr-decay " + lrDecay + ": give a factor in (0, 1]");
        if (!(lrMin >= 0)) throw new IllegalArgumentException("--lr-min " + lrMin + ": give 0 or more");
        if (!(betaMax >= 0)) throw new IllegalArgumentException("--beta-max " + betaMax + ": give 0 or more");
        if (betaWarmup < 0) throw new IllegalArgumentException("--beta-warmup " + betaWarmup + ": give 0 or more");
        if (trainWindows < 0 || validationWindows < 0) throw new IllegalArgumentException("--train-windows/--validation-windows: give 0 (all) or more");
        new DrumConfig(hidden, latent, decoderHidden, mlp);
        data();
    }

    /** The dataset folder from {@code --data}, which must hold the Groove MIDI Dataset. */
    private Path data() {
        Path data = spec.findOption("--data").getValue();
        if (!GrooveDataset.isDataset(data)) throw new IllegalArgumentException("--data " + data + ": no Groove MIDI Dataset there (info.csv missing)");
        return data;
    }

    static Map<String, Shape> layout(int[] sizes) {
        return DrumConfig.fromInts(sizes).layout();
    }

    public static Checkpoint load(Path file) throws IOException {
        return Checkpoint.load(file, KIND, TrainDrums::layout);
    }

    /** What a resumed run keeps: its schedule and how much data it used. */
    record Settings(float lr, float lrDecay, float lrMin, float betaMax, int betaWarmup, int trainWindows, int validationWindows) {
        byte[] bytes() {
            return Checkpoint.settings(out -> {
                out.writeFloat(lr);
                out.writeFloat(lrDecay);
                out.writeFloat(lrMin);
                out.writeFloat(betaMax);
                out.writeInt(betaWarmup);
                out.writeInt(trainWindows);
                out.writeInt(validationWindows);
            });
        }

        static Settings of(Checkpoint checkpoint) throws IOException {
            DataInputStream in = checkpoint.settingsIn();
            return new Settings(in.readFloat(), in.readFloat(), in.readFloat(), in.readFloat(), in.readInt(), in.readInt(), in.readInt());
        }

        float rate(long step) {
            return StepSchedule.learningRate(lr, lrDecay, lrMin, step);
        }

        float beta(long step) {
            return StepSchedule.beta(betaMax, betaWarmup, step);
        }
    }

    @Override
    protected TrainingRun.Factory<List<DrumPattern>> factory() {
        return (manager, restored, seed, batchSize) -> {
            Settings settings = restored != null ? Settings.of(restored)
                    : new Settings(lr, lrDecay, lrMin, betaMax, betaWarmup, trainWindows, validationWindows);
            GrooveDataset.Loaded train = GrooveDataset.load(data(), GrooveDataset.Split.TRAIN);
            GrooveDataset.Loaded validation = GrooveDataset.load(data(), GrooveDataset.Split.VALIDATION);
            DrumConfig config = restored != null ? DrumConfig.fromInts(restored.sizes()) : new DrumConfig(hidden, latent, decoderHidden, mlp);
            NamedWeights weights = restored != null ? NamedWeights.of(manager, config.layout(), restored.weights())
                    : NamedWeights.initialise(manager, config.layout(), seed);
            Adam adam = TrainingRun.adam(manager, weights, restored);
            weights.setRequiresGradient(true);
            return new Model(manager, new DrumVae(weights, config), adam, settings,
                    first(train.windows(), settings.trainWindows()), first(validation.windows(), settings.validationWindows()),
                    train.describe(), validation.describe(), seed, batchSize);
        };
    }

    private static <T> List<T> first(List<T> all, int n) {
        return n > 0 && n < all.size() ? all.subList(0, n) : all;
    }

    private record Model(NDManager manager, DrumVae vae, Adam adam, Settings runSettings, List<GrooveDataset.Window> train,
                         List<GrooveDataset.Window> validation, String trainDescription, String validationDescription,
                         long seed, int batchSize) implements TrainingRun.Model<List<DrumPattern>> {

        @Override
        public NamedWeights weights() {
            return vae.weights();
        }

        @Override
        public int[] sizes() {
            return vae.config().toInts();
        }

        @Override
        public byte[] settings() {
            return runSettings.bytes();
        }

        @Override
        public String describe() {
            return String.format("config=%s %s train: %s; validation: %s", vae.config(), runSettings, trainDescription, validationDescription);
        }

        @Override
        public Batches<List<DrumPattern>> batches() {
            return new Batches<>() {
                @Override
                public int batchesPerEpoch() {
                    return train.size() / batchSize;
                }

                @Override
                public Iterator<List<DrumPattern>> epoch(int epoch) {
                    List<Integer> order = new ArrayList<>(train.size());
                    for (int i = 0; i < train.size(); i++) order.add(i);
                    Collections.shuffle(order, new Random(seed * 31 + epoch));
                    return new Iterator<>() {
                        int from;

                        @Override
                        public boolean hasNext() {
                            return from + batchSize <= order.size();
                        }

                        @Override
                        public List<DrumPattern> next() {
                            if (!hasNext()) throw new NoSuchElementException();
                            List<DrumPattern> batch = new ArrayList<>(batchSize);
                            for (int i = from; i < from + batchSize; i++) batch.add(train.get(order.get(i)).pattern());
                            from += batchSize;
                            return batch;
                        }
                    };
                }
            };
        }

        @Override
        public List<Measure> step(List<DrumPattern> batch, long step, int epoch) {
            float rate = runSettings.rate(step);
            float beta = runSettings.beta(step);
            Losses l = TrainDrums.step(manager, vae, adam, batch, StepSchedule.random(seed, step), beta, rate);
            return List.of(Measure.mean("loss", l.total(), "%.3f"), Measure.mean("hits", l.hits(), "%.3f"),
                    Measure.mean("vel", l.velocity(), "%.3f"), Measure.mean("off", l.offset(), "%.3f"), Measure.mean("kl", l.kl(), "%.2f"),
                    Measure.latest("beta", beta, "%.3f"), Measure.latest("lr", rate, "%.2e"));
        }

        @Override
        public String validationSet() {
            return "Groove MIDI Dataset validation split, 4/4";
        }

        @Override
        public TrainingRun.Validation validate(boolean full) {
            DrumMetrics m = TrainDrums.validate(manager, vae, validation, 0f);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("config", vae.config().toString());
            metrics.put("windows", validation.size());
            metrics.put("hitThresholdLogit", 0.0);
            metrics.putAll(m.toMap());
            return new TrainingRun.Validation(m.toString(), metrics, m.hitF1());
        }

        @Override
        public int validationWindows(boolean full) {
            return validation.size();
        }
    }

    /** One step's losses per window: total, hit BCE, velocity MSE, offset MSE, KL. */
    record Losses(double total, double hits, double velocity, double offset, double kl) {
    }

    /** Targets of a batch: features [B,32,27] (hits, velocities, offsets ×2) and the hit mask. */
    static float[] features(List<DrumPattern> batch) {
        float[] f = new float[batch.size() * STEPS * FEATURES];
        for (int i = 0; i < batch.size(); i++) batch.get(i).writeFeatures(f, i * STEPS * FEATURES);
        return f;
    }

    private static Losses step(NDManager manager, DrumVae vae, Adam adam, List<DrumPattern> batch, java.util.SplittableRandom random,
                               float beta, float rate) {
        int b = batch.size();
        int z = vae.config().latent();
        try (NDManager scope = manager.newSubManager()) {
            vae.weights().tempAttach(scope);
            adam.tempAttach(scope);
            NDArray x = scope.create(features(batch), new Shape(b, STEPS, FEATURES));
            NDArray noise = scope.create(Gaussian.draw(random, b * z), new Shape(b, z));
            Losses losses;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                DrumVae.Posterior q = vae.encode(x, true);
                NDArray sample = q.mean().add(q.logVar().mul(0.5f).exp().mul(noise));
                NDArray out = vae.decode(sample, true);
                NDArray[] parts = terms(x, out);
                NDArray kl = q.mean().square().add(q.logVar().exp()).sub(q.logVar()).sub(1f).sum().mul(0.5f / b);
                NDArray total = parts[0].add(parts[1]).add(parts[2]).add(kl.mul(beta));
                collector.backward(total);
                losses = new Losses(total.getFloat(), parts[0].getFloat(), parts[1].getFloat(), parts[2].getFloat(), kl.getFloat());
            }
            adam.step(vae.weights().tensors(), rate, CLIP);
            return losses;
        }
    }

    /** Hit BCE, velocity MSE and offset MSE (offsets ×2, so −1..1, like the tanh head), each summed per window, mean over the batch. */
    static NDArray[] terms(NDArray x, NDArray out) {
        float b = x.getShape().get(0);
        int v = DrumPattern.VOICES;
        NDArray hits = x.get(":, :, 0:" + v);
        NDArray velocities = x.get(":, :, " + v + ":" + 2 * v);
        NDArray offsets = x.get(":, :, " + 2 * v + ":").mul(2f);
        NDArray hitLogits = out.get(":, :, 0:" + v);
        NDArray velocityOut = Activation.sigmoid(out.get(":, :, " + v + ":" + 2 * v));
        NDArray offsetOut = out.get(":, :, " + 2 * v + ":").tanh();
        NDArray bce = Activation.softPlus(hitLogits).sub(hitLogits.mul(hits)).sum().div(b);
        NDArray velocity = velocityOut.sub(velocities).square().mul(hits).sum().div(b);
        NDArray offset = offsetOut.sub(offsets).square().mul(hits).sum().div(b);
        return new NDArray[]{bce, velocity, offset};
    }

    /** Every window encoded to its posterior mean and decoded; hits where the logit exceeds {@code threshold}. */
    static DrumMetrics validate(NDManager manager, DrumVae vae, List<GrooveDataset.Window> windows, float threshold) {
        DrumMetrics metrics = new DrumMetrics();
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            int chunk = 256;
            for (int from = 0; from < windows.size(); from += chunk) {
                List<GrooveDataset.Window> part = windows.subList(from, Math.min(windows.size(), from + chunk));
                List<DrumPattern> patterns = new ArrayList<>(part.size());
                for (GrooveDataset.Window w : part) patterns.add(w.pattern());
                try (NDManager scope = manager.newSubManager()) {
                    vae.weights().tempAttach(scope);
                    NDArray x = scope.create(features(patterns), new Shape(part.size(), STEPS, FEATURES));
                    float[] out = vae.decode(vae.encode(x, false).mean(), false).toFloatArray();
                    for (int i = 0; i < part.size(); i++) {
                        metrics.add(part.get(i).pattern(), DrumPattern.ofDecoderOutputs(out, i * STEPS * FEATURES, threshold), part.get(i).stepSeconds());
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return metrics;
    }
}
