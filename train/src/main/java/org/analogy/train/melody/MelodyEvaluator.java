package org.analogy.train.melody;

import static org.analogy.train.melody.MelodyVaeConfig.CHROMA;
import static org.analogy.train.melody.MelodyVaeConfig.STEPS;
import static org.analogy.train.melody.MelodyVaeConfig.TOKENS;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import org.analogy.engine.melody.MelodyTokens;
import org.analogy.train.data.MelodyWindow;

/**
 * Greedy reconstruction quality: encode each window to its posterior means, decode with no teacher at all
 * (the model's own rhythm and tokens fed back, as on stage), and count matching tokens.
 */
public final class MelodyEvaluator {

    /** Token accuracy over all steps, rhythm-class accuracy, and accuracy at onset steps only (pitch). */
    public record Accuracy(int windows, double tokens, double rhythm, double onsetPitch) {
        @Override
        public String toString() {
            return String.format("windows=%d token=%.4f rhythm=%.4f onset-pitch=%.4f", windows, tokens, rhythm, onsetPitch);
        }
    }

    private MelodyEvaluator() {
    }

    public static Accuracy greedy(NDManager manager, MelodyVae model, List<MelodyWindow> windows, int batchSize) {
        long tokenHits = 0, rhythmHits = 0, onsets = 0, onsetHits = 0;
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int from = 0; from < windows.size(); from += batchSize) {
                List<MelodyWindow> part = windows.subList(from, Math.min(windows.size(), from + batchSize));
                int b = part.size();
                int[] tokens = new int[b * STEPS];
                float[] chroma = new float[b * STEPS * CHROMA];
                for (int i = 0; i < b; i++) {
                    System.arraycopy(part.get(i).tokens(), 0, tokens, i * STEPS, STEPS);
                    System.arraycopy(part.get(i).chroma(), 0, chroma, i * STEPS * CHROMA, STEPS * CHROMA);
                }
                int[] rhythm = MelodyTokens.rhythm(tokens);
                try (NDManager scope = manager.newSubManager()) {
                    model.weights().tempAttach(scope);
                    NDArray oneHot = scope.create(OneHots.of(tokens, TOKENS), new Shape(b, STEPS, TOKENS));
                    NDArray chromaArray = scope.create(chroma, new Shape(b, STEPS, CHROMA));
                    MelodyVae.Posterior posterior = model.encode(oneHot, chromaArray, false);
                    MelodyVae.Decoded decoded = model.decodeGreedy(posterior.pitchMean(), posterior.rhythmMean(), chromaArray);
                    for (int i = 0; i < tokens.length; i++) {
                        if (decoded.tokens()[i] == tokens[i]) tokenHits++;
                        if (decoded.rhythm()[i] == rhythm[i]) rhythmHits++;
                        if (tokens[i] < MelodyTokens.HOLD) {
                            onsets++;
                            if (decoded.tokens()[i] == tokens[i]) onsetHits++;
                        }
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(previous);
        }
        double steps = (double) windows.size() * STEPS;
        return new Accuracy(windows.size(), tokenHits / steps, rhythmHits / steps, onsets == 0 ? 0 : (double) onsetHits / onsets);
    }

    /** A fixed, evenly spread subset of at most {@code limit} windows, so every validation pass sees the same ones. */
    public static List<MelodyWindow> evenlySpread(List<MelodyWindow> windows, int limit) {
        if (windows.size() <= limit) return windows;
        List<MelodyWindow> subset = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) subset.add(windows.get((int) ((long) i * windows.size() / limit)));
        return subset;
    }
}
