package org.analogy.train.accompaniment;

import org.analogy.train.nn.Adam;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.analogy.train.data.AccompanimentWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.analogy.train.nn.NamedWeights;

/**
 * Trains the accompaniment model on POP909 songs 1–850 for a wall-clock budget, then saves and validates.
 *
 * <pre>
 * java -cp "train/target/classes:engine/target/classes:train/target/lib/*" \
 *      org.analogy.train.accompaniment.TrainAccompaniment --minutes 40 [--resume]
 * </pre>
 *
 * Flags: {@code --data DIR} (POP909 root; default {@link Pop909Dataset#defaultRoot()}), {@code --out DIR}
 * (default {@code runs/accompaniment}), {@code --minutes N} (budget for this invocation, including the final
 * save and validation), {@code --batch N} (64), {@code --seed N} (1), {@code --resume} (continue from
 * {@code OUT/checkpoint.bin}; sizes, seed, batch and schedule then come from it), {@code --log-every N} (25),
 * {@code --max-steps N} (stop after step N even with budget left; for checks), {@code --checkpoint-minutes} (5), {@code --validate-minutes} (10), {@code --validation-windows N} (1024,
 * spread evenly over songs 851–880), schedule overrides {@code --lr --lr-decay --lr-min --beta-max
 * --beta-warmup --clip --chord-weight --texture-shift}, and size overrides {@code --sizes a,b,c,d,e,f,g,h}
 * (see {@link AccompanimentConfig}; for quick trials). Writes {@code OUT/train.log} (appended),
 * {@code OUT/checkpoint.bin} and, at the end, {@code OUT/metrics.json}.
 */
public final class TrainAccompaniment {

    static final String KIND = "accompaniment";

    private final Map<String, String> flags;
    private final String invocation;
    private TrainingLog log;
    private String commands = "";

    private TrainAccompaniment(Map<String, String> flags, String invocation) {
        this.flags = flags;
        this.invocation = invocation;
    }

    static final String USAGE = """
            train accompaniment [--data DIR] [--out runs/accompaniment] [--minutes 40] [--batch 64] [--seed 1] [--resume]
                [--log-every 25] [--checkpoint-minutes 5] [--validate-minutes 10] [--validation-windows 1024] [--max-steps N]
                [--lr --lr-decay --lr-min --beta-max --beta-warmup --clip --chord-weight --texture-shift] [--sizes a,b,c,d,e,f,g,h]
            train/README.md (Accompaniment) has the command that trained the shipped model.""";

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(USAGE);
            return;
        }
        new TrainAccompaniment(TrainingLog.flags(args), "TrainAccompaniment " + String.join(" ", args)).run();
    }

    private String flag(String name, String fallback) {
        return flags.getOrDefault(name, fallback);
    }

    /** Loads a checkpoint written by this trainer. */
    static RunCheckpoint loadCheckpoint(Path file) throws IOException {
        return RunCheckpoint.load(file, KIND, sizes -> AccompanimentConfig.fromInts(sizes).layout());
    }

    static AccompanimentSchedule schedule(RunCheckpoint checkpoint) throws IOException {
        return AccompanimentSchedule.read(new DataInputStream(new ByteArrayInputStream(checkpoint.settings())));
    }

    /** The invocations that produced a checkpoint, first launch then each resume, joined by " ; ". */
    static String commands(RunCheckpoint checkpoint) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint.settings()));
        AccompanimentSchedule.read(in);
        return in.available() > 0 ? in.readUTF() : "";
    }

    private void run() throws Exception {
        long started = System.nanoTime();
        double minutes = Double.parseDouble(flag("minutes", "40"));
        long deadline = started + (long) (minutes * 60e9);
        Path out = Path.of(flag("out", "runs/accompaniment"));
        log = new TrainingLog(out);
        Path data = Path.of(flag("data", Pop909Dataset.defaultRoot().toString()));
        int logEvery = Integer.parseInt(flag("log-every", "25"));
        long checkpointNanos = (long) (Double.parseDouble(flag("checkpoint-minutes", "5")) * 60e9);
        long validateNanos = (long) (Double.parseDouble(flag("validate-minutes", "10")) * 60e9);
        int validationLimit = Integer.parseInt(flag("validation-windows", "1024"));
        long maxSteps = Long.parseLong(flag("max-steps", Long.toString(Long.MAX_VALUE)));

        Engine engine = Engine.getInstance();
        JniUtils.setGradMode(false);   // gradients only inside the trainer's collector
        Path checkpointFile = RunCheckpoint.in(out);
        boolean resume = flags.containsKey("resume") && Files.exists(checkpointFile);
        if (flags.containsKey("resume") && !resume) log.say("no checkpoint at " + checkpointFile + ": starting afresh");

        List<AccompanimentWindow> train = Pop909Dataset.load(data, Split.TRAIN).accompanimentWindows();
        List<AccompanimentWindow> validation = Pop909Dataset.load(data, Split.VALIDATION).accompanimentWindows();
        List<AccompanimentWindow> validationSubset = AccompanimentValidation.evenlySpread(validation, validationLimit);

        try (NDManager manager = engine.newBaseManager()) {
            RunCheckpoint restored = resume ? loadCheckpoint(checkpointFile) : null;
            AccompanimentConfig config = restored != null ? AccompanimentConfig.fromInts(restored.sizes()) : configFromFlags();
            AccompanimentSchedule schedule = restored != null ? schedule(restored) : scheduleFromFlags();
            long seed = restored != null ? restored.seed() : Long.parseLong(flag("seed", "1"));
            int batchSize = restored != null ? restored.batchSize() : Integer.parseInt(flag("batch", "64"));

            NamedWeights weights = restored != null
                    ? NamedWeights.of(manager, config.layout(), restored.weights())
                    : NamedWeights.initialise(manager, config.layout(), seed);
            Adam adam = restored != null
                    ? Adam.of(manager, weights.tensors(), restored.adamFirst(), restored.adamSecond(), restored.step())
                    : Adam.zeros(manager, weights.tensors());
            AccompanimentVae model = new AccompanimentVae(weights, config);
            AccompanimentTrainer trainer = new AccompanimentTrainer(manager, model, adam, schedule, seed);
            AccompanimentBatches batches = new AccompanimentBatches(train, batchSize, seed, true, schedule.textureShift());

            long step = restored != null ? restored.step() : 0;
            int epoch = restored != null ? restored.epoch() : 0;
            int batchInEpoch = restored != null ? restored.batchInEpoch() : 0;
            long trainedMillisBefore = restored != null ? restored.trainedMillis() : 0;
            commands = restored != null && !commands(restored).isEmpty() ? commands(restored) + " ; " + invocation : invocation;

            log.say(String.format("%s %s: config=%s params=%d schedule=%s seed=%d batch=%d train-windows=%d (%d batches/epoch) "
                            + "validation-windows=%d (subset %d) step=%d epoch=%d budget=%.1f min engine=%s threads=%s",
                    Instant.now(), resume ? "resume" : "start", config, weights.parameterCount(), schedule, seed, batchSize,
                    train.size(), batches.batchesPerEpoch(), validation.size(), validationSubset.size(), step, epoch, minutes,
                    engine.getEngineName() + " " + engine.getVersion(), System.getProperty("ai.djl.pytorch.num_threads", "default")));
            log.say("commands so far: " + commands);

            Iterator<AccompanimentBatches.Batch> epochBatches = batches.epoch(epoch);
            for (int skip = 0; skip < batchInEpoch && epochBatches.hasNext(); skip++) epochBatches.next();

            long loopStarted = System.nanoTime();
            long lastCheckpoint = loopStarted, lastValidation = loopStarted, windowStart = loopStarted;
            long windowSteps = 0;
            double secondsPerValidationWindow = 0.02;   // replaced by the measured rate after the first validation
            double[] sums = new double[9];
            while (step < maxSteps) {
                double reserveSeconds = 15 + secondsPerValidationWindow * validation.size();
                if (System.nanoTime() + (long) (reserveSeconds * 1e9) >= deadline) break;
                if (!epochBatches.hasNext()) {
                    epoch++;
                    batchInEpoch = 0;
                    epochBatches = batches.epoch(epoch);
                }
                AccompanimentTrainer.StepStats s = trainer.step(epochBatches.next(), step);
                step++;
                batchInEpoch++;
                windowSteps++;
                double[] values = {s.loss(), s.onsetLoss(), s.durationLoss(), s.chordLoss(), s.chordKl(), s.textureKl(),
                        s.gradientNorm(), s.onsetPrecision(), s.onsetRecall()};
                for (int i = 0; i < sums.length; i++) sums[i] += values[i];
                if (step % logEvery == 0) {
                    long now = System.nanoTime();
                    double n = windowSteps;
                    log.say(String.format("step %d epoch %d loss %.3f onset %.3f dur %.3f chord %.3f klC %.2f klT %.2f beta %.4f lr %.2e "
                                    + "gnorm %.2f onsetP %.3f onsetR %.3f s/step %.3f rss %d MB",
                            step, epoch, sums[0] / n, sums[1] / n, sums[2] / n, sums[3] / n, sums[4] / n, sums[5] / n, s.beta(),
                            s.learningRate(), sums[6] / n, sums[7] / n, sums[8] / n, (now - windowStart) / 1e9 / n,
                            TrainingLog.residentMegabytes()));
                    Arrays.fill(sums, 0);
                    windowSteps = 0;
                    windowStart = now;
                }
                long now = System.nanoTime();
                if (now - lastValidation >= validateNanos) {
                    long t0 = System.nanoTime();
                    AccompanimentValidation.Result r = AccompanimentValidation.run(manager, model, validationSubset, 128);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    secondsPerValidationWindow = seconds / validationSubset.size();
                    log.say(String.format("validation step %d %s (%.1f s)", step, r, seconds));
                    lastValidation = System.nanoTime();
                    windowStart += System.nanoTime() - t0;
                }
                if (now - lastCheckpoint >= checkpointNanos) {
                    long trained = trainedMillisBefore + (System.nanoTime() - loopStarted) / 1_000_000;
                    save(checkpointFile, config, schedule, seed, batchSize, step, epoch, batchInEpoch, trained, weights, adam);
                    lastCheckpoint = System.nanoTime();
                }
            }
            long trained = trainedMillisBefore + (System.nanoTime() - loopStarted) / 1_000_000;
            save(checkpointFile, config, schedule, seed, batchSize, step, epoch, batchInEpoch, trained, weights, adam);
            AccompanimentValidation.Result full = AccompanimentValidation.run(manager, model, validation, 128);
            log.say(String.format("final step %d epoch %d trained %.1f min: validation (all windows, songs %d–%d) %s",
                    step, epoch, trained / 60000.0, Split.VALIDATION.first(), Split.VALIDATION.last(), full));
            writeMetrics(out.resolve("metrics.json"), step, epoch, trained, seed, batchSize, config, full);
        }
        log.close();
    }

    private AccompanimentConfig configFromFlags() {
        String sizes = flags.get("sizes");
        if (sizes == null) return AccompanimentConfig.DEFAULT;
        return AccompanimentConfig.fromInts(Arrays.stream(sizes.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray());
    }

    private AccompanimentSchedule scheduleFromFlags() {
        AccompanimentSchedule d = AccompanimentSchedule.DEFAULT;
        return new AccompanimentSchedule(
                Float.parseFloat(flag("lr", Float.toString(d.learningRate()))),
                Double.parseDouble(flag("lr-decay", Double.toString(d.learningRateDecay()))),
                Float.parseFloat(flag("lr-min", Float.toString(d.learningRateMin()))),
                Float.parseFloat(flag("beta-max", Float.toString(d.betaMax()))),
                Long.parseLong(flag("beta-warmup", Long.toString(d.betaWarmup()))),
                Float.parseFloat(flag("clip", Float.toString(d.clipNorm()))),
                Float.parseFloat(flag("chord-weight", Float.toString(d.chordWeight()))),
                Integer.parseInt(flag("texture-shift", Integer.toString(d.textureShift()))));
    }

    private void save(Path file, AccompanimentConfig config, AccompanimentSchedule schedule, long seed, int batchSize, long step,
                      int epoch, int batchInEpoch, long trainedMillis, NamedWeights weights, Adam adam) throws IOException {
        long t0 = System.nanoTime();
        ByteArrayOutputStream settings = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(settings)) {
            schedule.write(out);
            out.writeUTF(commands);
        }
        new RunCheckpoint(KIND, config.toInts(), settings.toByteArray(), seed, batchSize, step, epoch, batchInEpoch, trainedMillis,
                weights.toFloatArrays(), adam.firstMoments(), adam.secondMoments()).save(file, config.layout());
        log.say(String.format("checkpoint step %d epoch %d batch %d -> %s (%.1f s)", step, epoch, batchInEpoch, file, (System.nanoTime() - t0) / 1e9));
    }

    private void writeMetrics(Path file, long step, int epoch, long trainedMillis, long seed, int batchSize,
                                     AccompanimentConfig config, AccompanimentValidation.Result r) throws IOException {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("step", step);
        metrics.put("epoch", epoch);
        metrics.put("trainedMinutes", trainedMillis / 60000.0);
        metrics.put("seed", seed);
        metrics.put("batch", batchSize);
        metrics.put("config", config.toString());
        metrics.put("commands", commands);
        metrics.put("validationSongs", Split.VALIDATION.first() + "-" + Split.VALIDATION.last());
        metrics.put("validationWindows", r.reconstruction().windows());
        metrics.put("onsetThreshold", r.onsetThreshold());
        metrics.put("reconstructionNoteF1", r.reconstruction().noteF1());
        metrics.put("reconstructionNoteF1AtThresholdZero", r.noteF1AtZero());
        metrics.put("swapChordToneShare", r.swap().chordToneShare());
        metrics.put("swapOnsetPatternF1", r.swap().onsetPatternF1());
        metrics.put("swapBarsWithin25Percent", r.swap().barsWithinQuarter());
        metrics.put("swapMeanRelativeCountDifference", r.swap().meanRelativeCountDifference());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), metrics);
    }
}
