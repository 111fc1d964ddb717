package org.analogy.train.accompaniment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OrtException;
import org.junit.jupiter.api.Test;

import org.analogy.engine.accompaniment.AccompanimentTensors;
import org.analogy.train.nn.NamedWeights;

/**
 * The export path on a freshly initialised small model, checked on every build whether or not a trained model
 * exists: ONNX Runtime on the three exported graphs must agree with the DJL model on the same weights, at
 * batch 1 and at a larger batch (the batch dimension is symbolic).
 */
class AccompanimentOnnxExportTest {

    static final AccompanimentConfig SMALL = new AccompanimentConfig(10, 6, 3, 12, 9, 5, 14, 20);

    @Test
    void exportedGraphsMatchDjlOnTheSameWeights() throws OrtException {
        try (NDManager manager = NDManager.newBaseManager()) {
            AccompanimentVae model = new AccompanimentVae(NamedWeights.initialise(manager, SMALL.layout(), 3), SMALL);
            var w = model.weights().toFloatArrays();
            byte[] chord = AccompanimentOnnxExport.chordEncoder(SMALL, w).toByteArray();
            byte[] texture = AccompanimentOnnxExport.textureEncoder(SMALL, w).toByteArray();
            byte[] decoder = AccompanimentOnnxExport.decoder(SMALL, w).toByteArray();
            for (int batch : new int[]{1, 3}) {
                float[] chordForm = new float[batch * 8 * 36];
                float[] textureInput = new float[batch * AccompanimentTensors.TEXTURE_INPUT_SIZE];
                randomWindows(new SplittableRandom(batch), chordForm, textureInput, batch);

                AccompanimentParity.Report report = AccompanimentParity.compare(manager, model, chord, texture, decoder,
                        chordForm, textureInput, batch, 0f);

                assertThat(report.maxChordLatentDifference()).as("z_chord, batch %d", batch).isLessThanOrEqualTo(1e-4f);
                assertThat(report.maxTextureLatentDifference()).as("z_texture, batch %d", batch).isLessThanOrEqualTo(1e-4f);
                assertThat(report.maxLogitDifference()).as("logits, batch %d", batch).isLessThanOrEqualTo(1e-4f);
                assertThat(report.rollsIdentical()).as("thresholded notes, batch %d: %s", batch, report).isTrue();
            }
        }
    }

    @Test
    void gateBlocksAreSwappedFromPyTorchToOnnxOrder() {
        float[] rzn = {1, 1, 2, 2, 3, 3};
        assertThat(org.analogy.train.onnx.TrainedLayers.swapResetAndUpdate(rzn, 2)).containsExactly(2, 2, 1, 1, 3, 3);
    }

    static void randomWindows(SplittableRandom random, float[] chordForm, float[] texture, int batch) {
        for (int b = 0; b < batch; b++) {
            for (int beat = 0; beat < 8; beat++) {
                int root = random.nextInt(12);
                int base = (b * 8 + beat) * 36;
                chordForm[base + root] = 1f;
                chordForm[base + 12 + root] = 1f;
                chordForm[base + 12 + (root + 4) % 12] = 1f;
                chordForm[base + 12 + (root + 7) % 12] = 1f;
                chordForm[base + 24 + root] = 1f;
            }
            int[][] roll = new int[32][128];
            for (int i = 0; i < 40; i++) roll[random.nextInt(32)][36 + random.nextInt(60)] = 1 + random.nextInt(16);
            AccompanimentTensors.textureInput(roll, 0, texture, b * AccompanimentTensors.TEXTURE_INPUT_SIZE);
        }
    }
}
