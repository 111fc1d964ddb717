package org.analogy.train.accompaniment;

import static org.analogy.train.accompaniment.AccompanimentConfig.BEATS;
import static org.analogy.train.accompaniment.AccompanimentConfig.CHORD_FORM;
import static org.analogy.train.accompaniment.AccompanimentConfig.OUTPUTS_PER_PITCH;
import static org.analogy.train.accompaniment.AccompanimentConfig.PITCHES;
import static org.analogy.train.accompaniment.AccompanimentConfig.ROLL_CHANNELS;
import static org.analogy.train.accompaniment.AccompanimentConfig.STEPS;
import static org.analogy.train.run.BundleExport.maxDifference;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.analogy.engine.accompaniment.AccompanimentTensors;

/**
 * Runs the same windows through the DJL model and through ONNX Runtime on the exported graphs and reports how
 * far apart they are: both latents, the decoder's logits (decoded from ORT's own latents) and the notes read
 * off them.
 */
public final class AccompanimentParity {

    public record Report(int windows, float maxChordLatentDifference, float maxTextureLatentDifference,
                         float maxLogitDifference, int identicalRolls) {
        public boolean rollsIdentical() {
            return identicalRolls == windows;
        }

        @Override
        public String toString() {
            return String.format("windows=%d max|Δz_chord|=%.3g max|Δz_texture|=%.3g max|Δlogit|=%.3g identical note rolls %d/%d",
                    windows, maxChordLatentDifference, maxTextureLatentDifference, maxLogitDifference, identicalRolls, windows);
        }
    }

    private AccompanimentParity() {
    }

    /** {@code chordForm[batch*8*36]}, {@code texture[batch*2*32*128]} (as {@code AccompanimentTensors} writes it). */
    public static Report compare(NDManager manager, AccompanimentVae model, byte[] chordOnnx, byte[] textureOnnx, byte[] decoderOnnx,
                                 float[] chordForm, float[] texture, int batch, float onsetThreshold) throws OrtException {
        float[] djlChord, djlTexture, djlLogits;
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager scope = manager.newSubManager()) {
            model.weights().tempAttach(scope);
            NDArray zc = model.encodeChords(scope.create(chordForm, new Shape(batch, BEATS, CHORD_FORM)), false).mean();
            NDArray zt = model.encodeTexture(scope.create(texture, new Shape(batch, ROLL_CHANNELS, STEPS, PITCHES)), false).mean();
            djlChord = zc.toFloatArray();
            djlTexture = zt.toFloatArray();
            djlLogits = model.decode(zc, zt, false).toFloatArray();
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession chordSession = env.createSession(chordOnnx);
             OrtSession textureSession = env.createSession(textureOnnx);
             OrtSession decoderSession = env.createSession(decoderOnnx);
             OnnxTensor chordIn = OnnxTensor.createTensor(env, FloatBuffer.wrap(chordForm), new long[]{batch, BEATS, CHORD_FORM});
             OnnxTensor textureIn = OnnxTensor.createTensor(env, FloatBuffer.wrap(texture), new long[]{batch, ROLL_CHANNELS, STEPS, PITCHES});
             OrtSession.Result chord = chordSession.run(Map.of(AccompanimentOnnxExport.CHORD_INPUT, chordIn));
             OrtSession.Result tex = textureSession.run(Map.of(AccompanimentOnnxExport.TEXTURE_INPUT, textureIn))) {
            OnnxTensor zc = (OnnxTensor) chord.get(AccompanimentOnnxExport.CHORD_LATENT).orElseThrow();
            OnnxTensor zt = (OnnxTensor) tex.get(AccompanimentOnnxExport.TEXTURE_LATENT).orElseThrow();
            float chordDifference = maxDifference(zc.getFloatBuffer(), djlChord);
            float textureDifference = maxDifference(zt.getFloatBuffer(), djlTexture);
            try (OrtSession.Result decoded = decoderSession.run(Map.of(AccompanimentOnnxExport.CHORD_LATENT, zc,
                    AccompanimentOnnxExport.TEXTURE_LATENT, zt))) {
                FloatBuffer buffer = ((OnnxTensor) decoded.get(AccompanimentOnnxExport.LOGITS_OUTPUT).orElseThrow()).getFloatBuffer();
                float logitDifference = maxDifference(buffer, djlLogits);
                float[] ortLogits = new float[buffer.remaining()];
                buffer.get(ortLogits);
                int identical = 0;
                int per = STEPS * PITCHES * OUTPUTS_PER_PITCH;
                for (int b = 0; b < batch; b++) {
                    if (Arrays.deepEquals(AccompanimentTensors.roll(ortLogits, b * per, onsetThreshold),
                            AccompanimentTensors.roll(djlLogits, b * per, onsetThreshold))) identical++;
                }
                return new Report(batch, chordDifference, textureDifference, logitDifference, identical);
            }
        }
    }
}
