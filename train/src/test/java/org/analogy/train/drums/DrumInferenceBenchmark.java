package org.analogy.train.drums;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.analogy.engine.drums.DrumModel;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.train.nn.NamedWeights;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The drum model's cost per 2-bar pattern the engine's way (ONNX Runtime through {@link DrumModel}, batch 1):
 * encode + decode, and the decode alone (what a bar needs once the groove latent is chosen). Sample-time mode, so
 * the output has the median and p99.
 *
 * <pre>
 * mvn -B -q -pl train -am test-compile
 * java -cp "train/target/test-classes:train/target/classes:$(cat train/target/test-classpath.txt)" \
 *      org.openjdk.jmh.Main DrumInferenceBenchmark
 * </pre>
 *
 * Uses the bundle in {@code -Dbundle} (default {@code presets/models/drums}); where none is there, freshly
 * initialised weights of the default sizes are exported to a temporary bundle: the graphs run their full
 * computation whatever the weights, so latency does not depend on them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"})
public class DrumInferenceBenchmark {

    /** ONNX Runtime intra-op threads; the live engine uses 1. */
    @Param({"1", "2"})
    public int ortThreads;

    private DrumModel model;
    private Path temporary;
    private final DrumPattern backbeat = new DrumPattern();
    private float[] groove;

    @Setup(Level.Trial)
    public void load() throws Exception {
        for (int s = 0; s < DrumPattern.STEPS; s += 2) backbeat.set(s, DrumVoice.CLOSED_HAT, 0.6f, 0.05f);
        for (int s = 0; s < DrumPattern.STEPS; s += 8) backbeat.set(s, s % 16 == 0 ? DrumVoice.KICK : DrumVoice.SNARE, 0.9f, -0.03f);
        Path bundleDir = Path.of(System.getProperty("bundle", "presets/models/drums"));
        temporary = Files.createTempDirectory("drums-bench");
        if (!Files.exists(bundleDir.resolve(ModelBundle.MANIFEST))) {
            Engine.getInstance();
            try (NDManager manager = NDManager.newBaseManager()) {
                bundleDir = temporary.resolve("drums");
                DrumConfig c = DrumConfig.DEFAULT;
                ExportDrums.writeBundle(bundleDir, c, NamedWeights.initialise(manager, c.layout(), 1).toFloatArrays(), Map.of());
            }
        }
        model = DrumModel.load(ModelBundle.load(bundleDir), new MelodyModel.Options(ortThreads, false, MelodyModel.Device.CPU));
        groove = model.encode(backbeat);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        model.close();
        try (var files = Files.walk(temporary)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public DrumPattern encodeAndDecodePattern() throws Exception {
        return model.decode(model.encode(backbeat));
    }

    @Benchmark
    public DrumPattern decodePattern() throws Exception {
        return model.decode(groove);
    }
}
