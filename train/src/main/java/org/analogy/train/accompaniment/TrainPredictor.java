package org.analogy.train.accompaniment;

import org.analogy.train.nn.Adam;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.analogy.engine.chords.PredictorFeatures;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.analogy.engine.chords.PredictorFeatures.BAR_FEATURES;
import static org.analogy.train.accompaniment.PredictorConfig.BEATS;
import static org.analogy.train.accompaniment.PredictorConfig.ROOTS;
import org.analogy.train.nn.NamedWeights;

/**
 * Trains the next-bar chord predictor on POP909 songs 1–850 (melody + chord annotations), validating on songs
 * 851–880 against the "repeat the current chord" baseline after every epoch.
 *
 * <pre>
 * java -cp "train/target/classes:engine/target/classes:train/target/lib/*" org.analogy.train.accompaniment.TrainPredictor \
 *      [--accompaniment runs/accompaniment/checkpoint.bin] [--epochs 30] [--out runs/predictor]
 * </pre>
 *
 * Flags: {@code --data DIR}, {@code --out DIR} (runs/predictor), {@code --epochs N} (30), {@code --batch N} (32
 * runs of {@code --bars N} (16) bars), {@code --seed N} (1), {@code --lr X} (1e-3, decayed ×0.93 per epoch),
 * {@code --hidden N} (256), {@code --mlp N} (256), {@code --max-steps N}, and {@code --accompaniment FILE}: a
 * trained accompaniment checkpoint whose chord encoder gives the z_chord targets of a third head (without it
 * the predictor has no z_chord head and the engine encodes the predicted chords instead). Every batch is
 * transposed by one random shift in −6..5. Writes {@code OUT/checkpoint.bin} (after every epoch; the best
 * validation root accuracy is kept as {@code OUT/best.bin}), {@code OUT/train.log} and {@code OUT/metrics.json}.
 */
public final class TrainPredictor {

    static final String KIND = "predictor";

    private TrainPredictor() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = TrainingLog.flags(args);
        if (flags.containsKey("help")) {
            System.out.println("""
                    train predictor [--data DIR] [--out runs/predictor] [--accompaniment runs/accompaniment/checkpoint.bin] [--epochs 30]
                        [--batch 32] [--bars 16] [--seed 1] [--lr 1e-3] [--hidden 256] [--mlp 256] [--max-steps N]""");
            return;
        }
        String command = "TrainPredictor " + String.join(" ", args);
        Path data = Path.of(flags.getOrDefault("data", Pop909Dataset.defaultRoot().toString()));
        Path out = Path.of(flags.getOrDefault("out", "runs/predictor"));
        int epochs = Integer.parseInt(flags.getOrDefault("epochs", "30"));
        int batchSize = Integer.parseInt(flags.getOrDefault("batch", "32"));
        int length = Integer.parseInt(flags.getOrDefault("bars", "16"));
        long seed = Long.parseLong(flags.getOrDefault("seed", "1"));
        float lr0 = Float.parseFloat(flags.getOrDefault("lr", "1e-3"));
        long maxSteps = Long.parseLong(flags.getOrDefault("max-steps", Long.toString(Long.MAX_VALUE)));
        int hidden = Integer.parseInt(flags.getOrDefault("hidden", "256"));
        int mlp = Integer.parseInt(flags.getOrDefault("mlp", "256"));

        try (TrainingLog log = new TrainingLog(out)) {
            Engine.getInstance();
            JniUtils.setGradMode(false);
            List<PredictorSongs.Run> train = PredictorSongs.runs(Pop909Dataset.load(data, Split.TRAIN).songs());
            List<PredictorSongs.Run> validation = PredictorSongs.runs(Pop909Dataset.load(data, Split.VALIDATION).songs());
            try (NDManager manager = NDManager.newBaseManager()) {
                AccompanimentVae chordEncoder = null;
                if (flags.containsKey("accompaniment")) {
                    RunCheckpoint acc = TrainAccompaniment.loadCheckpoint(Path.of(flags.get("accompaniment")));
                    AccompanimentConfig ac = AccompanimentConfig.fromInts(acc.sizes());
                    chordEncoder = new AccompanimentVae(NamedWeights.of(manager, ac.layout(), acc.weights()), ac);
                }
                PredictorConfig config = new PredictorConfig(hidden, mlp, chordEncoder == null ? 0 : chordEncoder.config().chordLatent());
                NamedWeights weights = NamedWeights.initialise(manager, config.layout(), seed);
                ChordPredictorNet net = new ChordPredictorNet(weights, config);
                Adam adam = Adam.zeros(manager, weights.tensors());
                weights.setRequiresGradient(true);
                log.say(String.format("%s predictor: config=%s params=%d train runs=%d validation runs=%d batch=%d bars=%d epochs=%d%ncommand: %s",
                        Instant.now(), config, weights.parameterCount(), train.size(), validation.size(), batchSize, length, epochs, command));
                PredictorMetrics before = validate(manager, net, validation);
                log.say("validation before training: " + before);

                long step = 0;
                double best = -1;
                PredictorMetrics last = before;
                for (int epoch = 0; epoch < epochs && step < maxSteps; epoch++) {
                    Random random = new Random(seed * 31 + epoch);
                    List<int[]> chunks = new ArrayList<>();   // {run, first bar}
                    for (int r = 0; r < train.size(); r++) {
                        int offset = random.nextInt(length);
                        for (int first = -offset; first < train.get(r).bars() - 1; first += length) chunks.add(new int[]{r, Math.max(0, first)});
                    }
                    Collections.shuffle(chunks, random);
                    float lr = (float) (lr0 * Math.pow(0.93, epoch));
                    double lossSum = 0;
                    int batches = 0;
                    for (int from = 0; from + batchSize <= chunks.size() && step < maxSteps; from += batchSize) {
                        int shift = random.nextInt(12) - 6;
                        lossSum += step(manager, net, adam, chordEncoder, train, chunks.subList(from, from + batchSize), length, shift, lr);
                        batches++;
                        step++;
                    }
                    last = validate(manager, net, validation);
                    log.say(String.format("epoch %d step %d lr %.2e train loss %.4f | validation %s", epoch, step, lr, lossSum / Math.max(1, batches), last));
                    save(out.resolve("checkpoint.bin"), config, seed, batchSize, step, epoch, weights, adam, command);
                    if (last.rootAccuracy() > best) {
                        best = last.rootAccuracy();
                        save(out.resolve("best.bin"), config, seed, batchSize, step, epoch, weights, adam, command);
                        writeMetrics(out.resolve("metrics.json"), epoch, step, config, last, command);
                    }
                }
                log.say("done; best validation root accuracy " + best + " (checkpoint " + out.resolve("best.bin") + ")");
            }
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
            adam.step(net.weights().tensors(), lr, 5f);
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

    static RunCheckpoint load(Path file) throws IOException {
        return RunCheckpoint.load(file, KIND, sizes -> PredictorConfig.fromInts(sizes).layout());
    }

    private static void save(Path file, PredictorConfig config, long seed, int batch, long step, int epoch, NamedWeights weights,
                             Adam adam, String command) throws IOException {
        ByteArrayOutputStream settings = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(settings)) {
            out.writeUTF(command);
        }
        new RunCheckpoint(KIND, config.toInts(), settings.toByteArray(), seed, batch, step, epoch, 0, 0,
                weights.toFloatArrays(), adam.firstMoments(), adam.secondMoments()).save(file, config.layout());
    }

    private static void writeMetrics(Path file, int epoch, long step, PredictorConfig config, PredictorMetrics m, String command) throws IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("epoch", epoch);
        metrics.put("step", step);
        metrics.put("config", config.toString());
        metrics.put("command", command);
        metrics.put("validationSongs", Split.VALIDATION.first() + "-" + Split.VALIDATION.last());
        metrics.put("positions", m.positions());
        metrics.put("rootAccuracy", m.rootAccuracy());
        metrics.put("repeatRootAccuracy", m.baselineRootAccuracy());
        metrics.put("chordToneAgreement", m.chordToneAgreement());
        metrics.put("repeatChordToneAgreement", m.baselineChordToneAgreement());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), metrics);
    }
}
