package org.analogy.train.melody;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export path on a freshly initialised small model, so it is checked on every build whether or not a
 * trained model exists: ONNX Runtime on the exported graphs must agree with the DJL model on the same weights.
 */
class MelodyOnnxExportTest {

    private static final MelodyVaeConfig SMALL = new MelodyVaeConfig(24, 20, 28, 6, 5);

    @Test
    void exportedEncoderAndGreedyDecoderMatchDjlOnTheSameWeights() throws OrtException {
        int batch = 3;
        SplittableRandom random = new SplittableRandom(11);
        int[] tokens = new int[batch * 32];
        float[] chroma = new float[batch * 32 * 12];
        for (int i = 0; i < tokens.length; i++) tokens[i] = random.nextInt(4) == 0 ? 60 + random.nextInt(12) : 128 + random.nextInt(2);
        for (int i = 0; i < chroma.length; i++) chroma[i] = random.nextInt(3) == 0 ? 1f : 0f;

        try (NDManager manager = NDManager.newBaseManager()) {
            MelodyVaeWeights weights = MelodyVaeWeights.initialise(manager, SMALL, 5);
            DjlReference reference = DjlReference.run(manager, new MelodyVae(weights), tokens, chroma, batch);
            Map<String, float[]> values = weights.toFloatArrays();

            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession encoder = env.createSession(MelodyOnnxExport.encoder(SMALL, values).toByteArray());
                 OrtSession decoder = env.createSession(MelodyOnnxExport.decoder(SMALL, values).toByteArray());
                 OnnxTensor tokenTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(longs(tokens)), new long[]{batch, 32});
                 OnnxTensor chromaTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(chroma), new long[]{batch, 32, 12});
                 OrtSession.Result encoded = encoder.run(Map.of("tokens", tokenTensor, "chroma", chromaTensor))) {
                float[][] pitch = (float[][]) encoded.get("z_pitch").orElseThrow().getValue();
                float[][] rhythm = (float[][]) encoded.get("z_rhythm").orElseThrow().getValue();
                assertClose(flatten(pitch), reference.pitch(), 1e-4f);
                assertClose(flatten(rhythm), reference.rhythm(), 1e-4f);

                try (OnnxTensor zPitch = OnnxTensor.createTensor(env, pitch);
                     OnnxTensor zRhythm = OnnxTensor.createTensor(env, rhythm);
                     OrtSession.Result decoded = decoder.run(Map.of("z_pitch", zPitch, "z_rhythm", zRhythm, "chroma", chromaTensor))) {
                    long[][] decodedTokens = (long[][]) decoded.get("tokens").orElseThrow().getValue();
                    float[][][] logits = (float[][][]) decoded.get("token_logits").orElseThrow().getValue();
                    int[] flatTokens = new int[batch * 32];
                    for (int b = 0; b < batch; b++) for (int t = 0; t < 32; t++) flatTokens[b * 32 + t] = (int) decodedTokens[b][t];
                    assertThat(flatTokens).containsExactly(reference.tokens());
                    float[] flatLogits = new float[batch * 32 * 130];
                    for (int b = 0; b < batch; b++) for (int t = 0; t < 32; t++) System.arraycopy(logits[b][t], 0, flatLogits, (b * 32 + t) * 130, 130);
                    assertClose(flatLogits, reference.logits(), 1e-4f);
                }
            }
        }
    }

    @Test
    void gateBlocksAreSwappedFromPyTorchToOnnxOrder() {
        float[] rzn = {1, 1, 2, 2, 3, 3};   // hidden 2, one column: r rows, z rows, n rows
        assertThat(MelodyOnnxExport.swapResetAndUpdate(rzn, 2)).containsExactly(2, 2, 1, 1, 3, 3);
    }

    static void assertClose(float[] actual, float[] expected, float tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        float worst = 0;
        for (int i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        assertThat(worst).as("max abs difference").isLessThanOrEqualTo(tolerance);
    }

    private static float[] flatten(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, out, i * rows[0].length, rows[0].length);
        return out;
    }

    private static long[] longs(int[] ints) {
        long[] out = new long[ints.length];
        for (int i = 0; i < ints.length; i++) out[i] = ints[i];
        return out;
    }
}
