package org.analogy.train.melody;

import org.analogy.train.nn.Adam;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.analogy.train.data.MelodyBatches;
import org.analogy.train.data.MelodyWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the melody VAE on POP909 songs 1–850 for a wall-clock budget, then saves and evaluates.
 *
 * <pre>
 * java -cp "train/target/classes:engine/target/classes:train/target/lib/*" \
 *      org.analogy.train.melody.TrainMelody --data /path/to/pop909 --minutes 85 [--resume]
 * </pre>
 *
 * Flags: {@code --data DIR} (POP909 root; default as {@link Pop909Dataset#defaultRoot()}), {@code --out DIR}
 * (default {@code runs/melody}), {@code --minutes N} (budget for this invocation; the loop stops early enough
 * to save and run the final validation), {@code --batch N} (128), {@code --seed N} (1), {@code --resume}
 * (continue from {@code OUT/checkpoint.bin}; seed, batch and schedule come from the checkpoint),
 * {@code --steps N} (stop once the run has reached step N, whatever the budget left: with the same seed this
 * reproduces a finished run step for step, since every step is a function of seed and step number),
 * {@code --log-every N} steps (50), {@code --checkpoint-minutes} (5), {@code --validate-minutes} (10),
 * {@code --validation-windows N} (1024, an evenly spread fixed subset of songs 851–880),
 * {@code --chord-fit W} (0: weight of the chord-fit term, see {@link MelodyTrainer}; not stored in the
 * checkpoint, so a resumed run is given it again).
 *
 * <p>Writes {@code OUT/train.log} (appended), {@code OUT/checkpoint.bin} (atomically replaced) and, at the end,
 * {@code OUT/metrics.json} with the greedy accuracy on every validation window.
 */
public final class TrainMelody {

    private final Map<String, String> flags;
    private PrintWriter log;

    private TrainMelody(Map<String, String> flags) {
        this.flags = flags;
    }

    public static void main(String[] args) throws Exception {
        // Both cores for PyTorch's intra-op pool unless the caller chose otherwise; set before the engine loads.
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        new TrainMelody(parse(args)).run();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) throw new IllegalArgumentException("unexpected argument " + arg);
            String name = arg.substring(2);
            if (name.equals("resume")) flags.put(name, "true");
            else if (i + 1 < args.length) flags.put(name, args[++i]);
            else throw new IllegalArgumentException(arg + " needs a value");
        }
        return flags;
    }

    private String flag(String name, String fallback) {
        return flags.getOrDefault(name, fallback);
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        double minutes = Double.parseDouble(flag("minutes", "85"));
        long maxSteps = Long.parseLong(flag("steps", "0"));
        long deadline = started + (long) (minutes * 60e9);
        Path out = Path.of(flag("out", "runs/melody"));
        Files.createDirectories(out);
        log = new PrintWriter(Files.newBufferedWriter(out.resolve("train.log"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        Path data = Path.of(flag("data", Pop909Dataset.defaultRoot().toString()));
        int logEvery = Integer.parseInt(flag("log-every", "50"));
        long checkpointNanos = (long) (Double.parseDouble(flag("checkpoint-minutes", "5")) * 60e9);
        long validateNanos = (long) (Double.parseDouble(flag("validate-minutes", "10")) * 60e9);
        int validationLimit = Integer.parseInt(flag("validation-windows", "1024"));

        Engine engine = Engine.getInstance();
        JniUtils.setGradMode(false);   // gradients only inside the trainer's collector
        Path checkpointFile = Checkpoint.in(out);
        boolean resume = flags.containsKey("resume") && Files.exists(checkpointFile);
        if (flags.containsKey("resume") && !resume) say("no checkpoint at " + checkpointFile + ": starting afresh");

        List<MelodyWindow> train = Pop909Dataset.load(data, Split.TRAIN).melodyWindows();
        List<MelodyWindow> validation = Pop909Dataset.load(data, Split.VALIDATION).melodyWindows();
        List<MelodyWindow> validationSubset = MelodyEvaluator.evenlySpread(validation, validationLimit);

        try (NDManager manager = engine.newBaseManager()) {
            Checkpoint restored = resume ? Checkpoint.load(checkpointFile) : null;
            MelodyVaeConfig config = restored != null ? restored.config() : MelodyVaeConfig.DEFAULT;
            TrainingSchedule schedule = restored != null ? restored.schedule() : scheduleFromFlags();
            long seed = restored != null ? restored.seed() : Long.parseLong(flag("seed", "1"));
            int batchSize = restored != null ? restored.batchSize() : Integer.parseInt(flag("batch", "128"));

            MelodyVaeWeights weights = restored != null
                    ? MelodyVaeWeights.of(manager, config, restored.weights())
                    : MelodyVaeWeights.initialise(manager, config, seed);
            Adam adam = restored != null && restored.adamFirst() != null
                    ? Adam.of(manager, weights.tensors(), restored.adamFirst(), restored.adamSecond(), restored.step())
                    : Adam.zeros(manager, weights.tensors());
            MelodyVae model = new MelodyVae(weights);
            float chordFitWeight = Float.parseFloat(flag("chord-fit", "0"));
            MelodyTrainer trainer = new MelodyTrainer(manager, model, adam, schedule, seed, chordFitWeight);
            MelodyBatches batches = new MelodyBatches(train, batchSize, seed, true);

            long step = restored != null ? restored.step() : 0;
            int epoch = restored != null ? restored.epoch() : 0;
            int batchInEpoch = restored != null ? restored.batchInEpoch() : 0;
            long trainedMillisBefore = restored != null ? restored.trainedMillis() : 0;

            say(String.format("%s %s: config=%s params=%d schedule=%s seed=%d batch=%d train-windows=%d (%d batches/epoch) "
                            + "validation-windows=%d (subset %d) step=%d epoch=%d budget=%.1f min chord-fit=%s engine=%s threads=%s",
                    Instant.now(), resume ? "resume" : "start", config, weights.parameterCount(), schedule, seed, batchSize,
                    train.size(), batches.batchesPerEpoch(), validation.size(), validationSubset.size(), step, epoch, minutes,
                    chordFitWeight, engine.getEngineName() + " " + engine.getVersion(), System.getProperty("ai.djl.pytorch.num_threads", "default")));

            Iterator<MelodyBatches.Batch> epochBatches = batches.epoch(epoch);
            for (int skip = 0; skip < batchInEpoch && epochBatches.hasNext(); skip++) epochBatches.next();

            long loopStarted = System.nanoTime();
            long lastCheckpoint = loopStarted, lastValidation = loopStarted, windowStart = loopStarted;
            long windowSteps = 0;
            double lastValidationSeconds = 30;
            double[] sums = new double[9];
            while (true) {
                // Leave room for the final checkpoint and a validation pass over every validation window.
                double reserveSeconds = 20 + lastValidationSeconds * Math.max(1.0, (double) validation.size() / validationSubset.size());
                if (System.nanoTime() + (long) (reserveSeconds * 1e9) >= deadline) break;
                if (maxSteps > 0 && step >= maxSteps) break;
                if (!epochBatches.hasNext()) {
                    epoch++;
                    batchInEpoch = 0;
                    epochBatches = batches.epoch(epoch);
                }
                MelodyTrainer.StepStats s = trainer.step(epochBatches.next(), step);
                step++;
                batchInEpoch++;
                windowSteps++;
                sums[0] += s.loss(); sums[1] += s.tokenLoss(); sums[2] += s.rhythmLoss(); sums[3] += s.pitchKl();
                sums[4] += s.rhythmKl(); sums[5] += s.gradientNorm(); sums[6] += s.teacherAccuracy(); sums[7] += s.chordFit();
                if (step % logEvery == 0) {
                    long now = System.nanoTime();
                    double n = windowSteps;
                    say(String.format("step %d epoch %d loss %.4f tokCE %.4f rhyCE %.4f klP %.4f klR %.4f beta %.4f ss %.3f lr %.2e "
                                    + "gnorm %.3f tfAcc %.4f chordFit %.4f steps/s %.3f s/step %.3f rss %d MB",
                            step, epoch, sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, sums[4] / n, s.beta(), s.sampling(),
                            s.learningRate(), sums[5] / n, sums[6] / n, sums[7] / n, n / ((now - windowStart) / 1e9),
                            (now - windowStart) / 1e9 / n, residentMegabytes()));
                    java.util.Arrays.fill(sums, 0);
                    windowSteps = 0;
                    windowStart = now;
                }
                long now = System.nanoTime();
                if (now - lastValidation >= validateNanos) {
                    long t0 = System.nanoTime();
                    MelodyEvaluator.Accuracy accuracy = MelodyEvaluator.greedy(manager, model, validationSubset, 256);
                    lastValidationSeconds = (System.nanoTime() - t0) / 1e9;
                    say(String.format("validation step %d greedy %s (%.1f s)", step, accuracy, lastValidationSeconds));
                    lastValidation = System.nanoTime();
                    windowStart += System.nanoTime() - t0;   // keep steps/s about training only
                }
                if (now - lastCheckpoint >= checkpointNanos) {
                    long trained = trainedMillisBefore + (System.nanoTime() - loopStarted) / 1_000_000;
                    save(checkpointFile, config, schedule, seed, batchSize, step, epoch, batchInEpoch, trained, weights, adam);
                    lastCheckpoint = System.nanoTime();
                }
            }

            long trained = trainedMillisBefore + (System.nanoTime() - loopStarted) / 1_000_000;
            save(checkpointFile, config, schedule, seed, batchSize, step, epoch, batchInEpoch, trained, weights, adam);
            MelodyEvaluator.Accuracy fullValidation = MelodyEvaluator.greedy(manager, model, validation, 256);
            say(String.format("final step %d epoch %d trained %.1f min: validation (all windows, songs %d–%d) greedy %s",
                    step, epoch, trained / 60000.0, Split.VALIDATION.first(), Split.VALIDATION.last(), fullValidation));
            writeMetrics(out.resolve("metrics.json"), step, epoch, trained, seed, batchSize, fullValidation);
        }
        log.close();
    }

    private TrainingSchedule scheduleFromFlags() {
        TrainingSchedule d = TrainingSchedule.DEFAULT;
        return new TrainingSchedule(
                Float.parseFloat(flag("lr", Float.toString(d.learningRate()))),
                Double.parseDouble(flag("lr-decay", Double.toString(d.learningRateDecay()))),
                Float.parseFloat(flag("lr-min", Float.toString(d.learningRateMin()))),
                Float.parseFloat(flag("beta-max", Float.toString(d.betaMax()))),
                Long.parseLong(flag("beta-warmup", Long.toString(d.betaWarmup()))),
                Long.parseLong(flag("sampling-start", Long.toString(d.samplingStart()))),
                Long.parseLong(flag("sampling-end", Long.toString(d.samplingEnd()))),
                Float.parseFloat(flag("sampling-max", Float.toString(d.samplingMax()))),
                Float.parseFloat(flag("clip", Float.toString(d.clipNorm()))));
    }

    private void save(Path file, MelodyVaeConfig config, TrainingSchedule schedule, long seed, int batchSize, long step,
                      int epoch, int batchInEpoch, long trainedMillis, MelodyVaeWeights weights, Adam adam) throws IOException {
        long t0 = System.nanoTime();
        new Checkpoint(config, schedule, seed, batchSize, step, epoch, batchInEpoch, trainedMillis,
                weights.toFloatArrays(), adam.firstMoments(), adam.secondMoments()).save(file);
        say(String.format("checkpoint step %d epoch %d batch %d -> %s (%.1f s)", step, epoch, batchInEpoch, file, (System.nanoTime() - t0) / 1e9));
    }

    private void writeMetrics(Path file, long step, int epoch, long trainedMillis, long seed, int batchSize,
                              MelodyEvaluator.Accuracy accuracy) throws IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("step", step);
        metrics.put("epoch", epoch);
        metrics.put("trainedMinutes", trainedMillis / 60000.0);
        metrics.put("seed", seed);
        metrics.put("batch", batchSize);
        metrics.put("validationSongs", Split.VALIDATION.first() + "-" + Split.VALIDATION.last());
        metrics.put("validationWindows", accuracy.windows());
        metrics.put("greedyTokenAccuracy", accuracy.tokens());
        metrics.put("greedyRhythmAccuracy", accuracy.rhythm());
        metrics.put("greedyOnsetPitchAccuracy", accuracy.onsetPitch());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), metrics);
    }

    private static long residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: report nothing rather than fail training
        }
        return -1;
    }

    private void say(String line) {
        System.out.println(line);
        log.println(line);
    }
}
