package org.analogy.train.bass;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import org.analogy.engine.bass.BassConditioning;
import org.analogy.engine.bass.BassLine;
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

import static org.analogy.train.bass.BassConfig.CONDITION;
import static org.analogy.train.bass.BassConfig.FEATURES;
import static org.analogy.train.bass.BassConfig.OUTPUTS;
import static org.analogy.train.bass.BassConfig.STEPS;

/**
 * {@code ./analogy train bass}: the bass model ({@link BassVae}) on Slakh2100's train split (2-bar 4/4 windows of
 * the bass track, chords labelled from the other tracks, {@link SlakhDataset}), validated after every epoch on
 * windows spread over its validation split ({@link BassMetrics}); the best epoch is kept as {@code OUT/best.bin}.
 * The run is {@link TrainingRun}'s; this class brings the network, its batches (shuffled by (seed, epoch)), its
 * loss and its validation.
 *
 * <p>Loss per window, averaged over the batch: cross-entropy of the 32 tokens + MSE of the velocities at the
 * onsets + β · KL(z); β rises linearly to {@code --beta-max} over {@code --beta-warmup} steps; Adam at
 * {@code --lr} · {@code --lr-decay}^step floored at {@code --lr-min}.
 */
@Command(name = "bass", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the bass model (a Q&A-style orchestration function for the bass) on Slakh2100 (train split, 4/4, 2-bar "
                + "windows), validating after every epoch on windows of its validation split. Writes OUT/train.log, OUT/checkpoint.bin, "
                + "OUT/best.bin (the best epoch by onset F1 and token accuracy) and OUT/metrics.json."})
public final class TrainBass extends TrainCommand<List<SlakhDataset.Window>> {

    static final String KIND = "bass";
    static final float CLIP = 1f;

    @Option(names = "--epochs", paramLabel = "N", description = "Stop after this many epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate at step 0 (default: ${DEFAULT-VALUE}).") float lr;
    @Option(names = "--lr-decay", paramLabel = "X", description = "Learning-rate factor per step (default: ${DEFAULT-VALUE}).") float lrDecay;
    @Option(names = "--lr-min", paramLabel = "X", description = "Learning-rate floor (default: ${DEFAULT-VALUE}).") float lrMin;
    @Option(names = "--beta-max", paramLabel = "X", description = "KL weight after the warm-up (default: ${DEFAULT-VALUE}).") float betaMax;
    @Option(names = "--beta-warmup", paramLabel = "N", description = "Steps over which the KL weight rises from 0 (default: ${DEFAULT-VALUE}).") int betaWarmup;
    @Option(names = "--hidden", paramLabel = "N", description = "Encoder GRU width per direction (default: ${DEFAULT-VALUE}).") int hidden;
    @Option(names = "--latent", paramLabel = "N", description = "Style latent size (default: ${DEFAULT-VALUE}).") int latent;
    @Option(names = "--decoder-hidden", paramLabel = "N", description = "Decoder GRU width per direction (default: ${DEFAULT-VALUE}).") int decoderHidden;
    @Option(names = "--mlp", paramLabel = "N", description = "Width of the layer before the output head (default: ${DEFAULT-VALUE}).") int mlp;
    @Option(names = "--train-windows", paramLabel = "N", description = "Use only the first N training windows, for quick trials "
            + "(default: all).") int trainWindows;
    @Option(names = "--validation-windows", paramLabel = "N", description = "Validate during training on N windows spread evenly over the "
            + "validation split; 0 for all (default: ${DEFAULT-VALUE}).") int validationWindows;

    public static void main(String[] args) {
        System.exit(TrainMain.execute(new TrainBass(), args));
    }

    public TrainBass() {
        super(KIND, TrainBass::layout);
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> v = RunOptions.defaults("runs/bass", 35, 64, 100);
        v.put("--data", SlakhDataset.defaultRoot().toString());
        v.put("--epochs", "100");
        v.put("--lr", "1e-3");
        v.put("--lr-decay", "0.9999");
        v.put("--lr-min", "1e-4");
        v.put("--beta-max", "0.05");
        v.put("--beta-warmup", "3000");
        BassConfig d = BassConfig.DEFAULT;
        v.put("--hidden", Integer.toString(d.encoderHidden()));
        v.put("--latent", Integer.toString(d.latent()));
        v.put("--decoder-hidden", Integer.toString(d.decoderHidden()));
        v.put("--mlp", Integer.toString(d.mlp()));
        v.put("--train-windows", "0");
        v.put("--validation-windows", "3000");
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
    protected double secondsPerValidationWindow() {
        return 0.002;
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
        new BassConfig(hidden, latent, decoderHidden, mlp);
        data();
    }

    /** The dataset folder from {@code --data}, which must hold Slakh2100. */
    private Path data() {
        Path data = spec.findOption("--data").getValue();
        if (!SlakhDataset.isDataset(data)) throw new IllegalArgumentException("--data " + data + ": no Slakh2100 there (train/ and validation/ folders missing)");
        return data;
    }

    static Map<String, Shape> layout(int[] sizes) {
        return BassConfig.fromInts(sizes).layout();
    }

    public static Checkpoint load(Path file) throws IOException {
        return Checkpoint.load(file, KIND, TrainBass::layout);
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
    protected TrainingRun.Factory<List<SlakhDataset.Window>> factory() {
        return (manager, restored, seed, batchSize) -> {
            Settings settings = restored != null ? Settings.of(restored)
                    : new Settings(lr, lrDecay, lrMin, betaMax, betaWarmup, trainWindows, validationWindows);
            SlakhDataset.Loaded train = SlakhDataset.load(data(), SlakhDataset.Split.TRAIN);
            SlakhDataset.Loaded validation = SlakhDataset.load(data(), SlakhDataset.Split.VALIDATION);
            BassConfig config = restored != null ? BassConfig.fromInts(restored.sizes()) : new BassConfig(hidden, latent, decoderHidden, mlp);
            NamedWeights weights = restored != null ? NamedWeights.of(manager, config.layout(), restored.weights())
                    : NamedWeights.initialise(manager, config.layout(), seed);
            Adam adam = TrainingRun.adam(manager, weights, restored);
            weights.setRequiresGradient(true);
            List<SlakhDataset.Window> trainWindows = settings.trainWindows() > 0 && settings.trainWindows() < train.windows().size()
                    ? train.windows().subList(0, settings.trainWindows()) : train.windows();
            return new Model(manager, new BassVae(weights, config), adam, settings, trainWindows,
                    spread(validation.windows(), settings.validationWindows()), train.describe(), validation.describe(), seed, batchSize);
        };
    }

    /** {@code n} windows spread evenly over {@code all} (every window when n is 0 or more than there are). */
    static <T> List<T> spread(List<T> all, int n) {
        if (n <= 0 || n >= all.size()) return all;
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(all.get((int) ((long) i * all.size() / n)));
        return out;
    }

    private record Model(NDManager manager, BassVae vae, Adam adam, Settings runSettings, List<SlakhDataset.Window> train,
                         List<SlakhDataset.Window> validation, String trainDescription, String validationDescription,
                         long seed, int batchSize) implements TrainingRun.Model<List<SlakhDataset.Window>> {

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
        public Batches<List<SlakhDataset.Window>> batches() {
            return new Batches<>() {
                @Override
                public int batchesPerEpoch() {
                    return train.size() / batchSize;
                }

                @Override
                public Iterator<List<SlakhDataset.Window>> epoch(int epoch) {
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
                        public List<SlakhDataset.Window> next() {
                            if (!hasNext()) throw new NoSuchElementException();
                            List<SlakhDataset.Window> batch = new ArrayList<>(batchSize);
                            for (int i = from; i < from + batchSize; i++) batch.add(train.get(order.get(i)));
                            from += batchSize;
                            return batch;
                        }
                    };
                }
            };
        }

        @Override
        public List<Measure> step(List<SlakhDataset.Window> batch, long step, int epoch) {
            float rate = runSettings.rate(step);
            float beta = runSettings.beta(step);
            Losses l = TrainBass.step(manager, vae, adam, batch, StepSchedule.random(seed, step), beta, rate);
            return List.of(Measure.mean("loss", l.total(), "%.3f"), Measure.mean("tokens", l.tokens(), "%.3f"),
                    Measure.mean("vel", l.velocity(), "%.3f"), Measure.mean("kl", l.kl(), "%.2f"),
                    Measure.latest("beta", beta, "%.3f"), Measure.latest("lr", rate, "%.2e"));
        }

        @Override
        public String validationSet() {
            return "Slakh2100 validation split, 4/4, " + validation.size() + " windows spread over it";
        }

        @Override
        public TrainingRun.Validation validate(boolean full) {
            BassMetrics m = TrainBass.validate(manager, vae, validation);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("config", vae.config().toString());
            metrics.put("windows", validation.size());
            metrics.putAll(m.toMap());
            return new TrainingRun.Validation(m.toString(), metrics, m.score());
        }

        @Override
        public int validationWindows(boolean full) {
            return validation.size();
        }
    }

    /** One step's losses per window: total, token cross-entropy, velocity MSE, KL. */
    record Losses(double total, double tokens, double velocity, double kl) {
    }

    /** Encoder inputs of a batch, [B,32,FEATURES]. */
    static float[] lines(List<SlakhDataset.Window> batch) {
        float[] f = new float[batch.size() * STEPS * FEATURES];
        for (int i = 0; i < batch.size(); i++) batch.get(i).bass().writeFeatures(f, i * STEPS * FEATURES);
        return f;
    }

    /** Decoder conditioning of a batch, [B,32,CONDITION]. */
    static float[] conditions(List<SlakhDataset.Window> batch) {
        float[] c = new float[batch.size() * STEPS * CONDITION];
        for (int i = 0; i < batch.size(); i++) {
            SlakhDataset.Window w = batch.get(i);
            BassConditioning.write(w.chords(), w.onsets(), c, i * STEPS * CONDITION);
        }
        return c;
    }

    private static Losses step(NDManager manager, BassVae vae, Adam adam, List<SlakhDataset.Window> batch, java.util.SplittableRandom random,
                               float beta, float rate) {
        int b = batch.size();
        int z = vae.config().latent();
        try (NDManager scope = manager.newSubManager()) {
            vae.weights().tempAttach(scope);
            adam.tempAttach(scope);
            NDArray x = scope.create(lines(batch), new Shape(b, STEPS, FEATURES));
            NDArray c = scope.create(conditions(batch), new Shape(b, STEPS, CONDITION));
            NDArray noise = scope.create(Gaussian.draw(random, b * z), new Shape(b, z));
            Losses losses;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                BassVae.Posterior q = vae.encode(x, true);
                NDArray sample = q.mean().add(q.logVar().mul(0.5f).exp().mul(noise));
                NDArray out = vae.decode(sample, c, true);
                NDArray[] parts = terms(x, out);
                NDArray kl = q.mean().square().add(q.logVar().exp()).sub(q.logVar()).sub(1f).sum().mul(0.5f / b);
                NDArray total = parts[0].add(parts[1]).add(kl.mul(beta));
                collector.backward(total);
                losses = new Losses(total.getFloat(), parts[0].getFloat(), parts[1].getFloat(), kl.getFloat());
            }
            adam.step(vae.weights().tensors(), rate, CLIP);
            return losses;
        }
    }

    /** Token cross-entropy and velocity MSE at the onsets, each summed per window, mean over the batch. */
    static NDArray[] terms(NDArray x, NDArray out) {
        float b = x.getShape().get(0);
        int k = BassLine.TOKENS;
        NDArray tokens = x.get(":, :, 0:" + k);
        NDArray velocities = x.get(":, :, " + k);
        NDArray onsets = x.get(":, :, " + BassLine.ONSET + ":" + k).sum(new int[]{2});
        NDArray logits = out.get(":, :, 0:" + k);
        NDArray velocityOut = Activation.sigmoid(out.get(":, :, " + k));
        NDArray ce = logits.logSoftmax(2).mul(tokens).sum().neg().div(b);
        NDArray velocity = velocityOut.sub(velocities).square().mul(onsets).sum().div(b);
        return new NDArray[]{ce, velocity};
    }

    /** Every window encoded to its posterior mean and decoded under its own conditioning. */
    static BassMetrics validate(NDManager manager, BassVae vae, List<SlakhDataset.Window> windows) {
        BassMetrics metrics = new BassMetrics();
        for (int from = 0; from < windows.size(); from += 256) {
            List<SlakhDataset.Window> part = windows.subList(from, Math.min(windows.size(), from + 256));
            float[] out = decodeOwn(manager, vae, part);
            for (int i = 0; i < part.size(); i++) metrics.addReconstruction(part.get(i), BassLine.ofDecoderOutputs(out, i * STEPS * OUTPUTS));
        }
        return metrics;
    }

    /** DJL outputs [B,32,OUTPUTS] of {@code windows} decoded from their own latents (posterior means). */
    static float[] decodeOwn(NDManager manager, BassVae vae, List<SlakhDataset.Window> windows) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = manager.newSubManager()) {
            vae.weights().tempAttach(scope);
            int b = windows.size();
            NDArray x = scope.create(lines(windows), new Shape(b, STEPS, FEATURES));
            NDArray c = scope.create(conditions(windows), new Shape(b, STEPS, CONDITION));
            return vae.decode(vae.encode(x, false).mean(), c, false).toFloatArray();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }
}
