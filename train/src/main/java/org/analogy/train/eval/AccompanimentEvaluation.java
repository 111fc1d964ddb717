package org.analogy.train.eval;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import ai.onnxruntime.OrtException;

import org.analogy.engine.accompaniment.AccompanimentModel;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordPredictorModel;
import org.analogy.engine.chords.PredictorFeatures;
import org.analogy.engine.model.ModelBundle;
import org.analogy.train.accompaniment.AccompanimentMetrics;
import org.analogy.train.accompaniment.PredictorMetrics;
import org.analogy.train.accompaniment.PredictorSongs;
import org.analogy.train.data.AccompanimentWindow;

/**
 * The accompaniment measures of issue 4 through the engine's runtimes (ONNX Runtime, batch 1, as on stage).
 *
 * <ul>
 *   <li>Reconstruction: decode(z_chord(w), z_texture(w)) against w's piano part, note F1 on (onset step, pitch).</li>
 *   <li>Swap: for random pairs (P, T) of windows from different places, decode(z_chord(P), z_texture(T)):
 *       chord control = share of the output's onsets on chord tones of P's chord at their beat; texture kept =
 *       F1 of the output's onset pattern (16th steps with any onset) against T's, and the note count per bar
 *       against T's.</li>
 *   <li>Reference: POP909's own piano parts against their own annotations (the chord-control ceiling).</li>
 *   <li>Predictor: next-bar root accuracy and chord-tone agreement (Jaccard) against "repeat the current chord".</li>
 * </ul>
 */
public final class AccompanimentEvaluation {

    public record Result(AccompanimentMetrics reconstruction, AccompanimentMetrics swap, AccompanimentMetrics reference, int pairs,
                         PredictorMetrics predictor, double[] latency, double[] predictorLatency) {
    }

    private AccompanimentEvaluation() {
    }

    public static Result evaluate(AccompanimentModel model, ChordPredictorModel predictor, List<AccompanimentWindow> windows,
                                  List<PredictorSongs.Run> runs, int pairs, long seed) throws OrtException {
        int n = windows.size();
        float[][] zChord = new float[n][];
        float[][] zTexture = new float[n][];
        AccompanimentMetrics reconstruction = new AccompanimentMetrics();
        AccompanimentMetrics reference = new AccompanimentMetrics();
        for (int i = 0; i < n; i++) {
            AccompanimentWindow w = windows.get(i);
            zChord[i] = model.encodeChords(w.chordForm());
            zTexture[i] = model.encodeTexture(w.pianoRoll());
            reconstruction.addReconstruction(model.decode(zChord[i], zTexture[i]), w.pianoRoll());
            reference.addChordControl(w.pianoRoll(), w.chordForm());
        }
        AccompanimentMetrics swap = new AccompanimentMetrics();
        SplittableRandom random = new SplittableRandom(seed);
        int judged = 0;
        for (int k = 0; k < pairs && n > 1; k++) {
            int p = random.nextInt(n);
            int t = random.nextInt(n);
            if (t == p) t = (t + 1) % n;
            int[][] output = model.decode(zChord[p], zTexture[t]);
            swap.addChordControl(output, windows.get(p).chordForm());
            swap.addTexture(output, windows.get(t).pianoRoll());
            judged++;
        }
        PredictorMetrics predicted = null;
        double[] predictorLatency = null;
        if (predictor != null) {
            predicted = new PredictorMetrics();
            for (PredictorSongs.Run run : runs) {
                predictor.reset();
                float[] features = run.features(0);
                for (int bar = 0; bar + 1 < run.bars(); bar++) {
                    float[] f = Arrays.copyOfRange(features, bar * PredictorFeatures.BAR_FEATURES, (bar + 1) * PredictorFeatures.BAR_FEATURES);
                    Chord guess = predictor.observe(f).beats()[0];
                    predicted.add(guess, run.chord(bar, PredictorFeatures.BEATS_PER_BAR - 1, 0), run.chord(bar + 1, 0, 0));
                }
            }
            predictorLatency = predictorLatency(predictor, runs);
        }
        return new Result(reconstruction, swap, reference, judged, predicted, latency(model, windows), predictorLatency);
    }

    /** Median, p99 and max (ms) of chord encode + texture encode + decode of one window, batch 1, after warm-up. */
    static double[] latency(AccompanimentModel model, List<AccompanimentWindow> windows) throws OrtException {
        int runs = 1000;
        long[] nanos = new long[runs];
        model.setRemembering(false); // every call runs ONNX Runtime, however few the windows
        for (int i = 0; i < 100; i++) {
            AccompanimentWindow w = windows.get(i % windows.size());
            model.decode(model.encodeChords(w.chordForm()), model.encodeTexture(w.pianoRoll()));
        }
        for (int i = 0; i < runs; i++) {
            AccompanimentWindow w = windows.get(i % windows.size());
            long t = System.nanoTime();
            model.decode(model.encodeChords(w.chordForm()), model.encodeTexture(w.pianoRoll()));
            nanos[i] = System.nanoTime() - t;
        }
        return percentiles(nanos);
    }

    static double[] predictorLatency(ChordPredictorModel predictor, List<PredictorSongs.Run> runs) throws OrtException {
        int count = 2000;
        long[] nanos = new long[count];
        float[] features = runs.get(0).features(0);
        float[] bar = Arrays.copyOf(features, PredictorFeatures.BAR_FEATURES);
        for (int i = 0; i < 200; i++) predictor.observe(bar);
        for (int i = 0; i < count; i++) {
            long t = System.nanoTime();
            predictor.observe(bar);
            nanos[i] = System.nanoTime() - t;
        }
        predictor.reset();
        return percentiles(nanos);
    }

    private static double[] percentiles(long[] nanos) {
        Arrays.sort(nanos);
        return new double[]{nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.99)] / 1e6, nanos[nanos.length - 1] / 1e6};
    }

    public static String render(Result r, ModelBundle bundle, ModelBundle predictorBundle, int songs, double seconds) {
        StringBuilder s = new StringBuilder();
        s.append("# Accompaniment model: evaluation report\n\n");
        s.append("Model `").append(bundle.modelName()).append("` from `").append(bundle.directory().getFileName())
                .append("`, evaluated ").append(LocalDate.now()).append(" with `./analogy eval accompaniment` on ")
                .append(songs).append(" songs, ").append(r.reconstruction().windows()).append(" 2-bar windows and ")
                .append(r.pairs()).append(" random (chords, texture) window pairs, through ONNX Runtime as the engine runs it, batch 1 (")
                .append(String.format("%.0f s", seconds)).append("). Onset threshold ")
                .append(bundle.manifest().at("/decoding/onsetThreshold").asText()).append(" (from the training run's validation).\n\n");
        s.append("| metric | value | target | |\n|---|---:|---:|---|\n");
        row(s, "chord control: swap output's onsets on chord tones of P at their beat", r.swap().chordToneShare(), 0.90, true);
        s.append(String.format("| … POP909's own piano parts against their annotations (reference) | %.3f | | |%n", r.reference().chordToneShare()));
        row(s, "texture kept: onset-pattern F1 of the swap output against T", r.swap().onsetPatternF1(), 0.80, true);
        row(s, "texture kept: mean relative note-count difference per bar against T", r.swap().meanRelativeCountDifference(), 0.25, false);
        s.append(String.format("| … share of bars whose note count is within 25%% of T's | %.3f | | |%n", r.swap().barsWithinQuarter()));
        row(s, "reconstruction note F1 (onset step + pitch)", r.reconstruction().noteF1(), 0.60, true);
        s.append(String.format("| … precision / recall | %.3f / %.3f | | |%n", r.reconstruction().notePrecision(), r.reconstruction().noteRecall()));
        s.append("\n## Next-bar chord predictor\n\n");
        if (r.predictor() == null) {
            s.append("No predictor bundle found: not evaluated.\n");
        } else {
            PredictorMetrics p = r.predictor();
            s.append("Model `").append(predictorBundle.modelName()).append("`, fed each run of 4/4 bars bar by bar from an empty state; ")
                    .append(p.positions()).append(" positions where the next bar's first beat has an annotated chord.\n\n");
            s.append("| | next-bar root accuracy | chord-tone agreement (Jaccard) |\n|---|---:|---:|\n");
            s.append(String.format("| predictor | %.3f | %.3f |%n", p.rootAccuracy(), p.chordToneAgreement()));
            s.append(String.format("| repeat the current chord | %.3f | %.3f |%n", p.baselineRootAccuracy(), p.baselineChordToneAgreement()));
            s.append("\nThe predictor ").append(p.rootAccuracy() > p.baselineRootAccuracy() && p.chordToneAgreement() > p.baselineChordToneAgreement()
                    ? "beats" : "does **not** beat").append(" the baseline on both measures.\n");
        }
        s.append("\n## Speed\n\n");
        double[] l = r.latency();
        s.append(String.format("Chord encode + texture encode + decode of one 2-bar window, batch 1, 1 intra-op thread, 1000 runs after "
                + "warm-up: median %.3f ms, p99 %.3f ms, max %.3f ms (targets: median ≤ 8 ms, p99 ≤ 15 ms).%n", l[0], l[1], l[2]));
        if (r.predictorLatency() != null) {
            double[] q = r.predictorLatency();
            s.append(String.format("%nPredictor, one bar, 2000 runs: median %.3f ms, p99 %.3f ms, max %.3f ms (target: median ≤ 1 ms).%n", q[0], q[1], q[2]));
        }
        return s.toString();
    }

    private static void row(StringBuilder s, String what, double value, double target, boolean atLeast) {
        boolean met = atLeast ? value >= target : value <= target;
        s.append(String.format("| %s | %.3f | %s %.2f | %s |%n", what, value, atLeast ? "≥" : "≤", target, met ? "met" : "**not met**"));
    }
}
