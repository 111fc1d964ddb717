package org.analogy.engine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import ai.onnxruntime.OrtException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelBundleException;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.render.SyntheticPerformance;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.time.Meter;

/**
 * The melody model's calls at run time (ONNX Runtime, one intra-op thread, as live): encode a 2-bar window,
 * decode latents, and both (what a mode does once per bar). The bundle is {@code -Dbundle=DIR}, else the
 * shipped {@code presets/models/melody}; without either, setup fails with a message saying so and JMH goes
 * on with the other benchmarks. Inputs are the synthetic performer's melody, with a C-major chord sounding.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class MelodyModelBenchmark {

    private MelodyModel model;
    private int[] tokens;
    private float[] chroma;
    private MelodyLatents latents;

    /** The bundle to measure: {@code -Dbundle}, else the shipped one. */
    static Path bundleDir() {
        String given = System.getProperty("bundle", "");
        return given.isBlank() ? ModelStore.bundleDir("melody") : Path.of(given);
    }

    @Setup(Level.Trial)
    public void setUp() throws ModelBundleException, OrtException {
        Path dir = bundleDir();
        if (!Files.isRegularFile(dir.resolve(ModelBundle.MANIFEST))) {
            throw new IllegalStateException("skipped: no melody model bundle at " + dir
                    + " (pass -Dbundle=DIR, or ship presets/models/melody)");
        }
        model = MelodyModel.load(ModelBundle.load(dir), MelodyModel.Options.DEFAULT);
        java.util.List<GridNote> melody = new java.util.ArrayList<>();
        var performance = SyntheticPerformance.generate(Meter.FOUR_FOUR, 2, 120, 3);
        for (var m : performance.messages()) {
            if ((m.status() & 0xF0) == 0x90 && m.data2() > 0 && m.data1() >= 60) {
                int start = (int) Math.round(m.step());
                if (start < MelodyTokens.WINDOW_STEPS) melody.add(new GridNote(m.data1(), m.data2(), start, 2));
            }
        }
        tokens = MelodyTokens.encodeWindow(melody, 0);
        chroma = new float[MelodyModel.STEPS * MelodyModel.CHROMA];
        for (int step = 0; step < MelodyModel.STEPS; step++) {
            for (int pc : new int[] {0, 4, 7}) chroma[step * MelodyModel.CHROMA + pc] = 1;
        }
        latents = model.encode(tokens, chroma);
        model.setRemembering(false); // every call runs ONNX Runtime: this times the model, not its memory
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (model != null) model.close();
    }

    @Benchmark
    public MelodyLatents encode() throws OrtException {
        return model.encode(tokens, chroma);
    }

    @Benchmark
    public int[] decode() throws OrtException {
        return model.decode(latents, chroma);
    }

    /** The model call of one bar: the window in, a new window out. */
    @Benchmark
    public int[] encodeThenDecode() throws OrtException {
        return model.decode(model.encode(tokens, chroma), chroma);
    }
}
