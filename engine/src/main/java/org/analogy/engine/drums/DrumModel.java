package org.analogy.engine.drums;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelBundleException;
import org.analogy.engine.model.OrtSupport;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

import static org.analogy.engine.model.OrtSupport.checkLength;
import static org.analogy.engine.model.OrtSupport.closeQuietly;
import static org.analogy.engine.model.OrtSupport.directFloats;

/**
 * The groove model at run time (ONNX Runtime, no training code): encode a 2-bar {@link DrumPattern} into its
 * groove latent, decode a latent into a pattern (hits above the bundle's threshold, velocities, micro-timing).
 *
 * <p>Sessions are created once at {@link #load} and warmed up; inputs and outputs live in direct buffers wrapped
 * once in reused tensors, so a call allocates only what it returns. Not thread-safe: one inference thread owns a
 * model.
 */
public final class DrumModel implements AutoCloseable {

    private static final int WARM_UP_RUNS = 10;
    private static final String PATTERN = "pattern";
    private static final String LATENT = "z";
    private static final String OUTPUTS = "outputs";
    private static final int VALUES = DrumPattern.STEPS * DrumPattern.FEATURES;

    private final OrtSession encoder;
    private final OrtSession decoder;
    private final int latentSize;
    private final float hitThreshold;
    private final FloatBuffer patternIn;
    private final FloatBuffer latentBuffer;
    private final FloatBuffer outputsBuffer;
    private final OnnxTensor patternTensor;
    private final OnnxTensor latentTensor;
    private final OnnxTensor outputsTensor;
    private final float[] features = new float[VALUES];
    private final float[] outputs = new float[VALUES];

    private DrumModel(OrtSession encoder, OrtSession decoder, int latentSize, float hitThreshold) throws OrtException {
        this.encoder = encoder;
        this.decoder = decoder;
        this.latentSize = latentSize;
        this.hitThreshold = hitThreshold;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        patternIn = directFloats(VALUES);
        latentBuffer = directFloats(latentSize);
        outputsBuffer = directFloats(VALUES);
        patternTensor = OnnxTensor.createTensor(env, patternIn, new long[]{1, DrumPattern.STEPS, DrumPattern.FEATURES});
        latentTensor = OnnxTensor.createTensor(env, latentBuffer, new long[]{1, latentSize});
        outputsTensor = OnnxTensor.createTensor(env, outputsBuffer, new long[]{1, DrumPattern.STEPS, DrumPattern.FEATURES});
    }

    /**
     * Creates both sessions from a verified bundle and warms them up. A bundle that is not a groove model of this
     * grid is a {@link ModelBundleException} naming the problem.
     */
    public static DrumModel load(ModelBundle bundle, MelodyModel.Options options) throws ModelBundleException {
        int latent = bundle.requireInt("/latents/groove");
        if (latent < 1) throw new ModelBundleException(bundle.directory().resolve(ModelBundle.MANIFEST) + ": groove latent size " + latent);
        if (bundle.requireInt("/grid/steps") != DrumPattern.STEPS || bundle.requireInt("/grid/voices") != DrumPattern.VOICES
                || bundle.requireInt("/grid/features") != DrumPattern.FEATURES) {
            throw new ModelBundleException(bundle.directory().resolve(ModelBundle.MANIFEST) + ": grid is not " + DrumPattern.STEPS
                    + " steps × " + DrumPattern.VOICES + " drums × (hit, velocity, offset)");
        }
        float threshold = (float) bundle.manifest().at("/decoding/hitThresholdLogit").asDouble(0.0);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession encoder = null;
        OrtSession decoder = null;
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            OrtSupport.configure(sessionOptions, options, "drum model");
            encoder = bundle.openSession(env, "encoder", sessionOptions);
            decoder = bundle.openSession(env, "decoder", sessionOptions);
            DrumModel model = new DrumModel(encoder, decoder, latent, threshold);
            encoder = null;   // owned by the model from here on
            decoder = null;
            return OrtSupport.warmedUp(model, model::warmUp);
        } catch (OrtException e) {
            closeQuietly(encoder);
            closeQuietly(decoder);
            throw new ModelBundleException(bundle.directory() + ": ONNX Runtime could not run the drum model: " + e.getMessage(), e);
        }
    }

    private void warmUp() throws OrtException {
        DrumPattern backbeat = new DrumPattern();
        for (int s = 0; s < DrumPattern.STEPS; s += 2) backbeat.set(s, DrumVoice.CLOSED_HAT, 0.6f, 0f);
        for (int s = 0; s < DrumPattern.STEPS; s += 8) backbeat.set(s, s % 16 == 0 ? DrumVoice.KICK : DrumVoice.SNARE, 0.8f, 0f);
        for (int i = 0; i < WARM_UP_RUNS; i++) decode(encode(backbeat));
    }

    /** The pattern's groove latent (the posterior mean). */
    public float[] encode(DrumPattern pattern) throws OrtException {
        pattern.writeFeatures(features, 0);
        patternIn.put(0, features);
        try (OrtSession.Result ignored = encoder.run(Map.of(PATTERN, patternTensor), Map.of(LATENT, latentTensor))) {
            float[] z = new float[latentSize];
            latentBuffer.get(0, z);
            return z;
        }
    }

    /** A latent decoded into a pattern with the bundle's hit threshold. */
    public DrumPattern decode(float[] z) throws OrtException {
        return DrumPattern.ofDecoderOutputs(decodeRaw(z), 0, hitThreshold);
    }

    /** The decoder's raw outputs for {@code z}: [32][27] hit logits, velocity logits, offset pre-activations. */
    public float[] decodeRaw(float[] z) throws OrtException {
        checkLength("groove latent", z.length, latentSize);
        for (float v : z) if (!Float.isFinite(v)) throw new IllegalArgumentException("groove latent holds " + v + ": every value must be finite");
        latentBuffer.put(0, z);
        try (OrtSession.Result ignored = decoder.run(Map.of(LATENT, latentTensor), Set.of(), Map.of(OUTPUTS, outputsTensor))) {
            outputsBuffer.get(0, outputs);
            return outputs.clone();
        }
    }

    public int latentSize() {
        return latentSize;
    }

    public float hitThreshold() {
        return hitThreshold;
    }

    @Override
    public void close() {
        for (OnnxTensor t : new OnnxTensor[]{patternTensor, latentTensor, outputsTensor}) t.close();
        closeQuietly(encoder);
        closeQuietly(decoder);
    }
}
