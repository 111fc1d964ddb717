package org.analogy.train.accompaniment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.analogy.engine.accompaniment.AccompanimentModel;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.chords.ChordPredictorModel;
import org.analogy.engine.chords.PredictorFeatures;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.repr.GridNote;
import org.analogy.train.nn.NamedWeights;

/**
 * The accompaniment issue's speed targets, the engine's way (ONNX Runtime through {@link AccompanimentModel} and
 * {@link ChordPredictorModel}, batch 1): chord encode + texture encode + decode of one 2-bar window, the decode alone,
 * and one predictor step. Sample-time mode, so the output has the median and p99 the targets are stated in.
 *
 * <pre>
 * mvn -B -q -pl train -am test-compile
 * java -cp "train/target/test-classes:train/target/classes:$(cat train/target/test-classpath.txt)" \
 *      org.openjdk.jmh.Main AccompanimentInferenceBenchmark
 * </pre>
 *
 * Uses the bundles in {@code -Dbundle} (default {@code presets/models/accompaniment}) and {@code -Dpredictor}
 * (default {@code presets/models/predictor}); where one is missing, freshly initialised weights of the default
 * sizes are exported to a temporary bundle. Every graph runs its full computation whatever the weights, so
 * latency does not depend on them (only the handful of notes read off the logits does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"})
public class AccompanimentInferenceBenchmark {

    /** ONNX Runtime intra-op threads; the live engine uses 1. */
    @Param({"1", "2"})
    public int ortThreads;

    private AccompanimentModel model;
    private ChordPredictorModel predictor;
    private Path temporary;
    private final float[] chordForm = new float[8 * 36];
    private final int[][] roll = new int[32][128];
    private final float[] bar = new float[PredictorFeatures.BAR_FEATURES];
    private float[] zChord;
    private float[] zTexture;

    @Setup(Level.Trial)
    public void load() throws Exception {
        // Am F over an arpeggio in the middle register, the bar's melody on A and C.
        Chord am = Chord.parseSymbol("Am"), f = Chord.parseSymbol("F");
        System.arraycopy(ChordFeatures.chordForm(List.of(am, am, am, am, f, f, f, f)), 0, chordForm, 0, chordForm.length);
        for (int step = 0; step < 32; step += 2) roll[step][step < 16 ? 57 + (step % 6) : 53 + (step % 6)] = 2;
        PredictorFeatures.bar(List.of(new GridNote(69, 90, 0, 8), new GridNote(72, 90, 8, 8)), List.of(am, am, am, am), bar, 0);

        Path bundleDir = Path.of(System.getProperty("bundle", "presets/models/accompaniment"));
        Path predictorDir = Path.of(System.getProperty("predictor", "presets/models/predictor"));
        temporary = Files.createTempDirectory("accompaniment-bench");
        if (!Files.exists(bundleDir.resolve(ModelBundle.MANIFEST)) || !Files.exists(predictorDir.resolve(ModelBundle.MANIFEST))) {
            Engine.getInstance();
            try (NDManager manager = NDManager.newBaseManager()) {
                if (!Files.exists(bundleDir.resolve(ModelBundle.MANIFEST))) {
                    bundleDir = temporary.resolve("accompaniment");
                    AccompanimentConfig c = AccompanimentConfig.DEFAULT;
                    ExportAccompaniment.writeBundle(bundleDir, c, NamedWeights.initialise(manager, c.layout(), 1).toFloatArrays(), 0f, Map.of());
                }
                if (!Files.exists(predictorDir.resolve(ModelBundle.MANIFEST))) {
                    predictorDir = temporary.resolve("predictor");
                    PredictorConfig c = new PredictorConfig(256, 256, AccompanimentConfig.DEFAULT.chordLatent());
                    ExportPredictor.writeBundle(predictorDir, c, NamedWeights.initialise(manager, c.layout(), 1).toFloatArrays(), Map.of());
                }
            }
        }
        MelodyModel.Options options = new MelodyModel.Options(ortThreads, false, MelodyModel.Device.CPU);
        model = AccompanimentModel.load(ModelBundle.load(bundleDir), options);
        predictor = ChordPredictorModel.load(ModelBundle.load(predictorDir), options);
        zChord = model.encodeChords(chordForm);
        zTexture = model.encodeTexture(roll);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        model.close();
        predictor.close();
        try (var files = Files.walk(temporary)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public int[][] encodeAndDecodeWindow() throws Exception {
        return model.decode(model.encodeChords(chordForm), model.encodeTexture(roll));
    }

    @Benchmark
    public int[][] decodeWindow() throws Exception {
        return model.decode(zChord, zTexture);
    }

    @Benchmark
    public ChordPredictorModel.Prediction predictNextBar() throws Exception {
        return predictor.observe(bar);
    }
}
