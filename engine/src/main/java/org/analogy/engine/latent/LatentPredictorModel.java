package org.analogy.engine.latent;

import static org.analogy.engine.model.OrtSupport.closeQuietly;

import java.nio.FloatBuffer;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelBundleException;
import org.analogy.engine.model.OrtSupport;

/**
 * The latent predictor at run time: two small GRUs over 2-bar melody windows ({@link LatentFeatures}), one
 * predicting the window two bars after the last it has read ({@link Direction#FORWARD}), one the window two bars
 * before ({@link Direction#BACKWARD}). A call reads any number of windows from a carried state and returns the
 * prediction after the last of them, so a context is one call and each further window one call more.
 *
 * <p>Sessions are created and warmed up at {@link #load}. Not thread-safe: one thread owns a model.
 */
public final class LatentPredictorModel implements AutoCloseable {

    public enum Direction {
        FORWARD("forward"), BACKWARD("backward");

        private final String graph;

        Direction(String graph) {
            this.graph = graph;
        }
    }

    /** The prediction after the windows read, and the state to carry into the next call. */
    public record Step(MelodyLatents next, float[] state) {
    }

    private static final int WARM_UP_RUNS = 5;

    private final OrtSession forward;
    private final OrtSession backward;
    private final int hidden;
    private final int zPitch;
    private final int zRhythm;

    private LatentPredictorModel(OrtSession forward, OrtSession backward, int hidden, int zPitch, int zRhythm) {
        this.forward = forward;
        this.backward = backward;
        this.hidden = hidden;
        this.zPitch = zPitch;
        this.zRhythm = zRhythm;
    }

    public static LatentPredictorModel load(ModelBundle bundle, MelodyModel.Options options) throws ModelBundleException {
        int hidden = bundle.requireInt("/predictor/hidden");
        int zPitch = bundle.requireInt("/latents/pitch");
        int zRhythm = bundle.requireInt("/latents/rhythm");
        if (bundle.requireInt("/predictor/features") != LatentFeatures.size(zPitch, zRhythm)
                || bundle.requireInt("/predictor/cycleBars") != LatentFeatures.CYCLE_BARS) {
            throw new ModelBundleException(bundle.directory().resolve(ModelBundle.MANIFEST) + ": window features are not this engine's ("
                    + LatentFeatures.size(zPitch, zRhythm) + " values, " + LatentFeatures.CYCLE_BARS + "-bar cycle)");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession fwd = null;
        OrtSession bwd = null;
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            // Small GRUs run a few times per phrase: always on the CPU.
            OrtSupport.configure(sessionOptions, new MelodyModel.Options(options.intraOpThreads(), options.allowSpinning(), MelodyModel.Device.CPU),
                    "latent predictor");
            fwd = bundle.openSession(env, Direction.FORWARD.graph, sessionOptions);
            bwd = bundle.openSession(env, Direction.BACKWARD.graph, sessionOptions);
            LatentPredictorModel model = new LatentPredictorModel(fwd, bwd, hidden, zPitch, zRhythm);
            fwd = null;
            bwd = null;
            return OrtSupport.warmedUp(model, model::warmUp);
        } catch (OrtException e) {
            closeQuietly(fwd);
            closeQuietly(bwd);
            throw new ModelBundleException(bundle.directory() + ": ONNX Runtime could not run the latent predictor: " + e.getMessage(), e);
        }
    }

    private void warmUp() throws OrtException {
        float[] silence = new float[4 * features()];
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            run(Direction.FORWARD, silence, 4, null);
            run(Direction.BACKWARD, silence, 4, null);
        }
    }

    /**
     * Reads {@code count} windows ({@code windows[count * features()]}, in reading order for the direction) from
     * {@code state} (null: a fresh start) and returns the prediction after the last one.
     */
    public Step run(Direction direction, float[] windows, int count, float[] state) throws OrtException {
        int f = features();
        if (count < 1 || windows.length < count * f) {
            throw new IllegalArgumentException("need " + count + " windows of " + f + " features, got " + windows.length + " values");
        }
        if (state != null && state.length != hidden) throw new IllegalArgumentException("state needs " + hidden + " values, got " + state.length);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session = direction == Direction.FORWARD ? forward : backward;
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(windows, 0, count * f), new long[]{1, count, f});
             OnnxTensor s = OnnxTensor.createTensor(env, FloatBuffer.wrap(state != null ? state : new float[hidden]), new long[]{1, 1, hidden});
             OrtSession.Result r = session.run(Map.of("windows", in, "state", s))) {
            FloatBuffer z = ((OnnxTensor) r.get("z").orElseThrow()).getFloatBuffer();
            int last = (count - 1) * (zPitch + zRhythm);
            float[] pitch = new float[zPitch];
            float[] rhythm = new float[zRhythm];
            z.get(last, pitch);
            z.get(last + zPitch, rhythm);
            float[] next = new float[hidden];
            ((OnnxTensor) r.get("next_state").orElseThrow()).getFloatBuffer().get(next);
            return new Step(new MelodyLatents(pitch, rhythm), next);
        }
    }

    public int features() {
        return LatentFeatures.size(zPitch, zRhythm);
    }

    public int hidden() {
        return hidden;
    }

    @Override
    public void close() {
        closeQuietly(forward);
        closeQuietly(backward);
    }
}
