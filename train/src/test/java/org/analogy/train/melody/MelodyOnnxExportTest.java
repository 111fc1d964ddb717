package org.analogy.train.melody;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OrtException;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export path on a freshly initialised small model, so it is checked on every build whether or not a
 * trained model exists: ONNX Runtime on the exported graphs must agree with the DJL model on the same weights,
 * at batch 1 and at a larger batch (the batch dimension is symbolic).
 */
class MelodyOnnxExportTest {

    private static final MelodyVaeConfig SMALL = new MelodyVaeConfig(24, 20, 28, 6, 5);

    @Test
    void exportedEncoderAndGreedyDecoderMatchDjlOnTheSameWeights() throws OrtException {
        try (NDManager manager = NDManager.newBaseManager()) {
            MelodyVae model = new MelodyVae(MelodyVaeWeights.initialise(manager, SMALL, 5));
            byte[] encoder = MelodyOnnxExport.encoder(SMALL, model.weights().toFloatArrays()).toByteArray();
            byte[] decoder = MelodyOnnxExport.decoder(SMALL, model.weights().toFloatArrays()).toByteArray();
            for (int batch : new int[]{1, 3}) {
                int[] tokens = new int[batch * 32];
                float[] chroma = new float[batch * 32 * 12];
                randomWindows(new SplittableRandom(batch), tokens, chroma);

                MelodyParity.Report report = MelodyParity.compare(manager, model, encoder, decoder, tokens, chroma, batch);

                assertThat(report.maxLatentDifference()).as("latents, batch %d", batch).isLessThanOrEqualTo(1e-4f);
                assertThat(report.maxLogitDifference()).as("logits, batch %d", batch).isLessThanOrEqualTo(1e-4f);
                assertThat(report.tokensIdentical()).as("greedy tokens, batch %d: %s", batch, report).isTrue();
            }
        }
    }

    @Test
    void gateBlocksAreSwappedFromPyTorchToOnnxOrder() {
        float[] rzn = {1, 1, 2, 2, 3, 3};   // hidden 2, one column: r rows, z rows, n rows
        assertThat(org.analogy.train.onnx.TrainedLayers.swapResetAndUpdate(rzn, 2)).containsExactly(2, 2, 1, 1, 3, 3);
    }

    private static void randomWindows(SplittableRandom random, int[] tokens, float[] chroma) {
        for (int i = 0; i < tokens.length; i++) tokens[i] = random.nextInt(4) == 0 ? 60 + random.nextInt(12) : 128 + random.nextInt(2);
        for (int i = 0; i < chroma.length; i++) chroma[i] = random.nextInt(3) == 0 ? 1f : 0f;
    }
}
