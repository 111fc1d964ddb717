package org.analogy.train.melody;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.analogy.engine.model.MelodyLatents;
import org.analogy.engine.model.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.train.data.MelodyWindow;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Latency of one window's encode + full greedy decode at batch 1: ONNX Runtime through the engine's
 * {@link MelodyModel} (1 and 2 intra-op threads, spinning off and on) and DJL on the same weights.
 *
 * <pre>
 * java -cp "train/target/classes:engine/target/classes:train/target/lib/*" org.analogy.train.melody.BenchmarkMelody \
 *      [--bundle presets/models/melody] [--checkpoint runs/melody/checkpoint.bin] [--calls 2000] [--djl-calls 200]
 * </pre>
 * Windows are the validation songs' when POP909 is present, otherwise a fixed synthetic melody.
 */
public final class BenchmarkMelody {

    private BenchmarkMelody() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = TrainMelody.parse(args);
        Path bundleDir = Path.of(flags.getOrDefault("bundle", "presets/models/melody"));
        Path checkpoint = Path.of(flags.getOrDefault("checkpoint", "runs/melody/checkpoint.bin"));
        int calls = Integer.parseInt(flags.getOrDefault("calls", "2000"));
        int djlCalls = Integer.parseInt(flags.getOrDefault("djl-calls", "200"));
        Path data = Path.of(flags.getOrDefault("data", Pop909Dataset.defaultRoot().toString()));
        List<MelodyWindow> windows = Files.isDirectory(data)
                ? Pop909Dataset.load(data, Split.VALIDATION).melodyWindows()
                : List.of(syntheticWindow());

        ModelBundle bundle = ModelBundle.load(bundleDir);
        System.out.printf("bundle %s: %d bytes of ONNX; %d windows; %d calls after %d warm-up calls%n",
                bundleDir, bundle.size(), windows.size(), calls, calls / 10);
        double ortMedian = Double.NaN;
        for (int threads : new int[]{1, 2}) {
            for (boolean spinning : new boolean[]{false, true}) {
                if (threads == 1 && spinning) continue;   // spinning only concerns worker threads
                try (MelodyModel model = MelodyModel.load(bundle, new MelodyModel.Options(threads, spinning, MelodyModel.Device.CPU))) {
                    for (int i = 0; i < calls / 10; i++) roundTrip(model, windows.get(i % windows.size()));
                    long[] total = new long[calls];
                    long[] encodeOnly = new long[calls];
                    for (int i = 0; i < calls; i++) {
                        MelodyWindow w = windows.get(i % windows.size());
                        long t0 = System.nanoTime();
                        MelodyLatents latents = model.encode(w.tokens(), w.chroma());
                        long t1 = System.nanoTime();
                        model.decode(latents, w.chroma());
                        long t2 = System.nanoTime();
                        total[i] = t2 - t0;
                        encodeOnly[i] = t1 - t0;
                    }
                    System.out.printf("ORT  threads=%d spinning=%-5s encode+decode median %.3f ms p99 %.3f ms max %.3f ms (encode median %.3f ms)%n",
                            threads, spinning, percentile(total, 50), percentile(total, 99), percentile(total, 100), percentile(encodeOnly, 50));
                    if (threads == 1) ortMedian = percentile(total, 50);
                }
            }
        }

        if (!Files.exists(checkpoint)) {
            System.out.println("no checkpoint at " + checkpoint + ": DJL comparison skipped");
            return;
        }
        Checkpoint restored = Checkpoint.load(checkpoint);
        Engine.getInstance();
        JniUtils.setGradMode(false);
        try (NDManager manager = NDManager.newBaseManager()) {
            MelodyVae djl = new MelodyVae(MelodyVaeWeights.of(manager, restored.config(), restored.weights()));
            long[] times = new long[djlCalls];
            for (int i = -djlCalls / 10; i < djlCalls; i++) {
                MelodyWindow w = windows.get(Math.floorMod(i, windows.size()));
                long t0 = System.nanoTime();
                try (NDManager scope = manager.newSubManager()) {
                    djl.weights().tempAttach(scope);
                    NDArray oneHot = scope.create(OneHots.of(w.tokens(), MelodyVaeConfig.TOKENS), new Shape(1, 32, MelodyVaeConfig.TOKENS));
                    NDArray chroma = scope.create(w.chroma(), new Shape(1, 32, 12));
                    MelodyVae.Posterior posterior = djl.encode(oneHot, chroma, false);
                    djl.decodeGreedy(posterior.pitchMean(), posterior.rhythmMean(), chroma);
                }
                if (i >= 0) times[i] = System.nanoTime() - t0;
            }
            double djlMedian = percentile(times, 50);
            System.out.printf("DJL  threads=%s encode+decode median %.3f ms p99 %.3f ms (%.1f× the ORT 1-thread median)%n",
                    System.getProperty("ai.djl.pytorch.num_threads", "default"), djlMedian, percentile(times, 99), djlMedian / ortMedian);
        }
    }

    private static void roundTrip(MelodyModel model, MelodyWindow w) throws Exception {
        model.decode(model.encode(w.tokens(), w.chroma()), w.chroma());
    }

    /** Percentile of nanosecond samples, in milliseconds (nearest rank). */
    static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }

    private static MelodyWindow syntheticWindow() {
        int[] tokens = new int[32];
        float[] chroma = new float[32 * 12];
        for (int t = 0; t < 32; t++) {
            tokens[t] = t % 4 == 0 ? 60 + (t / 4) % 8 : 128;
            for (int pc : new int[]{0, 4, 7}) chroma[t * 12 + pc] = 1f;
        }
        return new MelodyWindow("synthetic", 0, tokens, chroma);
    }
}
