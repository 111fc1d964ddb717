package org.analogy.train.melody;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
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

import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;

/**
 * Encode + greedy decode of one 2-bar window at batch 1, the engine's way (ONNX Runtime on the shipped
 * bundle through {@link MelodyModel}) next to DJL running the same architecture in the same JVM.
 * Sample-time mode, so the output has the median and p99 the melody issue's speed target is stated in.
 *
 * <pre>
 * mvn -B -q -pl train -am test-compile
 * java -cp "train/target/test-classes:train/target/classes:$(cat train/target/test-classpath.txt)" \
 *      org.openjdk.jmh.Main MelodyInferenceBenchmark
 * </pre>
 *
 * DJL gets the training checkpoint's weights when {@code -Dcheckpoint} (default {@code runs/melody/checkpoint.bin})
 * exists, otherwise freshly initialised weights of the bundle's size: the greedy decode always runs its 32
 * steps, so latency does not depend on the weight values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"})
public class MelodyInferenceBenchmark {

    /** ONNX Runtime intra-op threads; the live engine uses 1. */
    @Param({"1", "2"})
    public int ortThreads;

    private MelodyModel ort;
    private NDManager manager;
    private MelodyVae djl;
    private final int[] tokens = new int[MelodyVaeConfig.STEPS];
    private final float[] chroma = new float[MelodyVaeConfig.STEPS * MelodyVaeConfig.CHROMA];

    @Setup(Level.Trial)
    public void load() throws Exception {
        // A C-major bar of quarter notes and an eighth-note bar, over C and G chords.
        for (int step = 0; step < MelodyVaeConfig.STEPS; step++) {
            boolean firstBar = step < 16;
            boolean onset = firstBar ? step % 4 == 0 : step % 2 == 0;
            tokens[step] = onset ? 60 + (step * 7) % 12 : 128;
            int[] chord = firstBar ? new int[] {0, 4, 7} : new int[] {7, 11, 2};
            for (int pitchClass : chord) chroma[step * 12 + pitchClass] = 1f;
        }
        ModelBundle bundle = ModelBundle.load(Path.of(System.getProperty("bundle", "presets/models/melody")));
        ort = MelodyModel.load(bundle, new MelodyModel.Options(ortThreads, false, MelodyModel.Device.CPU));

        Engine.getInstance();
        JniUtils.setGradMode(false);
        manager = NDManager.newBaseManager();
        Path checkpoint = Path.of(System.getProperty("checkpoint", "runs/melody/checkpoint.bin"));
        MelodyVaeWeights weights;
        if (Files.exists(checkpoint)) {
            org.analogy.train.run.Checkpoint restored = TrainMelody.loadCheckpoint(checkpoint);
            weights = MelodyVaeWeights.of(manager, MelodyVaeConfig.fromInts(restored.sizes()), restored.weights());
        } else {
            MelodyVaeConfig config = new MelodyVaeConfig(MelodyVaeConfig.DEFAULT.encoderHidden(),
                    MelodyVaeConfig.DEFAULT.rhythmHidden(), MelodyVaeConfig.DEFAULT.melodyHidden(),
                    bundle.requireInt("/latents/pitch"), bundle.requireInt("/latents/rhythm"));
            weights = MelodyVaeWeights.initialise(manager, config, 1);
        }
        djl = new MelodyVae(weights);
    }

    @TearDown(Level.Trial)
    public void close() {
        ort.close();
        manager.close();
    }

    @Benchmark
    public int[] onnxRuntime() throws Exception {
        MelodyLatents latents = ort.encode(tokens, chroma);
        return ort.decode(latents, chroma);
    }

    @Benchmark
    public int[] djlPyTorch() {
        try (NDManager scope = manager.newSubManager()) {
            djl.weights().tempAttach(scope);
            NDArray oneHot = scope.create(OneHots.of(tokens, MelodyVaeConfig.TOKENS), new Shape(1, 32, MelodyVaeConfig.TOKENS));
            NDArray chords = scope.create(chroma, new Shape(1, 32, 12));
            MelodyVae.Posterior posterior = djl.encode(oneHot, chords, false);
            return djl.decodeGreedy(posterior.pitchMean(), posterior.rhythmMean(), chords).tokens();
        }
    }
}
