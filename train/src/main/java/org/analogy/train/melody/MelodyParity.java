package org.analogy.train.melody;

import static org.analogy.train.run.BundleExport.maxDifference;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
/**
 * Runs the same windows through the DJL model and through ONNX Runtime on the exported graphs, and reports how
 * far apart they are: latents, decoder logits (decoded from ORT's own latents) and greedy tokens.
 */
public final class MelodyParity {

    /** Largest absolute differences, and how many of {@code steps} greedy tokens are identical. */
    public record Report(int windows, float maxLatentDifference, float maxLogitDifference, int identicalTokens, int steps) {
        public boolean tokensIdentical() {
            return identicalTokens == steps;
        }

        @Override
        public String toString() {
            return String.format("windows=%d max|Δlatent|=%.3g max|Δlogit|=%.3g identical tokens %d/%d",
                    windows, maxLatentDifference, maxLogitDifference, identicalTokens, steps);
        }
    }

    private MelodyParity() {
    }

    /** {@code tokens[batch*32]}, {@code chroma[batch*32*12]}. */
    public static Report compare(NDManager manager, MelodyVae model, byte[] encoderOnnx, byte[] decoderOnnx,
                                 int[] tokens, float[] chroma, int batch) throws OrtException {
        DjlReference reference = DjlReference.run(manager, model, tokens, chroma, batch);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] longTokens = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) longTokens[i] = tokens[i];
        try (OrtSession encoder = env.createSession(encoderOnnx);
             OrtSession decoder = env.createSession(decoderOnnx);
             OnnxTensor tokenTensor = OnnxTensor.createTensor(env, LongBuffer.wrap(longTokens), new long[]{batch, 32});
             OnnxTensor chromaTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(chroma), new long[]{batch, 32, 12});
             OrtSession.Result encoded = encoder.run(Map.of(MelodyOnnxExport.TOKENS_INPUT, tokenTensor, MelodyOnnxExport.CHROMA_INPUT, chromaTensor))) {
            OnnxTensor pitch = (OnnxTensor) encoded.get(MelodyOnnxExport.PITCH_LATENT).orElseThrow();
            OnnxTensor rhythm = (OnnxTensor) encoded.get(MelodyOnnxExport.RHYTHM_LATENT).orElseThrow();
            float latentDifference = Math.max(
                    maxDifference(pitch.getFloatBuffer(), reference.pitch()),
                    maxDifference(rhythm.getFloatBuffer(), reference.rhythm()));
            try (OrtSession.Result decoded = decoder.run(Map.of(MelodyOnnxExport.PITCH_LATENT, pitch,
                    MelodyOnnxExport.RHYTHM_LATENT, rhythm, MelodyOnnxExport.CHROMA_INPUT, chromaTensor))) {
                LongBuffer ortTokens = ((OnnxTensor) decoded.get(MelodyOnnxExport.TOKENS_OUTPUT).orElseThrow()).getLongBuffer();
                FloatBuffer ortLogits = ((OnnxTensor) decoded.get(MelodyOnnxExport.LOGITS_OUTPUT).orElseThrow()).getFloatBuffer();
                int identical = 0;
                for (int i = 0; i < tokens.length; i++) if (ortTokens.get(i) == reference.tokens()[i]) identical++;
                return new Report(batch, latentDifference, maxDifference(ortLogits, reference.logits()), identical, tokens.length);
            }
        }
    }
}
