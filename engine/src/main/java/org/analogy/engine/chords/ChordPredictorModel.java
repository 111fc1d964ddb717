package org.analogy.engine.chords;

import static org.analogy.engine.model.OrtSupport.directFloats;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelBundleException;
import org.analogy.engine.model.OrtSupport;

/**
 * The next-bar chord predictor at run time: fed one bar at a time ({@link PredictorFeatures#bar}), it answers
 * with its guess for the next bar's 4 beat chords and, when the bundle has that head, the next window's
 * z_chord. It carries its recurrent state between calls; {@link #reset} starts a new song.
 *
 * <p>One ONNX Runtime session created at {@link #load} and warmed up; inputs, outputs and the state live in
 * direct buffers reused for every call. Not thread-safe.
 */
public final class ChordPredictorModel implements AutoCloseable {

    /** The next bar's chord per beat, always one to play ({@link PredictorFeatures#playableChord}), and z_chord (null when the bundle has no z_chord head). */
    public record Prediction(Chord[] beats, float[] zChord) {
    }

    private static final int BEATS = PredictorFeatures.BEATS_PER_BAR;
    private static final int ROOTS = PredictorFeatures.ROOT_CLASSES;
    private static final int WARM_UP_RUNS = 10;

    private final OrtSession session;
    private final int hidden;
    private final int zSize;
    private final FloatBuffer barIn;
    private final FloatBuffer stateIn;
    private final FloatBuffer rootsOut;
    private final FloatBuffer chromaOut;
    private final FloatBuffer zOut;
    private final FloatBuffer stateOut;
    private final float[] roots = new float[BEATS * ROOTS];
    private final float[] chroma = new float[BEATS * 12];
    private final float[] zeros;
    private final OnnxTensor[] tensors;
    private final Map<String, OnnxTensor> inputs;
    private final Map<String, OnnxTensor> outputs;

    private ChordPredictorModel(OrtSession session, int hidden, int zSize) throws OrtException {
        this.session = session;
        this.hidden = hidden;
        this.zSize = zSize;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        barIn = directFloats(PredictorFeatures.BAR_FEATURES);
        stateIn = directFloats(hidden);
        rootsOut = directFloats(BEATS * ROOTS);
        chromaOut = directFloats(BEATS * 12);
        zOut = directFloats(Math.max(1, zSize));
        stateOut = directFloats(hidden);
        zeros = new float[hidden];
        OnnxTensor bar = OnnxTensor.createTensor(env, barIn, new long[]{1, 1, PredictorFeatures.BAR_FEATURES});
        OnnxTensor state = OnnxTensor.createTensor(env, stateIn, new long[]{1, 1, hidden});
        OnnxTensor root = OnnxTensor.createTensor(env, rootsOut, new long[]{1, 1, BEATS, ROOTS});
        OnnxTensor chr = OnnxTensor.createTensor(env, chromaOut, new long[]{1, 1, BEATS, 12});
        OnnxTensor next = OnnxTensor.createTensor(env, stateOut, new long[]{1, 1, hidden});
        OnnxTensor z = zSize > 0 ? OnnxTensor.createTensor(env, zOut, new long[]{1, 1, zSize}) : null;
        tensors = z == null ? new OnnxTensor[]{bar, state, root, chr, next} : new OnnxTensor[]{bar, state, root, chr, next, z};
        inputs = Map.of("bars", bar, "state", state);
        Map<String, OnnxTensor> out = new HashMap<>(Map.of("root_logits", root, "chroma_logits", chr, "next_state", next));
        if (z != null) out.put("z_chord", z);
        outputs = Map.copyOf(out);
    }

    public static ChordPredictorModel load(ModelBundle bundle, MelodyModel.Options options) throws ModelBundleException {
        int hidden = bundle.requireInt("/predictor/hidden");
        int zSize = bundle.requireInt("/predictor/zChord");
        if (bundle.requireInt("/grid/barFeatures") != PredictorFeatures.BAR_FEATURES) {
            throw new ModelBundleException(bundle.directory().resolve(ModelBundle.MANIFEST) + ": bar features are not "
                    + PredictorFeatures.BAR_FEATURES);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            // The predictor is small and runs once a bar: always on the CPU.
            OrtSupport.configure(sessionOptions, new MelodyModel.Options(options.intraOpThreads(), options.allowSpinning(), MelodyModel.Device.CPU), "chord predictor");
            OrtSession session = bundle.openSession(env, "predictor", sessionOptions);
            ChordPredictorModel predictor;
            try {
                predictor = new ChordPredictorModel(session, hidden, zSize);
            } catch (OrtException e) {
                session.close();
                throw e;
            }
            try {
                float[] silence = new float[PredictorFeatures.BAR_FEATURES];
                for (int i = 0; i < WARM_UP_RUNS; i++) predictor.observe(silence);
                predictor.reset();
            } catch (OrtException | RuntimeException e) {
                predictor.close();
                throw e;
            }
            return predictor;
        } catch (OrtException e) {
            throw new ModelBundleException(bundle.directory() + ": ONNX Runtime could not run the chord predictor: " + e.getMessage(), e);
        }
    }

    /** Feeds the bar just played and returns the prediction for the next one; the state moves on by one bar. */
    public Prediction observe(float[] barFeatures) throws OrtException {
        if (barFeatures.length != PredictorFeatures.BAR_FEATURES) {
            throw new IllegalArgumentException("bar features need " + PredictorFeatures.BAR_FEATURES + " values, got " + barFeatures.length);
        }
        barIn.put(0, barFeatures);
        try (OrtSession.Result ignored = session.run(inputs, outputs)) {
            rootsOut.get(0, roots);
            chromaOut.get(0, chroma);
            for (int i = 0; i < hidden; i++) stateIn.put(i, stateOut.get(i));
            Chord[] beats = new Chord[BEATS];
            for (int beat = 0; beat < BEATS; beat++) beats[beat] = PredictorFeatures.playableChord(roots, beat * ROOTS, chroma, beat * 12);
            float[] z = null;
            if (zSize > 0) {
                z = new float[zSize];
                zOut.get(0, z);
            }
            return new Prediction(beats, z);
        }
    }

    /** Forgets the bars seen so far. */
    public void reset() {
        stateIn.put(0, zeros);
    }

    public boolean hasChordLatent() {
        return zSize > 0;
    }

    @Override
    public void close() {
        for (OnnxTensor t : tensors) t.close();
        try {
            session.close();
        } catch (OrtException e) {
            System.getLogger(ChordPredictorModel.class.getName()).log(System.Logger.Level.WARNING, "closing the predictor session failed: " + e.getMessage());
        }
    }

}
