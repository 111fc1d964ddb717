package org.analogy.train.accompaniment;

import ai.onnxruntime.OrtException;
import org.analogy.engine.model.AccompanimentModel;
import org.analogy.engine.model.ChordPredictor;
import org.analogy.engine.model.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.PredictorFeatures;
import org.analogy.train.data.AccompanimentWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Latency at batch 1 through the engine's runtimes: chord encode, texture encode and decode of one 2-bar window
 * separately and together, with 1 and 2 intra-op threads, and one predictor step.
 *
 * <pre>
 * java -cp "train/target/classes:engine/target/classes:train/target/lib/*" org.analogy.train.accompaniment.BenchmarkAccompaniment \
 *      [--bundle presets/models/accompaniment] [--predictor presets/models/predictor] [--calls 2000]
 * </pre>
 */
public final class BenchmarkAccompaniment {

    private interface Call {
        void run(int i) throws OrtException;
    }

    private BenchmarkAccompaniment() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = TrainingLog.flags(args);
        Path bundleDir = Path.of(flags.getOrDefault("bundle", "presets/models/accompaniment"));
        Path predictorDir = Path.of(flags.getOrDefault("predictor", "presets/models/predictor"));
        int calls = Integer.parseInt(flags.getOrDefault("calls", "2000"));
        Path data = Path.of(flags.getOrDefault("data", Pop909Dataset.defaultRoot().toString()));
        List<AccompanimentWindow> windows = Pop909Dataset.load(data, Split.VALIDATION).accompanimentWindows();
        if (windows.isEmpty()) throw new IllegalArgumentException(data + ": no validation songs to time with");
        ModelBundle bundle = ModelBundle.load(bundleDir);
        System.out.printf("bundle %s: %d bytes of ONNX; %d windows; %d calls after %d warm-up calls; %d cores%n",
                bundleDir, bundle.size(), windows.size(), calls, calls / 10, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-44s %10s %10s %10s%n", "batch 1 (ms)", "median", "p99", "max");
        for (int threads : new int[]{1, 2}) {
            try (AccompanimentModel model = AccompanimentModel.load(bundle, new MelodyModel.Options(threads, false, MelodyModel.Device.CPU))) {
                float[] zc = model.encodeChords(windows.get(0).chordForm());
                float[] zt = model.encodeTexture(windows.get(0).pianoRoll());
                time("chord encode, " + threads + " thread(s)", calls, i -> model.encodeChords(windows.get(i % windows.size()).chordForm()));
                time("texture encode, " + threads + " thread(s)", calls, i -> model.encodeTexture(windows.get(i % windows.size()).pianoRoll()));
                time("decode, " + threads + " thread(s)", calls, i -> model.decode(zc, zt));
                time("chord + texture encode + decode, " + threads + " thread(s)", calls, i -> {
                    AccompanimentWindow w = windows.get(i % windows.size());
                    model.decode(model.encodeChords(w.chordForm()), model.encodeTexture(w.pianoRoll()));
                });
            }
        }
        if (Files.exists(predictorDir.resolve(ModelBundle.MANIFEST))) {
            try (ChordPredictor predictor = ChordPredictor.load(ModelBundle.load(predictorDir), MelodyModel.Options.DEFAULT)) {
                float[] bar = Arrays.copyOf(PredictorSongs.runs(Pop909Dataset.load(data, Split.VALIDATION).songs()).get(0).features(0),
                        PredictorFeatures.BAR_FEATURES);
                time("predictor, one bar", calls, i -> predictor.observe(bar));
            }
        }
    }

    private static void time(String what, int calls, Call call) throws OrtException {
        for (int i = 0; i < calls / 10; i++) call.run(i);
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t = System.nanoTime();
            call.run(i);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%-44s %10.3f %10.3f %10.3f%n", what, nanos[calls / 2] / 1e6, nanos[(int) (calls * 0.99)] / 1e6, nanos[calls - 1] / 1e6);
    }
}
