package org.analogy.train.bass;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import org.analogy.engine.bass.BassModel;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.repr.GridNote;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The bass model's cost per 2-bar window the engine's way (ONNX Runtime through {@link BassModel}, batch 1): the
 * decode of a window under C G Am F with a band rhythm (what a bar needs once the style is chosen), and the style of
 * a 2-bar reference clip. Sample-time mode, so the output has the median and p99.
 *
 * <pre>
 * mvn -B -q -pl train -am test-compile
 * java -cp "train/target/test-classes:train/target/classes:$(cat train/target/test-classpath.txt)" \
 *      org.openjdk.jmh.Main BassInferenceBenchmark
 * </pre>
 *
 * Uses the bundle in {@code -Dbundle} (default {@code presets/models/bass}); where none is there, freshly
 * initialised weights of the default sizes are exported to a temporary bundle: the graphs run their full
 * computation whatever the weights, so latency does not depend on them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1"})
public class BassInferenceBenchmark {

    /** ONNX Runtime intra-op threads; the live engine uses 1. */
    @Param({"1", "2"})
    public int ortThreads;

    private BassModel model;
    private Path temporary;
    private final List<GridNote> clip = new ArrayList<>();
    private final Chord[] chords = new Chord[BassModel.STEPS];
    private float[] band;
    private float[] style;

    @Setup(Level.Trial)
    public void load() throws Exception {
        String[] chart = {"C", "G", "Am", "F"};
        for (int t = 0; t < BassModel.STEPS; t++) chords[t] = Chord.parseSymbol(chart[t / 8]);
        for (int s = 0; s < BassModel.STEPS; s += 2) clip.add(new GridNote(s % 8 == 0 ? 36 : 43, 90, s, 2));
        List<GridNote> piano = new ArrayList<>();
        for (int s = 0; s < BassModel.STEPS; s += 4) piano.add(new GridNote(60, 70, s, 4));
        DrumPattern drums = new DrumPattern();
        for (int s = 0; s < BassModel.STEPS; s += 8) drums.set(s, DrumVoice.KICK, 0.9f, 0f);
        band = BassModel.bandOnsets(piano, drums);
        Path bundleDir = Path.of(System.getProperty("bundle", "presets/models/bass"));
        temporary = Files.createTempDirectory("bass-bench");
        if (!Files.exists(bundleDir.resolve(ModelBundle.MANIFEST))) {
            Engine.getInstance();
            try (NDManager manager = NDManager.newBaseManager()) {
                bundleDir = temporary.resolve("bass");
                BassConfig c = BassConfig.DEFAULT;
                ExportBass.writeBundle(bundleDir, c, NamedWeights.initialise(manager, c.layout(), 1).toFloatArrays(), Map.of());
            }
        }
        model = BassModel.load(ModelBundle.load(bundleDir), new MelodyModel.Options(ortThreads, false, MelodyModel.Device.CPU));
        style = model.style(clip, chords);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        model.close();
        try (var files = Files.walk(temporary)) {
            files.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public List<GridNote> decodeWindow() throws Exception {
        return model.decode(style, chords, band, 28, 55);
    }

    @Benchmark
    public float[] styleOfClip() throws Exception {
        return model.style(clip, chords);
    }
}
