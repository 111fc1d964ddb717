package org.analogy.train.melody;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.analogy.train.TrainMain;
import org.analogy.train.data.MelodyBatches;
import org.analogy.train.data.MelodyWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;
import org.analogy.train.nn.Adam;
import org.analogy.train.nn.NamedWeights;
import org.analogy.train.run.Checkpoint;
import org.analogy.train.run.TrainingRun;
import org.analogy.train.run.TrainingRun.Measure;
import org.analogy.train.run.VaeTrainCommand;

/**
 * {@code ./analogy train melody}: the melody VAE on POP909 songs 1–850, validated on songs 851–880. The run
 * itself (budget, checkpoints, resume, metrics) is {@link TrainingRun}'s; this class brings the model, its
 * batches ({@link MelodyBatches}), its step ({@link MelodyTrainer}), its schedule ({@link TrainingSchedule}) and
 * its validation (greedy reconstruction, {@link MelodyEvaluator}).
 *
 * <p>{@code --chord-fit W} (the chord-fit term's weight, see {@link MelodyTrainer}) is not stored in the
 * checkpoint: a resumed run is given it again.
 */
@Command(name = "melody", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the melody VAE (EC2VAE-style) on POP909 songs 1–850 for a wall-clock budget, then saves and validates "
                + "on songs 851–880. Writes OUT/train.log, OUT/checkpoint.bin and OUT/metrics.json."})
public final class TrainMelody extends VaeTrainCommand<MelodyBatches.Batch> {

    static final String KIND = "melody";

    @Option(names = "--sampling-start", paramLabel = "STEP", description = "Scheduled sampling starts here (default: ${DEFAULT-VALUE}).") long samplingStart;
    @Option(names = "--sampling-end", paramLabel = "STEP", description = "…and reaches its maximum here (default: ${DEFAULT-VALUE}).") long samplingEnd;
    @Option(names = "--sampling-max", paramLabel = "P", description = "Largest scheduled-sampling rate (default: ${DEFAULT-VALUE}).") float samplingMax;
    @Option(names = "--chord-fit", paramLabel = "W", description = "Weight of the chord-fit term, 0–100; not stored in the checkpoint, "
            + "so give it again on --resume (default: ${DEFAULT-VALUE}).") float chordFit;

    public static void main(String[] args) {
        System.exit(TrainMain.execute(new TrainMelody(), args));
    }

    public TrainMelody() {
        super(KIND, TrainMelody::layout);
    }

    @Override
    public Map<String, String> defaults() {
        TrainingSchedule d = TrainingSchedule.DEFAULT;
        Map<String, String> v = defaults("runs/melody", 85, 128, 50,
                d.learningRate(), d.learningRateDecay(), d.learningRateMin(), d.betaMax(), d.betaWarmup(), d.clipNorm());
        v.put("--sampling-start", Long.toString(d.samplingStart()));
        v.put("--sampling-end", Long.toString(d.samplingEnd()));
        v.put("--sampling-max", Float.toString(d.samplingMax()));
        v.put("--chord-fit", "0");
        return v;
    }


    @Override
    protected List<String> ownSettingsFlags() {
        return List.of("--sampling-start", "--sampling-end", "--sampling-max");
    }

    @Override
    protected void checkModel() {
        if (!(chordFit >= 0 && chordFit <= 100)) throw new IllegalArgumentException("--chord-fit " + chordFit + ": give a weight in 0–100");
    }

    /** A first guess of 30 s for the subset, scaled to every window; replaced by the measured rate. */
    @Override
    protected double secondsPerValidationWindow() {
        return 30.0 / validation.windows();
    }


    static Map<String, Shape> layout(int[] sizes) {
        return MelodyVaeWeights.layout(MelodyVaeConfig.fromInts(sizes));
    }

    /** Loads a checkpoint written by this trainer (or by the melody trainer before the runs shared one format). */
    public static Checkpoint loadCheckpoint(java.nio.file.Path file) throws java.io.IOException {
        return Checkpoint.load(file, KIND, TrainMelody::layout);
    }

    static TrainingSchedule schedule(Checkpoint checkpoint) throws java.io.IOException {
        return TrainingSchedule.read(checkpoint.settingsIn());
    }

    @Override
    protected TrainingRun.Factory<MelodyBatches.Batch> factory() {
        return (manager, restored, seed, batchSize) -> {
            List<MelodyWindow> train = Pop909Dataset.load(run.data(), Split.TRAIN).melodyWindows();
            List<MelodyWindow> all = Pop909Dataset.load(run.data(), Split.VALIDATION).melodyWindows();
            List<MelodyWindow> subset = MelodyEvaluator.evenlySpread(all, validation.windows());
            MelodyVaeConfig config = restored != null ? MelodyVaeConfig.fromInts(restored.sizes()) : MelodyVaeConfig.DEFAULT;
            TrainingSchedule schedule = restored != null ? schedule(restored)
                    : new TrainingSchedule(flags.lr, flags.lrDecay, flags.lrMin, flags.betaMax, flags.betaWarmup, samplingStart, samplingEnd, samplingMax, flags.clip);
            MelodyVaeWeights weights = restored != null ? MelodyVaeWeights.of(manager, config, restored.weights())
                    : MelodyVaeWeights.initialise(manager, config, seed);
            Adam adam = TrainingRun.adam(manager, weights.named(), restored);
            MelodyVae model = new MelodyVae(weights);
            MelodyTrainer trainer = new MelodyTrainer(manager, model, adam, schedule, seed, chordFit);
            MelodyBatches batches = new MelodyBatches(train, batchSize, seed, true);
            return new Model(manager, config, schedule, weights, adam, model, trainer, batches, train.size(), all, subset, chordFit);
        };
    }

    private record Model(NDManager manager, MelodyVaeConfig config, TrainingSchedule schedule, MelodyVaeWeights vae, Adam adam,
                         MelodyVae model, MelodyTrainer trainer, MelodyBatches batches, int trainWindows,
                         List<MelodyWindow> all, List<MelodyWindow> subset, float chordFit) implements TrainingRun.Model<MelodyBatches.Batch> {

        @Override
        public NamedWeights weights() {
            return vae.named();
        }

        @Override
        public int[] sizes() {
            return config.toInts();
        }

        @Override
        public byte[] settings() {
            return Checkpoint.settings(schedule::write);
        }

        @Override
        public String describe() {
            return String.format("config=%s schedule=%s chord-fit=%s train-windows=%d validation-windows=%d (subset %d)",
                    config, schedule, chordFit, trainWindows, all.size(), subset.size());
        }

        @Override
        public List<Measure> step(MelodyBatches.Batch batch, long step, int epoch) {
            MelodyTrainer.StepStats s = trainer.step(batch, step);
            return List.of(Measure.mean("loss", s.loss(), "%.4f"), Measure.mean("tokCE", s.tokenLoss(), "%.4f"),
                    Measure.mean("rhyCE", s.rhythmLoss(), "%.4f"), Measure.mean("klP", s.pitchKl(), "%.4f"),
                    Measure.mean("klR", s.rhythmKl(), "%.4f"), Measure.latest("beta", s.beta(), "%.4f"),
                    Measure.latest("ss", s.sampling(), "%.3f"), Measure.latest("lr", s.learningRate(), "%.2e"),
                    Measure.mean("gnorm", s.gradientNorm(), "%.3f"), Measure.mean("tfAcc", s.teacherAccuracy(), "%.4f"),
                    Measure.mean("chordFit", s.chordFit(), "%.4f"));
        }

        @Override
        public String validationSet() {
            return "POP909 songs " + org.analogy.train.data.Split.VALIDATION.first() + "–" + org.analogy.train.data.Split.VALIDATION.last();
        }

        @Override
        public TrainingRun.Validation validate(boolean full) {
            MelodyEvaluator.Accuracy a = MelodyEvaluator.greedy(manager, model, full ? all : subset, 256);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("validationWindows", a.windows());
            metrics.put("greedyTokenAccuracy", a.tokens());
            metrics.put("greedyRhythmAccuracy", a.rhythm());
            metrics.put("greedyOnsetPitchAccuracy", a.onsetPitch());
            return new TrainingRun.Validation("greedy " + a, metrics, a.tokens());
        }

        @Override
        public int validationWindows(boolean full) {
            return full ? all.size() : subset.size();
        }
    }
}
