package org.analogy.train.accompaniment;

import static org.analogy.engine.chords.PredictorFeatures.BAR_FEATURES;
import static org.analogy.train.accompaniment.PredictorConfig.BEATS;
import static org.analogy.train.accompaniment.PredictorConfig.ROOTS;

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

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.chords.PredictorFeatures;
import org.analogy.train.TrainMain;
import org.analogy.train.data.Batches;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;
import org.analogy.train.nn.Adam;
import org.analogy.train.nn.NamedWeights;
import org.analogy.train.run.Checkpoint;
import org.analogy.train.run.RunOptions;
import org.analogy.train.run.TrainCommand;
import org.analogy.train.run.TrainingRun;
import org.analogy.train.run.TrainingRun.Measure;

/**
 * {@code ./analogy train predictor}: the next-bar chord predictor on POP909 songs 1–850 (melody + chord
 * annotations), validated after every epoch on songs 851–880 against "repeat the current chord"; the best epoch
 * is kept as {@code OUT/best.bin}. The run is {@link TrainingRun}'s; this class brings the network
 * ({@link ChordPredictorNet}), its batches (runs of {@code --bars} bars cut at a random offset per run and epoch,
 * each batch transposed by one random shift in −6..5, all drawn from (seed, epoch)), its loss and validation.
 *
 * <p>{@code --accompaniment FILE}: a trained accompaniment checkpoint whose chord encoder gives the z_chord targets
 * of a third head (without it the predictor has no z_chord head and the engine encodes the predicted chords).
 * Learning rate {@code --lr} decays ×0.93 per epoch.
 */
@Command(name = "predictor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the next-bar chord predictor on POP909 songs 1–850, validating after every epoch on songs 851–880 "
                + "against repeating the current chord. Writes OUT/train.log, OUT/checkpoint.bin, OUT/best.bin (the best epoch) "
                + "and OUT/metrics.json (its figures)."})
public final class TrainPredictor extends TrainCommand<TrainPredictor.Batch> {

    static final String KIND = "predictor";
    /** Learning rate factor per epoch, and the gradient-norm clip. */
    static final double LR_DECAY_PER_EPOCH = 0.93;
    static final float CLIP = 5f;

    @Option(names = "--epochs", paramLabel = "N", description = "Stop after this many epochs (default: ${DEFAULT-VALUE}).") int epochs;
    @Option(names = "--bars", paramLabel = "N", description = "Bars per training run (default: ${DEFAULT-VALUE}).") int bars;
    @Option(names = "--lr", paramLabel = "X", description = "Adam learning rate of epoch 0 (default: ${DEFAULT-VALUE}).") float lr;
    @Option(names = "--hidden", paramLabel = "N", description = "GRU width (default: ${DEFAULT-VALUE}).") int hidden;
    @Option(names = "--mlp", paramLabel = "N", description = "Width of the layer before the heads (default: ${DEFAULT-VALUE}).") int mlp;
    @Option(names = "--accompaniment", paramLabel = "FILE", description = "A trained accompaniment checkpoint: adds the z_chord head "
            + "(default: none).") Path accompaniment;

    public static void main(String[] args) {
        System.exit(TrainMain.execute(new TrainPredictor(), args));
    }

    public TrainPredictor() {
        super(KIND, TrainPredictor::layout);
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> v = RunOptions.defaults("runs/predictor", 600, 32, 50);
        v.put("--epochs", "30");
        v.put("--bars", "16");
        v.put("--lr", "1e-3");
        v.put("--hidden", "256");
        v.put("--mlp", "256");
        return v;
    }


    @Override
    protected List<String> settingsFlags() {
        return List.of("--bars", "--lr", "--hidden", "--mlp", "--accompaniment");
    }

    @Override
    protected int maxEpochs() {
        return epochs;
    }

    @Override
    protected void check() {
        if (epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + ": give 1 or more");
        if (bars < 2) throw new IllegalArgumentException("--bars " + bars + ": give 2 or more (a bar and the one it predicts)");
        if (!(lr > 0)) throw new IllegalArgumentException("--lr " + lr + ": give a rate above 0");
        new PredictorConfig(hidden, mlp, 0);
        if (accompaniment != null && !java.nio.file.Files.isRegularFile(accompaniment)) {
            throw new IllegalArgumentException("--accompaniment " + accompaniment + ": no checkpoint there");
        }
        run.data();
    }


    static Map<String, Shape> layout(int[] sizes) {
        return PredictorConfig.fromInts(sizes).layout();
    }

    static Checkpoint load(Path file) throws IOException {
        return Checkpoint.load(file, KIND, TrainPredictor::layout);
    }

    /** What a resumed run keeps: learning rate, run length and the accompaniment checkpoint of the z_chord targets. */
    record Settings(float lr, int bars, String accompaniment) {
        byte[] bytes() {
            return Checkpoint.settings(out -> {
                out.writeFloat(lr);
                out.writeInt(bars);
                out.writeUTF(accompaniment);
            });
        }

        static Settings of(Checkpoint checkpoint) throws IOException {
            if (checkpoint.settings().length == 0) {
                throw new IOException("this predictor checkpoint was written before runs could resume (it stores no learning rate "
                        + "or run length): export it, or train afresh");
            }
            DataInputStream in = checkpoint.settingsIn();
            return new Settings(in.readFloat(), in.readInt(), in.readUTF());
        }
    }

    /** A batch: runs and first bars ({run, first bar} each), and the transposition of all of them. */
    record Batch(List<int[]> chunks, int shift) {
    }

    @Override
    protected TrainingRun.Factory<Batch> factory() {
        return (manager, restored, seed, batchSize) -> {
            List<PredictorSongs.Run> train = PredictorSongs.runs(Pop909Dataset.load(run.data(), Split.TRAIN).songs());
            List<PredictorSongs.Run> validation = PredictorSongs.runs(Pop909Dataset.load(run.data(), Split.VALIDATION).songs());
            Settings settings = restored != null ? Settings.of(restored)
                    : new Settings(lr, bars, accompaniment == null ? "" : accompaniment.toString());
            AccompanimentVae chordEncoder = null;
            if (!settings.accompaniment().isEmpty()) {
                Checkpoint acc = TrainAccompaniment.loadCheckpoint(Path.of(settings.accompaniment()));
                AccompanimentConfig ac = AccompanimentConfig.fromInts(acc.sizes());
                chordEncoder = new AccompanimentVae(NamedWeights.of(manager, ac.layout(), acc.weights()), ac);
            }
            PredictorConfig config = restored != null ? PredictorConfig.fromInts(restored.sizes())
                    : new PredictorConfig(hidden, mlp, chordEncoder == null ? 0 : chordEncoder.config().chordLatent());
            NamedWeights weights = restored != null ? NamedWeights.of(manager, config.layout(), restored.weights())
                    : NamedWeights.initialise(manager, config.layout(), seed);
            Adam adam = TrainingRun.adam(manager, weights, restored);
            weights.setRequiresGradient(true);
            return new Model(manager, config, settings, new ChordPredictorNet(weights, config), weights, adam, chordEncoder,
                    train, validation, seed, batchSize);
        };
    }

    private record Model(NDManager manager, PredictorConfig config, Settings runSettings, ChordPredictorNet net, NamedWeights weights,
                         Adam adam, AccompanimentVae chordEncoder, List<PredictorSongs.Run> train, List<PredictorSongs.Run> validation,
                         long seed, int batchSize) implements TrainingRun.Model<Batch> {

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
            return String.format("config=%s lr=%s (×%s per epoch) bars=%d train-runs=%d validation-runs=%d",
                    config, runSettings.lr(), LR_DECAY_PER_EPOCH, runSettings.bars(), train.size(), validation.size());
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
                    return Model.this.epoch(epoch);
                }
            };
        }

        private List<int[]> chunks(Random random) {
            int length = runSettings.bars();
            List<int[]> chunks = new ArrayList<>();
            for (int r = 0; r < train.size(); r++) {
                int offset = random.nextInt(length);
                for (int first = -offset; first < train.get(r).bars() - 1; first += length) chunks.add(new int[]{r, Math.max(0, first)});
            }
            Collections.shuffle(chunks, random);
            return chunks;
        }

        /** Every run cut into pieces of {@code bars} bars from a random offset, shuffled, then a shift per batch: (seed, epoch). */
        private Iterator<Batch> epoch(int epoch) {
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
                    Batch batch = new Batch(chunks.subList(from, from + batchSize), random.nextInt(12) - 6);
                    from += batchSize;
                    return batch;
                }
            };
        }

        @Override
        public List<Measure> step(Batch batch, long step, int epoch) {
            float rate = (float) (runSettings.lr() * Math.pow(LR_DECAY_PER_EPOCH, epoch));
            double loss = TrainPredictor.step(manager, net, adam, chordEncoder, train, batch.chunks(), runSettings.bars(), batch.shift(), rate);
            return List.of(Measure.mean("loss", loss, "%.4f"), Measure.latest("lr", rate, "%.2e"));
        }

        @Override
        public String validationSet() {
            return "POP909 songs " + org.analogy.train.data.Split.VALIDATION.first() + "–" + org.analogy.train.data.Split.VALIDATION.last();
        }

        @Override
        public TrainingRun.Validation validate(boolean full) {
            PredictorMetrics m = TrainPredictor.validate(manager, net, validation);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("config", config.toString());
            metrics.put("positions", m.positions());
            metrics.put("rootAccuracy", m.rootAccuracy());
            metrics.put("repeatRootAccuracy", m.baselineRootAccuracy());
            metrics.put("chordToneAgreement", m.chordToneAgreement());
            metrics.put("repeatChordToneAgreement", m.baselineChordToneAgreement());
            return new TrainingRun.Validation(m.toString(), metrics, m.rootAccuracy());
        }

        @Override
        public int validationWindows(boolean full) {
            return validation.size();
        }
    }

    private static double step(NDManager manager, ChordPredictorNet net, Adam adam, AccompanimentVae chordEncoder,
                               List<PredictorSongs.Run> runs, List<int[]> chunks, int length, int shift, float lr) {
        int b = chunks.size();
        float[] features = new float[b * length * BAR_FEATURES];
        float[] rootTargets = new float[b * length * BEATS * ROOTS];
        float[] chromaTargets = new float[b * length * BEATS * 12];
        float[] positionMask = new float[b * length];
        float[] chordMask = new float[b * length * BEATS];
        float[] windowForms = new float[b * length * 8 * ChordFeatures.CHORD_FORM_SIZE];
        float[] zMask = new float[b * length];
        for (int i = 0; i < b; i++) {
            PredictorSongs.Run run = runs.get(chunks.get(i)[0]);
            int first = chunks.get(i)[1];
            float[] all = run.features(shift);
            for (int t = 0; t < length && first + t < run.bars(); t++) {
                int bar = first + t;
                System.arraycopy(all, bar * BAR_FEATURES, features, (i * length + t) * BAR_FEATURES, BAR_FEATURES);
                if (bar + 1 >= run.bars()) continue;
                int position = i * length + t;
                positionMask[position] = 1f;
                for (int beat = 0; beat < BEATS; beat++) {
                    Chord next = run.chord(bar + 1, beat, shift);
                    rootTargets[(position * BEATS + beat) * ROOTS + PredictorFeatures.rootClass(next)] = 1f;
                    if (next.isNone()) continue;
                    chordMask[position * BEATS + beat] = 1f;
                    for (int pc : next.pitchClasses()) chromaTargets[(position * BEATS + beat) * 12 + pc] = 1f;
                }
                if (bar + 2 < run.bars()) {
                    zMask[position] = 1f;
                    List<Chord> beats = new ArrayList<>(8);
                    for (int k = 1; k <= 2; k++) for (int beat = 0; beat < BEATS; beat++) beats.add(run.chord(bar + k, beat, shift));
                    float[] form = ChordFeatures.chordForm(beats);
                    System.arraycopy(form, 0, windowForms, position * form.length, form.length);
                }
            }
        }
        try (NDManager scope = manager.newSubManager()) {
            net.weights().tempAttach(scope);
            adam.tempAttach(scope);
            NDArray zTarget = null;
            if (chordEncoder != null) {
                chordEncoder.weights().tempAttach(scope);
                zTarget = chordEncoder.encodeChords(scope.create(windowForms, new Shape((long) b * length, 8, ChordFeatures.CHORD_FORM_SIZE)), false)
                        .mean().reshape(b, length, -1);
            }
            NDArray x = scope.create(features, new Shape(b, length, BAR_FEATURES));
            NDArray mask = scope.create(positionMask, new Shape(b, length));
            float positions = Math.max(1f, sum(positionMask));
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                ChordPredictorNet.Output o = net.forward(x, scope.zeros(new Shape(1, b, net.config().hidden())), true);
                NDArray rootCe = o.rootLogits().logSoftmax(3).mul(scope.create(rootTargets, new Shape(b, length, BEATS, ROOTS)))
                        .sum(new int[]{3}).neg().mul(mask.expandDims(2)).sum().div(positions * BEATS);
                NDArray chroma = Activation.softPlus(o.chromaLogits()).sub(o.chromaLogits().mul(scope.create(chromaTargets, new Shape(b, length, BEATS, 12))))
                        .sum(new int[]{3}).mul(scope.create(chordMask, new Shape(b, length, BEATS))).sum().div(positions * BEATS);
                NDArray total = rootCe.add(chroma);
                if (zTarget != null) {
                    NDArray zm = scope.create(zMask, new Shape(b, length, 1));
                    total = total.add(o.zChord().sub(zTarget).square().mul(zm).sum().div(Math.max(1f, sum(zMask)) * net.config().zChord()));
                }
                collector.backward(total);
                loss = total.getFloat();
            }
            adam.step(net.weights().tensors(), lr, CLIP);
            return loss;
        }
    }

    /** Runs each validation run from an empty state, one pass per run, judging every bar-to-bar position. */
    static PredictorMetrics validate(NDManager manager, ChordPredictorNet net, List<PredictorSongs.Run> runs) {
        PredictorMetrics metrics = new PredictorMetrics();
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (PredictorSongs.Run run : runs) {
                try (NDManager scope = manager.newSubManager()) {
                    net.weights().tempAttach(scope);
                    int bars = run.bars();
                    ChordPredictorNet.Output o = net.forward(scope.create(run.features(0), new Shape(1, bars, BAR_FEATURES)),
                            scope.zeros(new Shape(1, 1, net.config().hidden())), false);
                    float[] roots = o.rootLogits().toFloatArray();
                    float[] chroma = o.chromaLogits().toFloatArray();
                    for (int t = 0; t + 1 < bars; t++) {
                        Chord predicted = PredictorFeatures.chord(roots, t * BEATS * ROOTS, chroma, t * BEATS * 12);
                        metrics.add(predicted, run.chord(t, BEATS - 1, 0), run.chord(t + 1, 0, 0));
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return metrics;
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) s += v;
        return s;
    }
}
