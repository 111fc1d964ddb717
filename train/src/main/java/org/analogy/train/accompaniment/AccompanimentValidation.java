package org.analogy.train.accompaniment;

import static org.analogy.train.accompaniment.AccompanimentConfig.BEATS;
import static org.analogy.train.accompaniment.AccompanimentConfig.CHORD_FORM;
import static org.analogy.train.accompaniment.AccompanimentConfig.OUTPUTS_PER_PITCH;
import static org.analogy.train.accompaniment.AccompanimentConfig.PITCHES;
import static org.analogy.train.accompaniment.AccompanimentConfig.ROLL_CHANNELS;
import static org.analogy.train.accompaniment.AccompanimentConfig.STEPS;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import org.analogy.engine.accompaniment.AccompanimentTensors;
import org.analogy.train.data.AccompanimentWindow;

/**
 * The quality measures computed with the DJL model during training (posterior means, no noise, no
 * shifts): reconstruction of every window, and a swap in which window i's chords meet the texture of window
 * i + n/2.
 */
final class AccompanimentValidation {

    /** Measures at the onset threshold that gave the best reconstruction note F1 ({@link #THRESHOLDS}). */
    record Result(float onsetThreshold, AccompanimentMetrics reconstruction, AccompanimentMetrics swap, double noteF1AtZero) {
        @Override
        public String toString() {
            return String.format("windows=%d threshold %.2f recon noteF1=%.4f (P %.3f R %.3f; at 0: %.4f) | swap chordTones=%.4f patternF1=%.4f barsWithin25%%=%.3f meanCountDiff=%.3f",
                    reconstruction.windows(), onsetThreshold, reconstruction.noteF1(), reconstruction.notePrecision(), reconstruction.noteRecall(), noteF1AtZero,
                    swap.chordToneShare(), swap.onsetPatternF1(), swap.barsWithinQuarter(), swap.meanRelativeCountDifference());
        }
    }

    /** Onset-logit thresholds tried; onsets are rare, so the best F1 usually sits below 0. */
    static final float[] THRESHOLDS = {-3f, -2.5f, -2f, -1.5f, -1f, -0.5f, 0f};

    private AccompanimentValidation() {
    }

    static Result run(NDManager manager, AccompanimentVae model, List<AccompanimentWindow> windows, int batchSize) {
        AccompanimentConfig c = model.config();
        int n = windows.size();
        float[] zChord = new float[n * c.chordLatent()];
        float[] zTexture = new float[n * c.textureLatent()];
        AccompanimentMetrics[] reconstructions = new AccompanimentMetrics[THRESHOLDS.length];
        for (int i = 0; i < THRESHOLDS.length; i++) reconstructions[i] = new AccompanimentMetrics();
        AccompanimentMetrics swap = new AccompanimentMetrics();
        float threshold;
        AccompanimentMetrics reconstruction;
        double noteF1AtZero;
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int from = 0; from < n; from += batchSize) {
                int size = Math.min(batchSize, n - from);
                List<AccompanimentWindow> part = windows.subList(from, from + size);
                AccompanimentBatches.Batch batch = AccompanimentBatches.batchOf(part, new int[size]);
                try (NDManager scope = manager.newSubManager()) {
                    model.weights().tempAttach(scope);
                    NDArray chords = model.encodeChords(scope.create(batch.chordForm(), new Shape(size, BEATS, CHORD_FORM)), false).mean();
                    NDArray texture = model.encodeTexture(scope.create(batch.texture(), new Shape(size, ROLL_CHANNELS, STEPS, PITCHES)), false).mean();
                    System.arraycopy(chords.toFloatArray(), 0, zChord, from * c.chordLatent(), size * c.chordLatent());
                    System.arraycopy(texture.toFloatArray(), 0, zTexture, from * c.textureLatent(), size * c.textureLatent());
                    float[] logits = model.decode(chords, texture, false).toFloatArray();
                    for (int b = 0; b < size; b++) {
                        for (int i = 0; i < THRESHOLDS.length; i++) {
                            reconstructions[i].addReconstruction(AccompanimentTensors.roll(logits, b * STEPS * PITCHES * OUTPUTS_PER_PITCH,
                                    THRESHOLDS[i]), part.get(b).pianoRoll());
                        }
                    }
                }
            }
            int best = THRESHOLDS.length - 1;
            for (int i = 0; i < THRESHOLDS.length; i++) if (reconstructions[i].noteF1() > reconstructions[best].noteF1()) best = i;
            threshold = THRESHOLDS[best];
            reconstruction = reconstructions[best];
            noteF1AtZero = reconstructions[THRESHOLDS.length - 1].noteF1();
            for (int from = 0; from < n; from += batchSize) {
                int size = Math.min(batchSize, n - from);
                float[] chordPart = new float[size * c.chordLatent()];
                float[] texturePart = new float[size * c.textureLatent()];
                for (int b = 0; b < size; b++) {
                    int chordSource = from + b;
                    int textureSource = (chordSource + n / 2) % n;
                    System.arraycopy(zChord, chordSource * c.chordLatent(), chordPart, b * c.chordLatent(), c.chordLatent());
                    System.arraycopy(zTexture, textureSource * c.textureLatent(), texturePart, b * c.textureLatent(), c.textureLatent());
                }
                try (NDManager scope = manager.newSubManager()) {
                    model.weights().tempAttach(scope);
                    float[] logits = model.decode(scope.create(chordPart, new Shape(size, c.chordLatent())),
                            scope.create(texturePart, new Shape(size, c.textureLatent())), false).toFloatArray();
                    for (int b = 0; b < size; b++) {
                        int[][] output = AccompanimentTensors.roll(logits, b * STEPS * PITCHES * OUTPUTS_PER_PITCH, threshold);
                        swap.addChordControl(output, windows.get(from + b).chordForm());
                        swap.addTexture(output, windows.get((from + b + n / 2) % n).pianoRoll());
                    }
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return new Result(threshold, reconstruction, swap, noteF1AtZero);
    }

    /** {@code limit} windows spread evenly over the list (all when it is shorter). */
    static List<AccompanimentWindow> evenlySpread(List<AccompanimentWindow> windows, int limit) {
        if (windows.size() <= limit) return windows;
        java.util.ArrayList<AccompanimentWindow> chosen = new java.util.ArrayList<>(limit);
        for (int i = 0; i < limit; i++) chosen.add(windows.get((int) ((long) i * windows.size() / limit)));
        return chosen;
    }
}
