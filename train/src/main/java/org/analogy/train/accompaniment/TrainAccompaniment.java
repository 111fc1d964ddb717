package org.analogy.train.accompaniment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.analogy.train.TrainMain;
import org.analogy.train.data.AccompanimentWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;
import org.analogy.train.nn.Adam;
import org.analogy.train.nn.NamedWeights;
import org.analogy.train.run.Checkpoint;
import org.analogy.train.run.TrainingRun;
import org.analogy.train.run.TrainingRun.Measure;
import org.analogy.train.run.VaeTrainCommand;

/**
 * {@code ./analogy train accompaniment}: the Poly-dis-style accompaniment model on POP909 songs 1–850, validated
 * on songs 851–880. The run is {@link TrainingRun}'s; this class brings the model ({@link AccompanimentVae}), its
 * batches, its step ({@link AccompanimentTrainer}), its schedule and its validation, which also picks the onset
 * threshold the export puts into the bundle.
 */
@Command(name = "accompaniment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains the accompaniment model (chord/texture VAE) on POP909 songs 1–850 for a wall-clock budget, then saves and "
                + "validates on songs 851–880. Writes OUT/train.log, OUT/checkpoint.bin and OUT/metrics.json.",
                "train/README.md (Accompaniment) has the command that trained the shipped model."})
public final class TrainAccompaniment extends VaeTrainCommand<AccompanimentBatches.Batch> {

    static final String KIND = "accompaniment";

    @Option(names = "--chord-weight", paramLabel = "W", description = "Weight of the auxiliary chord loss (default: ${DEFAULT-VALUE}).") float chordWeight;
    @Option(names = "--texture-shift", paramLabel = "N", description = "The texture encoder sees the roll moved a further ±N semitones "
            + "(default: ${DEFAULT-VALUE}).") int textureShift;
    @Option(names = "--sizes", paramLabel = "a,b,c,d,e,f,g,h", split = ",", description = "Model sizes, for quick trials "
            + "(AccompanimentConfig; default: the shipped sizes).") int[] sizes;

    public static void main(String[] args) {
        System.exit(TrainMain.execute(new TrainAccompaniment(), args));
    }

    public TrainAccompaniment() {
        super(KIND, TrainAccompaniment::layout);
    }

    @Override
    public Map<String, String> defaults() {
        AccompanimentSchedule d = AccompanimentSchedule.DEFAULT;
        Map<String, String> v = defaults("runs/accompaniment", 40, 64, 25,
                d.learningRate(), d.learningRateDecay(), d.learningRateMin(), d.betaMax(), d.betaWarmup(), d.clipNorm());
        v.put("--chord-weight", Float.toString(d.chordWeight()));
        v.put("--texture-shift", Integer.toString(d.textureShift()));
        return v;
    }


    @Override
    protected List<String> ownSettingsFlags() {
        return List.of("--chord-weight", "--texture-shift", "--sizes");
    }

    @Override
    protected void checkModel() {
        if (sizes != null) AccompanimentConfig.fromInts(sizes);
        if (textureShift < 0) throw new IllegalArgumentException("--texture-shift " + textureShift + ": give 0 or more semitones");
    }

    @Override
    protected double reserveSeconds() {
        return 15;
    }


    static Map<String, Shape> layout(int[] sizes) {
        return AccompanimentConfig.fromInts(sizes).layout();
    }

    /** Loads a checkpoint written by this trainer. */
    static Checkpoint loadCheckpoint(Path file) throws IOException {
        return Checkpoint.load(file, KIND, TrainAccompaniment::layout);
    }

    static AccompanimentSchedule schedule(Checkpoint checkpoint) throws IOException {
        return AccompanimentSchedule.read(checkpoint.settingsIn());
    }

    @Override
    protected TrainingRun.Factory<AccompanimentBatches.Batch> factory() {
        return (manager, restored, seed, batchSize) -> {
            List<AccompanimentWindow> train = Pop909Dataset.load(run.data(), Split.TRAIN).accompanimentWindows();
            List<AccompanimentWindow> all = Pop909Dataset.load(run.data(), Split.VALIDATION).accompanimentWindows();
            List<AccompanimentWindow> subset = AccompanimentValidation.evenlySpread(all, validation.windows());
            AccompanimentConfig config = restored != null ? AccompanimentConfig.fromInts(restored.sizes())
                    : sizes != null ? AccompanimentConfig.fromInts(sizes) : AccompanimentConfig.DEFAULT;
            AccompanimentSchedule schedule = restored != null ? schedule(restored)
                    : new AccompanimentSchedule(flags.lr, flags.lrDecay, flags.lrMin, flags.betaMax, flags.betaWarmup, flags.clip, chordWeight, textureShift);
            NamedWeights weights = restored != null ? NamedWeights.of(manager, config.layout(), restored.weights())
                    : NamedWeights.initialise(manager, config.layout(), seed);
            Adam adam = TrainingRun.adam(manager, weights, restored);
            AccompanimentVae model = new AccompanimentVae(weights, config);
            AccompanimentTrainer trainer = new AccompanimentTrainer(manager, model, adam, schedule, seed);
            AccompanimentBatches batches = new AccompanimentBatches(train, batchSize, seed, true, schedule.textureShift());
            return new Model(manager, config, schedule, weights, adam, model, trainer, batches, train.size(), all, subset);
        };
    }

    private record Model(NDManager manager, AccompanimentConfig config, AccompanimentSchedule schedule, NamedWeights weights, Adam adam,
                         AccompanimentVae model, AccompanimentTrainer trainer, AccompanimentBatches batches, int trainWindows,
                         List<AccompanimentWindow> all, List<AccompanimentWindow> subset) implements TrainingRun.Model<AccompanimentBatches.Batch> {

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
            return String.format("config=%s schedule=%s train-windows=%d validation-windows=%d (subset %d)",
                    config, schedule, trainWindows, all.size(), subset.size());
        }

        @Override
        public List<Measure> step(AccompanimentBatches.Batch batch, long step, int epoch) {
            AccompanimentTrainer.StepStats s = trainer.step(batch, step);
            return List.of(Measure.mean("loss", s.loss(), "%.3f"), Measure.mean("onset", s.onsetLoss(), "%.3f"),
                    Measure.mean("dur", s.durationLoss(), "%.3f"), Measure.mean("chord", s.chordLoss(), "%.3f"),
                    Measure.mean("klC", s.chordKl(), "%.2f"), Measure.mean("klT", s.textureKl(), "%.2f"),
                    Measure.latest("beta", s.beta(), "%.4f"), Measure.latest("lr", s.learningRate(), "%.2e"),
                    Measure.mean("gnorm", s.gradientNorm(), "%.2f"), Measure.mean("onsetP", s.onsetPrecision(), "%.3f"),
                    Measure.mean("onsetR", s.onsetRecall(), "%.3f"));
        }

        @Override
        public String validationSet() {
            return "POP909 songs " + org.analogy.train.data.Split.VALIDATION.first() + "–" + org.analogy.train.data.Split.VALIDATION.last();
        }

        @Override
        public TrainingRun.Validation validate(boolean full) {
            AccompanimentValidation.Result r = AccompanimentValidation.run(manager, model, full ? all : subset, 128);
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("config", config.toString());
            metrics.put("validationWindows", r.reconstruction().windows());
            metrics.put("onsetThreshold", r.onsetThreshold());
            metrics.put("reconstructionNoteF1", r.reconstruction().noteF1());
            metrics.put("reconstructionNoteF1AtThresholdZero", r.noteF1AtZero());
            metrics.put("swapChordToneShare", r.swap().chordToneShare());
            metrics.put("swapOnsetPatternF1", r.swap().onsetPatternF1());
            metrics.put("swapBarsWithin25Percent", r.swap().barsWithinQuarter());
            metrics.put("swapMeanRelativeCountDifference", r.swap().meanRelativeCountDifference());
            return new TrainingRun.Validation(r.toString(), metrics, r.reconstruction().noteF1());
        }

        @Override
        public int validationWindows(boolean full) {
            return full ? all.size() : subset.size();
        }
    }
}
