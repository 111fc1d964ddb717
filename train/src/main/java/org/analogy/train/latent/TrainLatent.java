package org.analogy.train.latent;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.analogy.engine.model.ModelBundle;
import org.analogy.train.TrainMain;
import org.analogy.train.data.Batches;
import org.analogy.train.data.LeadSheets;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Pop909Song;
import org.analogy.train.data.Split;
import org.analogy.train.nn.Adam;
import org.analogy.train.nn.NamedWeights;
import org.analogy.train.run.Checkpoint;
import org.analogy.train.run.RunOptions;
import org.analogy.train.run.TrainCommand;
import org.analogy.train.run.TrainingRun;
import org.analogy.train.run.TrainingRun.Measure;

/**
 * {@code ./analogy train latent}: the latent predictor. POP909 songs 1–850 (and, with {@code --leadsheets}, the
 * lead sheets' training part) are encoded window by window with the shipped melody encoder ({@link LatentCorpus},
 * cached in {@code OUT/}); a forward and a backward GRU learn to predict the window two bars on and two bars back
 * (mean squared error on z_pitch and z_rhythm). Validated after every epoch on songs 851–880 against repeating
 * the last window and against the mean latent; the best epoch is {@code OUT/best.bin}.
 */
@Command(name = "latent", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the latent predictor (next and previous 2-bar melody window as z_pitch/z_rhythm) on POP909 songs 1–850 "
                + "encoded by the shipped melody model, validating after every epoch on songs 851–880 against repeating the last window "
                + "and the mean latent. Writes OUT/train.log, OUT/checkpoint.bin, OUT/best.bin and OUT/metrics.json."})
public final class TrainLatent extends TrainCommand<TrainLatent.Batch> {

    static final String KIND = "latent";
    static final double LR_DECAY_PER_EPOCH = 0.95;
    static final float CLIP = 5f;
    static final String TRAIN_CACHE = "corpus-train.bin";
    static final String VALIDATION_CACHE = "corpus-validation.bin";

    @Option(names = "--epochs", paramLabel = "N", description = "Stop after this many epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--length", paramLabel = "N", description = "Windows per training sequence (default: ${DEFAULT-VALUE}).") int length;
    @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate of epoch 0 (default: ${DEFAULT-VALUE}).") float lr;
    @Option(names = "--hidden", paramLabel = "N", description = "GRU width (default: ${DEFAULT-VALUE}).") int hidden;
    @Option(names = "--mlp", paramLabel = "N", description = "Width of the layer before the head (default: ${DEFAULT-VALUE}).") int mlp;
    @Option(names = "--melody", paramLabel = "DIR", description = "The melody bundle whose encoder gives the latents (default: ${DEFAULT-VALUE}).") Path melody;
    @Option(names = "--shifts", paramLabel = "LIST", description = "Transpositions of the training songs, comma-separated semitones (default: ${DEFAULT-VALUE}).") String shifts;
    @Option(names = "--leadsheets", paramLabel = "DIR", description = "Also train on these lead sheets' training part (default: none).") Path leadsheets;

    public static void main(String[] args) {
        System.exit(TrainMain.execute(new TrainLatent(), args));
    }

    public TrainLatent() {
        super(KIND, TrainLatent::layout);
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> v = RunOptions.defaults("runs/latent", 25, 64, 100);
        v.put("--epochs", "60");
        v.put("--length", "12");
        v.put("--lr", "1e-3");
        v.put("--hidden", "256");
        v.put("--mlp", "256");
        v.put("--melody", org.analogy.engine.model.ModelStore.bundleDir("melody").toString());
        v.put("--shifts", "0");
        return v;
    }

    @Override
    protected List<String> settingsFlags() {
        return List.of("--length", "--lr", "--hidden", "--mlp", "--melody", "--shifts", "--leadsheets");
    }

    @Override
    protected int maxEpochs() {
        return epochs;
    }

    @Override
    protected void check() {
        if (epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + ": give 1 or more");
        if (length < 2) throw new IllegalArgumentException("--length " + length + ": give 2 or more windows");
        if (!(lr > 0)) throw new IllegalArgumentException("--lr " + lr + ": give a rate above 0");
        if (hidden < 1 || mlp < 1) throw new IllegalArgumentException("--hidden and --mlp must be 1 or more");
        parseShifts(shifts);
        if (leadsheets != null && !Files.isDirectory(leadsheets)) throw new IllegalArgumentException("--leadsheets " + leadsheets + ": no folder there");
        if (!Files.isDirectory(melody)) throw new IllegalArgumentException("--melody " + melody + ": no melody bundle there");
        run.data();
    }

    static int[] parseShifts(String list) {
        try {
            int[] s = java.util.Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            for (int v : s) if (v < -6 || v > 6) throw new IllegalArgumentException("--shifts " + list + ": each shift must be within -6..6");
            if (s.length == 0) throw new IllegalArgumentException("--shifts: give at least one shift");
            return s;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shifts " + list + ": give comma-separated whole semitones, e.g. 0,-2,2");
        }
    }

    static Map<String, Shape> layout(int[] sizes) {
        return LatentConfig.fromInts(sizes).layout();
    }

    static Checkpoint load(Path file) throws IOException {
        return Checkpoint.load(file, KIND, TrainLatent::layout);
    }

    /** What a resumed run keeps. */
    record Settings(float lr, int length, String melody, String shifts, String leadsheets) {
        byte[] bytes() {
            return Checkpoint.settings(out -> {
                out.writeFloat(lr);
                out.writeInt(length);
                out.writeUTF(melody);
                out.writeUTF(shifts);
                out.writeUTF(leadsheets);
            });
        }

        static Settings of(Checkpoint checkpoint) throws IOException {
            DataInputStream in = checkpoint.settingsIn();
            return new Settings(in.readFloat(), in.readInt(), in.readUTF(), in.readUTF(), in.readUTF());
        }
    }

    /** A batch: {sequence, first position} chunks, read in both directions. */
    record Batch(List<int[]> chunks) {
    }

    /** The training corpus (POP909 1–850 at every shift, plus lead sheets when given), cached in {@code out}. */
    static LatentCorpus trainCorpus(Path data, Settings s, Path out) throws Exception {
        List<Pop909Song> songs = new ArrayList<>(Pop909Dataset.load(data, Split.TRAIN).songs());
        if (!s.leadsheets().isEmpty()) songs.addAll(LeadSheets.load(Path.of(s.leadsheets()), LeadSheets.Part.TRAIN));
        return LatentCorpus.load(ModelBundle.load(Path.of(s.melody())), songs, parseShifts(s.shifts()), out.resolve(TRAIN_CACHE));
    }

    /** POP909 851–880 untransposed, cached in {@code out}. */
    static LatentCorpus validationCorpus(Path data, Path melodyBundle, Path out) throws Exception {
        return LatentCorpus.load(ModelBundle.load(melodyBundle), Pop909Dataset.load(data, Split.VALIDATION).songs(), new int[]{0},
                out.resolve(VALIDATION_CACHE));
    }

    @Override
    protected TrainingRun.Factory<Batch> factory() {
        return (manager, restored, seed, batchSize) -> {
            Settings settings = restored != null ? Settings.of(restored)
                    : new Settings(lr, length, melody.toString(), shifts, leadsheets == null ? "" : leadsheets.toString());
            Path out = run.out();
            long t0 = System.nanoTime();
            LatentCorpus train = trainCorpus(run.data(), settings, out);
            LatentCorpus validation = validationCorpus(run.data(), Path.of(settings.melody()), out);
            System.out.printf("latent corpus: %d train windows, %d validation windows (%.0f s)%n", train.windows(), validation.windows(),
                    (System.nanoTime() - t0) / 1e9);
            LatentConfig config = restored != null ? LatentConfig.fromInts(restored.sizes())
                    : new LatentConfig(hidden, mlp, train.zPitch(), train.zRhythm());
            NamedWeights weights = restored != null ? NamedWeights.of(manager, config.layout(), restored.weights())
                    : NamedWeights.initialise(manager, config.layout(), seed);
            Adam adam = TrainingRun.adam(manager, weights, restored);
            weights.setRequiresGradient(true);
            return new Model(manager, config, settings, new LatentPredictorNet(weights, config), weights, adam,
                    LatentSequences.of(train.runs(), true), LatentSequences.of(train.runs(), false), validation,
                    LatentMetrics.meanLatent(train), seed, batchSize);
        };
    }

    private record Model(NDManager manager, LatentConfig config, Settings runSettings, LatentPredictorNet net, NamedWeights weights,
                         Adam adam, List<LatentSequences.Sequence> forward, List<LatentSequences.Sequence> backward,
                         LatentCorpus validation, float[] mean, long seed, int batchSize) implements TrainingRun.Model<Batch> {

        @Override
        public int[] sizes() {
            return config.toInts();
        }

        @Override
        public byte[] settings() {
            return runSettings.bytes();
        }

        @Override
        public String describe() {
            return String.format("config=%s lr=%s (×%s per epoch) length=%d shifts=%s sequences=%d leadsheets=%s",
                    config, runSettings.lr(), LR_DECAY_PER_EPOCH, runSettings.length(), runSettings.shifts(), forward.size(),
                    runSettings.leadsheets().isEmpty() ? "no" : runSettings.leadsheets());
        }

        @Override
        public Batches<Batch> batches() {
            return new Batches<>() {
                @Override
                public int batchesPerEpoch() {
                    return chunks(new Random(seed * 31)).size() / batchSize;
                }

                @Override
                public Iterator<Batch> epoch(int epoch) {
                    Random random = new Random(seed * 31 + epoch);
                    List<int[]> chunks = chunks(random);
                    return new Iterator<>() {
                        int from;

                        @Override
                        public boolean hasNext() {
                            return from + batchSize <= chunks.size();
                        }

                        @Override
                        public Batch next() {
                            if (!hasNext()) throw new NoSuchElementException();
                            Batch b = new Batch(chunks.subList(from, from + batchSize));
                            from += batchSize;
                            return b;
                        }
                    };
                }
            };
        }

        /** Every sequence cut into pieces of {@code length} windows from a random offset, shuffled. */
        private List<int[]> chunks(Random random) {
            int len = runSettings.length();
            List<int[]> chunks = new ArrayList<>();
            for (int s = 0; s < forward.size(); s++) {
                int offset = random.nextInt(len);
                for (int first = -offset; first < forward.get(s).length() - 1; first += len) chunks.add(new int[]{s, Math.max(0, first)});
            }
            Collections.shuffle(chunks, random);
            return chunks;
        }

        @Override
        public List<Measure> step(Batch batch, long step, int epoch) {
            float rate = (float) (runSettings.lr() * Math.pow(LR_DECAY_PER_EPOCH, epoch));
            int len = runSettings.length();
            try (NDManager scope = manager.newSubManager()) {
                net.weights().tempAttach(scope);
                adam.tempAttach(scope);
                double[] losses = new double[2];
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray total = null;
                    for (int d = 0; d < 2; d++) {
                        NDArray loss = loss(scope, d == 0 ? forward : backward, batch.chunks(), len, LatentConfig.DIRECTIONS[d]);
                        losses[d] = loss.getFloat();
                        total = total == null ? loss : total.add(loss);
                    }
                    collector.backward(total);
                }
                adam.step(net.weights().tensors(), rate, CLIP);
                return List.of(Measure.mean("fwd", losses[0], "%.4f"), Measure.mean("bwd", losses[1], "%.4f"), Measure.latest("lr", rate, "%.2e"));
            }
        }

        /** Mean squared error per latent value over the chunks' positions that have a target. */
        private NDArray loss(NDManager scope, List<LatentSequences.Sequence> sequences, List<int[]> chunks, int len, String direction) {
            int b = chunks.size();
            int f = config.features();
            int z = config.zSize();
            float[] x = new float[b * len * f];
            float[] target = new float[b * len * z];
            float[] mask = new float[b * len];
            for (int i = 0; i < b; i++) {
                LatentSequences.Sequence s = sequences.get(chunks.get(i)[0]);
                int first = chunks.get(i)[1];
                for (int t = 0; t < len && first + t < s.length(); t++) {
                    int w = s.windows()[first + t];
                    LatentSequences.features(s.run(), w, s.forward(), config.zPitch(), config.zRhythm(), x, (i * len + t) * f);
                    int next = s.target(first + t);
                    if (next < 0) continue;
                    mask[i * len + t] = 1f;
                    System.arraycopy(s.run().z(), next * z, target, (i * len + t) * z, z);
                }
            }
            float positions = 0;
            for (float m : mask) positions += m;
            LatentPredictorNet.Output o = net.forward(direction, scope.create(x, new Shape(b, len, f)),
                    scope.zeros(new Shape(1, b, config.hidden())), true);
            return o.z().sub(scope.create(target, new Shape(b, len, z))).square().sum(new int[]{2})
                    .mul(scope.create(mask, new Shape(b, len))).sum().div(Math.max(1f, positions) * z);
        }

        @Override
        public String validationSet() {
            return "POP909 songs " + Split.VALIDATION.first() + "–" + Split.VALIDATION.last();
        }

        @Override
        public TrainingRun.Validation validate(boolean full) {
            LatentMetrics fwd = LatentMetrics.ofDjl(manager, net, validation, true, mean);
            LatentMetrics bwd = LatentMetrics.ofDjl(manager, net, validation, false, mean);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("config", config.toString());
            metrics.put("forward", fwd.toMap());
            metrics.put("backward", bwd.toMap());
            return new TrainingRun.Validation("forward " + fwd + " | backward " + bwd, metrics, -(fwd.mse() + bwd.mse()) / 2);
        }

        @Override
        public int validationWindows(boolean full) {
            return validation.windows();
        }
    }

    /** The predictions of one direction over a whole sequence from an empty state, {@code [length * Z]}. */
    static float[] predict(NDManager manager, LatentPredictorNet net, LatentSequences.Sequence s) {
        boolean grad = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = manager.newSubManager()) {
            net.weights().tempAttach(scope);
            LatentConfig c = net.config();
            LatentPredictorNet.Output o = net.forward(s.forward() ? "fwd" : "bwd",
                    scope.create(LatentSequences.features(s, c.zPitch(), c.zRhythm()), new Shape(1, s.length(), c.features())),
                    scope.zeros(new Shape(1, 1, c.hidden())), false);
            return o.z().toFloatArray();
        } finally {
            JniUtils.setGradMode(grad);
        }
    }
}
