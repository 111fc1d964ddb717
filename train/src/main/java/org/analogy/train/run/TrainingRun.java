package org.analogy.train.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.analogy.train.data.Batches;
import org.analogy.train.nn.Adam;
import org.analogy.train.nn.NamedWeights;

/**
 * The life of a training run, the same for every model: the wall-clock and step budgets, seeding, the loop over
 * epochs and batches, progress lines, periodic validation, checkpoints (saved on a clock and at the end, resumed
 * exactly) and {@code metrics.json}. A model brings only what is its own ({@link Model}): its network and
 * optimiser state, its batches, one optimisation step and its validation.
 *
 * <p>Every step is a function of (seed, step): batches come from the model's epoch (seed, epoch) and any noise
 * from generators seeded with (seed, step), so a run resumed from a checkpoint (weights, Adam moments, step,
 * epoch, batch within the epoch) repeats the uninterrupted one. Remaining nondeterminism is PyTorch's (keep the
 * thread count).
 *
 * <p>Validation either runs on a clock over a fixed subset, with one pass over every window at the end
 * ({@code validateMinutes > 0}), or after every epoch over everything, keeping the best checkpoint as
 * {@code best.bin} ({@code validateMinutes == 0}).
 */
public final class TrainingRun {

    /** What one model brings to a run. */
    public interface Model<B> {
        NamedWeights weights();

        Adam adam();

        /** Its sizes and settings (schedule), stored in the checkpoint so that a resumed run keeps them. */
        int[] sizes();

        byte[] settings();

        /** One line for the log: sizes, schedule, data. */
        String describe();

        /** Its batches, epoch by epoch. */
        Batches<B> batches();

        /** One optimisation step; what it reports goes into the progress lines. */
        List<Measure> step(B batch, long step, int epoch);

        /** Validation over the subset ({@code full} false) or every window. */
        Validation validate(boolean full);

        /** How many windows {@link #validate} judges: the budget keeps room for the final full pass. */
        int validationWindows(boolean full);

        /** What {@link #validate} judges, for the log and {@code metrics.json} (e.g. "POP909 songs 851–880"). */
        String validationSet();
    }

    /** A figure of one step: averaged over the progress line's steps, or the latest value (a schedule's). */
    public record Measure(String name, double value, String format, boolean averaged) {
        public static Measure mean(String name, double value, String format) {
            return new Measure(name, value, format, true);
        }

        public static Measure latest(String name, double value, String format) {
            return new Measure(name, value, format, false);
        }
    }

    /** A validation pass: a line for the log, entries for {@code metrics.json}, and a score (higher is better). */
    public record Validation(String summary, Map<String, Object> metrics, double score) {
    }

    /** Builds the model, fresh from the flags or from a checkpoint (then its sizes and settings win). */
    public interface Factory<B> {
        Model<B> create(NDManager manager, Checkpoint restored, long seed, int batchSize) throws Exception;
    }

    /**
     * What the flags decided. {@code maxSteps} 0 is no limit; {@code reserveSeconds} and
     * {@code secondsPerValidationWindow} (a first guess, replaced by the measured rate) size the room kept at the
     * end of the budget for the final save and validation.
     */
    public record Plan(String kind, Path out, double minutes, long maxSteps, int maxEpochs, long seed, int batch, boolean resume,
                       int logEvery, double checkpointMinutes, double validateMinutes, double reserveSeconds,
                       double secondsPerValidationWindow, String invocation, Function<int[], Map<String, Shape>> layoutOf) {
    }

    /** Where a run ended. */
    public record Outcome(long step, int epoch, int batchInEpoch, long trainedMillis, Validation last) {
    }

    public static final String BEST_FILE = "best.bin";
    public static final String METRICS_FILE = "metrics.json";

    private final LongSupplier clock;

    public TrainingRun() {
        this(System::nanoTime);
    }

    /** With another clock (nanoseconds), e.g. a test's. */
    public TrainingRun(LongSupplier clock) {
        this.clock = clock;
    }

    /** Adam restored from a checkpoint (cold when it holds no moments), or zeros for a fresh run. */
    public static Adam adam(NDManager manager, NamedWeights weights, Checkpoint restored) {
        return restored != null && restored.adamFirst() != null
                ? Adam.of(manager, weights.tensors(), restored.adamFirst(), restored.adamSecond(), restored.step())
                : Adam.zeros(manager, weights.tensors());
    }

    public <B> Outcome run(Plan plan, Factory<B> factory) throws Exception {
        long deadline = clock.getAsLong() + (long) (plan.minutes() * 60e9);
        boolean eachEpoch = plan.validateMinutes() <= 0;
        try (RunLog log = new RunLog(plan.out())) {
            Engine engine = Engine.getInstance();
            JniUtils.setGradMode(false);   // gradients only inside a model's collector
            Path file = Checkpoint.in(plan.out());
            boolean resume = plan.resume() && Files.exists(file);
            if (plan.resume() && !resume) log.say("no checkpoint at " + file + ": starting afresh");
            Checkpoint restored = resume ? Checkpoint.load(file, plan.kind(), plan.layoutOf()) : null;
            long seed = restored != null ? restored.seed() : plan.seed();
            int batch = restored != null ? restored.batchSize() : plan.batch();
            List<String> commands = new ArrayList<>(restored != null ? restored.commands() : List.of());
            commands.add(plan.invocation());

            try (NDManager manager = engine.newBaseManager()) {
                Model<B> model = factory.create(manager, restored, seed, batch);
                State s = new State(model, plan, log, seed, batch, commands, restored);
                log.say(String.format("%s %s %s: %s params=%d seed=%d batch=%d (%d batches/epoch) step=%d epoch=%d budget=%.1f min "
                                + "engine=%s threads=%s",
                        Instant.now(), resume ? "resume" : "start", plan.kind(), model.describe(), model.weights().parameterCount(),
                        seed, batch, model.batches().batchesPerEpoch(), s.step, s.epoch, plan.minutes(),
                        engine.getEngineName() + " " + engine.getVersion(), System.getProperty("ai.djl.pytorch.num_threads", "default")));
                log.say("commands so far: " + String.join(" ; ", commands));
                if (eachEpoch && s.step == 0) log.say("validation before training: " + model.validate(true).summary());
                return loop(s, deadline, eachEpoch);
            }
        }
    }

    private <B> Outcome loop(State s, long deadline, boolean eachEpoch) throws IOException {
        @SuppressWarnings("unchecked") Model<B> model = (Model<B>) s.model;
        Plan plan = s.plan;
        Iterator<B> batches = null;
        int skip = s.batchInEpoch;
        long loopStarted = clock.getAsLong();
        long lastCheckpoint = loopStarted, lastValidation = loopStarted;
        double secondsPerWindow = plan.secondsPerValidationWindow();
        Progress progress = new Progress(clock.getAsLong());
        Validation last = null;
        while (true) {
            double reserveSeconds = plan.reserveSeconds() + secondsPerWindow * model.validationWindows(true);
            if (clock.getAsLong() + (long) (reserveSeconds * 1e9) >= deadline) break;
            if (plan.maxSteps() > 0 && s.step >= plan.maxSteps()) break;
            if (s.epoch >= plan.maxEpochs()) break;
            if (batches == null) {
                batches = model.batches().epoch(s.epoch);
                for (int i = 0; i < skip && batches.hasNext(); i++) batches.next();
                skip = 0;
            }
            if (!batches.hasNext()) {
                s.epoch++;
                s.batchInEpoch = 0;
                batches = null;
                continue;
            }
            List<Measure> measures = model.step(batches.next(), s.step, s.epoch);
            s.step++;
            s.batchInEpoch++;
            progress.add(measures);
            if (s.step % plan.logEvery() == 0) s.log.say(progress.line(s.step, s.epoch, clock.getAsLong()));
            s.trainedMillis = s.trainedBefore + (clock.getAsLong() - loopStarted) / 1_000_000;
            if (eachEpoch && !batches.hasNext()) {
                s.epoch++;
                s.batchInEpoch = 0;
                batches = null;
                last = s.endOfEpoch();
                lastCheckpoint = clock.getAsLong();
                continue;
            }
            long now = clock.getAsLong();
            if (!eachEpoch && now - lastValidation >= plan.validateMinutes() * 60e9) {
                long t0 = clock.getAsLong();
                Validation v = model.validate(false);
                double seconds = (clock.getAsLong() - t0) / 1e9;
                secondsPerWindow = seconds / Math.max(1, model.validationWindows(false));
                s.log.say(String.format("validation step %d %s (%.1f s)", s.step, v.summary(), seconds));
                lastValidation = clock.getAsLong();
                progress.pause(clock.getAsLong() - t0);   // keep s/step about training only
            }
            if (now - lastCheckpoint >= plan.checkpointMinutes() * 60e9) {
                s.save(Checkpoint.in(plan.out()));
                lastCheckpoint = clock.getAsLong();
            }
        }
        s.trainedMillis = s.trainedBefore + (clock.getAsLong() - loopStarted) / 1_000_000;
        if (eachEpoch) {
            if (s.batchInEpoch > 0 || last == null) last = s.endOfEpoch();   // else the epoch's end saved it
            s.log.say(String.format("done at step %d epoch %d; best validation score %.5f (%s)", s.step, s.epoch, s.best,
                    plan.out().resolve(BEST_FILE)));
        } else {
            s.save(Checkpoint.in(plan.out()));
            last = model.validate(true);
            s.log.say(String.format("final step %d epoch %d trained %.1f min: validation (all windows, %s) %s",
                    s.step, s.epoch, s.trainedMillis / 60000.0, model.validationSet(), last.summary()));
            s.writeMetrics(last);
        }
        return new Outcome(s.step, s.epoch, s.batchInEpoch, s.trainedMillis, last);
    }

    /** Where the run stands, and what saving it needs. */
    private static final class State {
        final Model<?> model;
        final Plan plan;
        final RunLog log;
        final long seed;
        final int batch;
        final List<String> commands;
        final long trainedBefore;
        long step;
        int epoch;
        int batchInEpoch;
        long trainedMillis;
        double best;

        State(Model<?> model, Plan plan, RunLog log, long seed, int batch, List<String> commands, Checkpoint restored) throws IOException {
            this.model = model;
            this.plan = plan;
            this.log = log;
            this.seed = seed;
            this.batch = batch;
            this.commands = commands;
            step = restored != null ? restored.step() : 0;
            epoch = restored != null ? restored.epoch() : 0;
            batchInEpoch = restored != null ? restored.batchInEpoch() : 0;
            trainedBefore = restored != null ? restored.trainedMillis() : 0;
            trainedMillis = trainedBefore;
            best = restored != null ? bestSoFar(plan.out().resolve(METRICS_FILE)) : Double.NEGATIVE_INFINITY;
        }

        /** Validation over everything, a checkpoint, and best.bin plus metrics.json when the score improved. */
        Validation endOfEpoch() throws IOException {
            Validation v = model.validate(true);
            log.say(batchInEpoch == 0 ? String.format("epoch %d done at step %d | validation %s", epoch - 1, step, v.summary())
                    : String.format("stopped in epoch %d at step %d | validation %s", epoch, step, v.summary()));
            save(Checkpoint.in(plan.out()));
            if (v.score() > best) {
                best = v.score();
                save(plan.out().resolve(BEST_FILE));
                writeMetrics(v);
            }
            return v;
        }

        void save(Path file) throws IOException {
            long t0 = System.nanoTime();
            Map<String, Shape> layout = model.weights().layout();
            Adam adam = model.adam();
            new Checkpoint(plan.kind(), model.sizes(), model.settings(), commands, seed, batch, step, epoch, batchInEpoch, trainedMillis,
                    model.weights().toFloatArrays(), adam.firstMoments(), adam.secondMoments()).save(file, layout);
            log.say(String.format("checkpoint step %d epoch %d batch %d -> %s (%.1f s)", step, epoch, batchInEpoch, file,
                    (System.nanoTime() - t0) / 1e9));
        }

        void writeMetrics(Validation v) throws IOException {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("step", step);
            metrics.put("epoch", epoch);
            metrics.put("trainedMinutes", trainedMillis / 60000.0);
            metrics.put("seed", seed);
            metrics.put("batch", batch);
            metrics.put("commands", String.join(" ; ", commands));
            metrics.put("validationSet", model.validationSet());
            metrics.putAll(v.metrics());
            metrics.put("score", v.score());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(plan.out().resolve(METRICS_FILE).toFile(), metrics);
        }

        private static double bestSoFar(Path metrics) throws IOException {
            if (!Files.exists(metrics)) return Double.NEGATIVE_INFINITY;
            JsonNode score = new ObjectMapper().readTree(metrics.toFile()).path("score");
            return score.isNumber() ? score.doubleValue() : Double.NEGATIVE_INFINITY;
        }
    }

    /** The figures of the steps since the last progress line. */
    private static final class Progress {
        private final Map<String, double[]> sums = new LinkedHashMap<>();   // name → {sum, latest}
        private final Map<String, Measure> shape = new LinkedHashMap<>();
        private long windowStart;
        private long steps;

        Progress(long now) {
            windowStart = now;
        }

        void add(List<Measure> measures) {
            for (Measure m : measures) {
                double[] v = sums.computeIfAbsent(m.name(), k -> new double[2]);
                v[0] += m.value();
                v[1] = m.value();
                shape.putIfAbsent(m.name(), m);
            }
            steps++;
        }

        void pause(long nanos) {
            windowStart += nanos;
        }

        String line(long step, int epoch, long now) {
            StringBuilder line = new StringBuilder(String.format("step %d epoch %d", step, epoch));
            for (Map.Entry<String, Measure> entry : shape.entrySet()) {
                double[] v = sums.get(entry.getKey());
                double value = entry.getValue().averaged() ? v[0] / steps : v[1];
                line.append(' ').append(entry.getKey()).append(' ').append(String.format(entry.getValue().format(), value));
            }
            line.append(String.format(" s/step %.3f rss %d MB", (now - windowStart) / 1e9 / Math.max(1, steps), RunLog.residentMegabytes()));
            sums.clear();
            steps = 0;
            windowStart = now;
            return line.toString();
        }
    }
}
