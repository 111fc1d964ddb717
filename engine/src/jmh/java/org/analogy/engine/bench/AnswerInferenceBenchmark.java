package org.analogy.engine.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.analogy.engine.latent.LatentFeatures;
import org.analogy.engine.latent.LatentPredictorModel;
import org.analogy.engine.latent.MelodyContinuation;
import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.render.SyntheticPerformance;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.time.Meter;

/**
 * What answer mode costs on the inference thread (ONNX Runtime, one intra-op thread, as live), with the shipped
 * melody model and latent predictor: {@code answerStart} — the bar an answer begins: four context windows encoded,
 * the forward predictor over them, the first window decoded; {@code answerNextWindow} — each further 2-bar window:
 * one predictor step and one decode; {@code predictorStep} — the predictor's call alone. Without the bundles setup
 * fails with a message and JMH goes on with the other benchmarks.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class AnswerInferenceBenchmark {

    private MelodyModel melody;
    private LatentPredictorModel predictor;
    private MelodyContinuation continuation;
    private final List<int[]> tokens = new ArrayList<>();
    private float[] chroma;
    private MelodyContinuation.Chain chain;
    private MelodyContinuation.Target target;
    private float[] oneWindow;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path melodyDir = ModelStore.bundleDir("melody");
        Path latentDir = ModelStore.bundleDir("latent");
        for (Path dir : new Path[]{melodyDir, latentDir}) {
            if (!Files.isRegularFile(dir.resolve(ModelBundle.MANIFEST))) throw new IllegalStateException("skipped: no bundle at " + dir);
        }
        melody = MelodyModel.load(ModelBundle.load(melodyDir), MelodyModel.Options.DEFAULT);
        predictor = LatentPredictorModel.load(ModelBundle.load(latentDir), MelodyModel.Options.DEFAULT);
        continuation = new MelodyContinuation(predictor);
        List<GridNote> line = new ArrayList<>();
        var performance = SyntheticPerformance.generate(Meter.FOUR_FOUR, 8, 120, 3);
        for (var m : performance.messages()) {
            if ((m.status() & 0xF0) == 0x90 && m.data2() > 0 && m.data1() >= 60) line.add(new GridNote(m.data1(), m.data2(), (int) Math.round(m.step()), 2));
        }
        for (int w = 0; w < 4; w++) tokens.add(MelodyTokens.encodeWindow(line, w * MelodyTokens.WINDOW_STEPS));
        chroma = new float[MelodyModel.STEPS * MelodyModel.CHROMA];
        for (int step = 0; step < MelodyModel.STEPS; step++) for (int pc : new int[]{0, 4, 7}) chroma[step * MelodyModel.CHROMA + pc] = 1;
        target = new MelodyContinuation.Target(LatentFeatures.barChroma(chroma), 8);
        chain = start();
        oneWindow = new float[predictor.features()];
        LatentFeatures.write(chain.latest(), target.chroma(), target.chroma(), 8, oneWindow, 0);
    }

    private MelodyContinuation.Chain start() throws Exception {
        List<MelodyContinuation.Window> context = new ArrayList<>();
        for (int w = 0; w < tokens.size(); w++) context.add(MelodyContinuation.encode(melody, tokens.get(w), chroma, 2L * w));
        return continuation.begin(LatentPredictorModel.Direction.FORWARD, context, target);
    }

    @Benchmark
    public int[] answerStart() throws Exception {
        return melody.decode(start().latest(), chroma);
    }

    @Benchmark
    public int[] answerNextWindow() throws Exception {
        MelodyLatents z = chain.next(target);
        return melody.decode(z, chroma);
    }

    @Benchmark
    public LatentPredictorModel.Step predictorStep() throws Exception {
        return predictor.run(LatentPredictorModel.Direction.FORWARD, oneWindow, 1, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (predictor != null) predictor.close();
        if (melody != null) melody.close();
    }
}
