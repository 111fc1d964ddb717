package org.analogy.train.latent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;

/**
 * Latent error of one direction of the predictor on a corpus, next to its two baselines: repeating the last
 * window's latents, and the mean latent of the training windows. Error is the mean squared difference per latent
 * value, over every position that has a target.
 */
record LatentMetrics(int positions, double mse, double repeatMse, double meanMse, double pitchMse, double rhythmMse) {

    /** One direction's predictions of a whole sequence: {@code [length * Z]}, position t predicting {@code s.target(t)}. */
    interface Predictor {
        float[] predict(LatentSequences.Sequence s) throws Exception;
    }

    static LatentMetrics ofDjl(NDManager manager, LatentPredictorNet net, LatentCorpus corpus, boolean forward, float[] mean) {
        try {
            return of(corpus, forward, mean, s -> TrainLatent.predict(manager, net, s));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static LatentMetrics of(LatentCorpus corpus, boolean forward, float[] mean, Predictor predictor) throws Exception {
        int z = corpus.zSize();
        int zp = corpus.zPitch();
        double model = 0, repeat = 0, meanErr = 0, pitch = 0, rhythm = 0;
        int positions = 0;
        for (LatentSequences.Sequence s : LatentSequences.of(corpus.runs(), forward)) {
            float[] predicted = predictor.predict(s);
            float[] all = s.run().z();
            for (int t = 0; t < s.length(); t++) {
                int next = s.target(t);
                if (next < 0) continue;
                int own = s.windows()[t];
                positions++;
                for (int i = 0; i < z; i++) {
                    float truth = all[next * z + i];
                    double e = sq(predicted[t * z + i] - truth);
                    model += e;
                    if (i < zp) pitch += e;
                    else rhythm += e;
                    repeat += sq(all[own * z + i] - truth);
                    meanErr += sq(mean[i] - truth);
                }
            }
        }
        double n = Math.max(1, positions);
        return new LatentMetrics(positions, model / n / z, repeat / n / z, meanErr / n / z, pitch / n / zp, rhythm / n / (z - zp));
    }

    /** The mean latent of every window of the corpus. */
    static float[] meanLatent(LatentCorpus corpus) {
        int z = corpus.zSize();
        double[] sum = new double[z];
        long n = 0;
        for (LatentCorpus.Run r : corpus.runs()) {
            for (int w = 0; w < r.windows(); w++) for (int i = 0; i < z; i++) sum[i] += r.z()[w * z + i];
            n += r.windows();
        }
        float[] mean = new float[z];
        for (int i = 0; i < z; i++) mean[i] = (float) (sum[i] / Math.max(1, n));
        return mean;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("positions", positions);
        m.put("latentMse", mse);
        m.put("pitchMse", pitchMse);
        m.put("rhythmMse", rhythmMse);
        m.put("repeatLastWindowMse", repeatMse);
        m.put("meanLatentMse", meanMse);
        return m;
    }

    @Override
    public String toString() {
        return String.format("mse %.4f (pitch %.4f rhythm %.4f) repeat %.4f mean %.4f over %d", mse, pitchMse, rhythmMse, repeatMse, meanMse, positions);
    }

    private static double sq(double v) {
        return v * v;
    }

    static List<String> names() {
        return List.of("latentMse", "repeatLastWindowMse", "meanLatentMse");
    }
}
