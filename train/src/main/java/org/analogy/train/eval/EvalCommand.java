package org.analogy.train.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelStore;
import org.analogy.train.data.MelodyWindow;
import org.analogy.train.data.Pop909Dataset;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measures a shipped model on every POP909-layout song folder in --data (no split applied) and",
                "writes a report. For the shipped report, --data holds the validation songs 851–880.",
                "'eval accompany' renders the held-out songs 851–880 found in --data in accompany mode instead, with",
                "whatever accompaniment and predictor bundles are installed (else their rule-based stand-ins).",
                "'eval harmony' measures online chords against the melody (note-in-chord ratio, clashes, variety, recovery,",
                "cold start) on POP909's songs 851–880 or the lead sheets' validation part, whichever --data holds.",
                "'eval inpaint' fills gaps of 2 and 4 bars in POP909's songs 851–880 (POP909 root in --data) with the latent predictor and",
                "compares them with linear latent interpolation and copying the bars before."})
public final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "Which model: melody, accompaniment, accompany (the live mode end to end), harmony (online chords) or inpaint (filling bars from both sides, POP909 851–880).")
    String which;

    @Option(names = "--data", required = true, paramLabel = "DIR") Path data;
    @Option(names = "--model", paramLabel = "DIR", description = "Bundle to evaluate (default: presets/models/<MODEL>; accompany: the accompaniment bundle, default presets/models/accompaniment when installed).") Path model;
    @Option(names = "--predictor", paramLabel = "DIR", description = "accompaniment, accompany: chord predictor bundle (default: presets/models/predictor; when absent, skipped / 'repeat the current chord').") Path predictor;
    @Option(names = "--report", paramLabel = "FILE.md", description = "Write the report here (default: print it).") Path report;
    @Option(names = "--pairs", defaultValue = "2000", description = "Random window pairs for the swap metrics (default: ${DEFAULT-VALUE}).") int pairs;
    @Option(names = "--seed", defaultValue = "7") long seed;
    @Option(names = "--presets", split = ",", defaultValue = "ballad", paramLabel = "NAME",
            description = "accompany: the presets whose texture accompanies; harmony: the first of them (default: ${DEFAULT-VALUE}).") List<String> presets;
    @Option(names = "--songs", paramLabel = "FIRST-LAST", description = "harmony: POP909 song numbers to play instead of the validation songs 851–880 (e.g. 801-850, training songs, to tune on).") String songRange;
    @Option(names = "--no-baselines", description = "harmony: measure only the annotated chords and the shipped system (quicker, for tuning on training songs).") boolean noBaselines;
    @Option(names = "--follower-weights", paramLabel = "NAME=X,...", description = "harmony: measure the harmony follower with these score weights instead of its own (to tune on training songs with --songs; names as in HarmonyFollower.Weights).") String followerWeights;
    @Option(names = "--latent-model", paramLabel = "DIR", description = "inpaint: the latent predictor bundle (default: presets/models/latent).") Path latent;
    @Option(names = "--max-songs", defaultValue = "30", description = "accompany: at most this many held-out songs (default: ${DEFAULT-VALUE}).") int maxSongs;

    @Override
    public Integer call() throws Exception {
        if (which.equals("accompaniment")) return accompaniment();
        if (which.equals("accompany")) return write(AccompanyReport.run(data, model, predictor, presets, maxSongs));
        if (which.equals("harmony")) return write(HarmonyReport.run(data, model, predictor, presets.get(0), songRange, !noBaselines, followerWeights));
        if (which.equals("inpaint")) {
            return write(InpaintEvaluation.run(data, model != null ? model : ModelStore.bundleDir("melody"),
                    latent != null ? latent : ModelStore.bundleDir("latent")));
        }
        if (!which.equals("melody")) throw new IllegalArgumentException("eval " + which + ": choose melody, accompaniment, accompany, harmony or inpaint");
        long started = System.nanoTime();
        Pop909Dataset dataset = Pop909Dataset.load(data, song -> true);
        List<MelodyWindow> windows = dataset.melodyWindows();
        if (windows.isEmpty()) throw new IllegalArgumentException(data + ": no POP909 song folders with 4/4 melody windows");
        Path bundleDir = model != null ? model : ModelStore.bundleDir("melody");
        ModelBundle bundle = ModelBundle.load(bundleDir);
        try (MelodyModel melody = MelodyModel.load(bundle, MelodyModel.Options.DEFAULT)) {
            MelodyEvaluation.Result r = new MelodyEvaluation(melody).evaluate(windows, pairs, seed);
            double[] latency = latency(melody, windows);
            String text = render(r, latency, bundle, dataset.songs().size(), (System.nanoTime() - started) / 1e9);
            if (report == null) {
                System.out.println(text);
            } else {
                Files.writeString(report, text);
                System.out.println("report → " + report);
            }
        }
        return 0;
    }

    private Integer accompaniment() throws Exception {
        long started = System.nanoTime();
        Pop909Dataset dataset = Pop909Dataset.load(data, song -> true);
        List<org.analogy.train.data.AccompanimentWindow> windows = dataset.accompanimentWindows();
        if (windows.isEmpty()) throw new IllegalArgumentException(data + ": no POP909 song folders with 4/4 piano windows");
        ModelBundle bundle = ModelBundle.load(model != null ? model : ModelStore.bundleDir("accompaniment"));
        java.nio.file.Path predictorDir = predictor != null ? predictor : ModelStore.bundleDir("predictor");
        ModelBundle predictorBundle = predictor != null || Files.exists(predictorDir.resolve(ModelBundle.MANIFEST)) ? ModelBundle.load(predictorDir) : null;
        try (org.analogy.engine.accompaniment.AccompanimentModel accompaniment =
                     org.analogy.engine.accompaniment.AccompanimentModel.load(bundle, MelodyModel.Options.DEFAULT);
             org.analogy.engine.chords.ChordPredictorModel chords = predictorBundle == null ? null
                     : org.analogy.engine.chords.ChordPredictorModel.load(predictorBundle, MelodyModel.Options.DEFAULT)) {
            AccompanimentEvaluation.Result r = AccompanimentEvaluation.evaluate(accompaniment, chords, windows,
                    org.analogy.train.accompaniment.PredictorSongs.runs(dataset.songs()), pairs, seed);
            String text = AccompanimentEvaluation.render(r, bundle, predictorBundle, dataset.songs().size(), (System.nanoTime() - started) / 1e9);
            if (report == null) {
                System.out.println(text);
            } else {
                Files.writeString(report, text);
                System.out.println("report → " + report);
            }
        }
        return 0;
    }

    private Integer write(String text) throws java.io.IOException {
        if (report == null) {
            System.out.println(text);
        } else {
            Files.writeString(report, text);
            System.out.println(text);
            System.out.println("report → " + report);
        }
        return 0;
    }

    /** Median, p99 and max of encode + decode of one window, batch 1, after a warm-up. */
    static double[] latency(MelodyModel model, List<MelodyWindow> windows) throws Exception {
        int runs = 2000;
        long[] nanos = new long[runs];
        model.setRemembering(false); // every call runs ONNX Runtime, however few the windows
        for (int i = 0; i < 200; i++) model.decode(model.encode(windows.get(i % windows.size()).tokens(), windows.get(i % windows.size()).chroma()), windows.get(0).chroma());
        for (int i = 0; i < runs; i++) {
            MelodyWindow w = windows.get(i % windows.size());
            long t = System.nanoTime();
            MelodyLatents z = model.encode(w.tokens(), w.chroma());
            model.decode(z, w.chroma());
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return new double[] {nanos[runs / 2] / 1e6, nanos[(int) (runs * 0.99)] / 1e6, nanos[runs - 1] / 1e6};
    }

    static String render(MelodyEvaluation.Result r, double[] latency, ModelBundle bundle, int songs, double seconds) {
        StringBuilder s = new StringBuilder();
        s.append("# Melody model: evaluation report\n\n");
        s.append("Model `").append(bundle.modelName()).append("` from `").append(bundle.directory().getFileName())
                .append("`, evaluated ").append(LocalDate.now()).append(" with `./analogy eval melody` on ")
                .append(songs).append(" songs, ").append(r.windows()).append(" 2-bar windows, ")
                .append(r.pairs()).append(" random window pairs, through ONNX Runtime as the engine runs it (")
                .append(String.format("%.0f s", seconds)).append(").\n\n");
        s.append("| metric | value | target | |\n|---|---:|---:|---|\n");
        row(s, "reconstruction token accuracy (greedy, no teacher forcing)", r.reconstructionAccuracy(), 0.90);
        s.append(String.format("| … of which on onset steps | %.3f | | |%n", r.reconstructionOnsetAccuracy()));
        row(s, "rhythm swap: output has B's onset pattern (share of steps)", r.rhythmSwapOnsetMatch(), 0.90);
        row(s, "pitch kept: output's pitch classes closer to A than to B (share of pairs)", r.pitchKeptShare(), 0.80);
        s.append(String.format("| contour kept: correlation of the output's pitch curve with A's (pitch of the latest onset per 16th; %d pairs) | %.3f | | |%n",
                r.contourPairs(), r.contourCorrelation()));
        s.append(String.format("| … the rule \"A's pitch at each of B's onsets\", same pairs | %.3f | | |%n", r.ruleContourCorrelation()));
        row(s, "chord conditioning: strong-beat onsets on the new chords' tones", r.chordToneShare(), 0.75);
        s.append(String.format("| … same latents under their own chords, judged against the new ones (chance level) | %.3f | | |%n",
                r.chordToneShareUnconditioned()));
        s.append(String.format("| … the songs' own melodies on their own chords (what POP909's composers do) | %.3f | | |%n",
                r.chordToneShareOfSongs()));
        s.append("\nStrong beats are beats 1 and 3 of each bar (").append(r.strongBeatOnsets())
                .append(" onsets under a new progression were judged).\n\n");
        s.append("## Interpretability: what transposition moves\n\n");
        s.append("Mean latent distance per dimension between a melody and its transposition (chords transposed with it).\n\n");
        s.append("| interval (semitones) | Δ z_pitch | Δ z_rhythm | ratio | windows |\n|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<Integer, double[]> e : r.transposition().entrySet()) {
            double[] v = e.getValue();
            s.append(String.format("| %d | %.4f | %.4f | %.1f | %.0f |%n", e.getKey(), v[0], v[1], v[0] / Math.max(1e-12, v[1]), v[2]));
        }
        s.append("\n## Speed\n\n");
        s.append(String.format("Encode + greedy decode of one window, batch 1, 1 intra-op thread, 2000 runs after warm-up: "
                + "median %.3f ms, p99 %.3f ms, max %.3f ms (targets: median ≤ 3 ms, p99 ≤ 6 ms).%n", latency[0], latency[1], latency[2]));
        return s.toString();
    }

    private static void row(StringBuilder s, String what, double value, double target) {
        s.append(String.format("| %s | %.3f | ≥ %.2f | %s |%n", what, value, target, value >= target ? "met" : "**not met**"));
    }
}
