package org.analogy.engine.accompaniment;

import static org.analogy.engine.model.OrtSupport.checkLength;
import static org.analogy.engine.model.OrtSupport.closeQuietly;
import static org.analogy.engine.model.OrtSupport.directFloats;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelBundleException;
import org.analogy.engine.model.OrtSupport;
import org.analogy.engine.model.RecentResults;

/**
 * The accompaniment model at run time (ONNX Runtime, no training code), Poly-dis style: the chords of a 2-bar
 * window (8 beats × 36-d chord form, {@link ChordFeatures#chordForm}) → z_chord; its piano part (a
 * {@code PianoRoll} of durations, 32 × 128) → z_texture; any z_chord with any z_texture → a piano part.
 *
 * <p>Three sessions (chord encoder, texture encoder, decoder) are created once at {@link #load} and warmed up.
 * Inputs and outputs live in direct buffers allocated once and wrapped in tensors reused for every call
 * (outputs pinned), so a call allocates only the small arrays it returns. The encoders' last few answers are
 * remembered ({@link RecentResults}): a chart repeats its chords every few bars, and the same inputs always give
 * the same latent (the decoder's are remembered as notes, by {@link AccompanimentModelCodec}). Not thread-safe:
 * one inference thread owns a model.
 */
public final class AccompanimentModel implements AutoCloseable {

    public static final int STEPS = AccompanimentTensors.STEPS;
    public static final int PITCHES = AccompanimentTensors.PITCHES;
    public static final int BEATS = ChordFeatures.BEATS_PER_WINDOW;
    public static final int CHORD_FORM = ChordFeatures.CHORD_FORM_SIZE;
    private static final int OUTPUTS_PER_PITCH = 1 + AccompanimentTensors.DURATION_BITS;
    private static final int LOGITS = STEPS * PITCHES * OUTPUTS_PER_PITCH;
    private static final int WARM_UP_RUNS = 10;
    private static final Set<String> NO_OTHER_OUTPUTS = Set.of();
    /** Answers remembered per encoder: a chart of 8 bars needs 8 windows. */
    private static final int REMEMBERED = 8;

    private final OrtSession chordEncoder;
    private final OrtSession textureEncoder;
    private final OrtSession decoder;
    private final int chordSize;
    private final int textureSize;
    private final float onsetThreshold;

    private final FloatBuffer chordIn;
    private final FloatBuffer textureIn;
    private final FloatBuffer zChord;
    private final FloatBuffer zTexture;
    private final FloatBuffer logitsOut;
    private final float[] textureScratch = new float[AccompanimentTensors.TEXTURE_INPUT_SIZE];
    private final float[] logitsScratch = new float[LOGITS];
    private final OnnxTensor[] tensors;
    private final Map<String, OnnxTensor> chordInputs;
    private final Map<String, OnnxTensor> chordOutputs;
    private final Map<String, OnnxTensor> textureInputs;
    private final Map<String, OnnxTensor> textureOutputs;
    private final Map<String, OnnxTensor> decoderInputs;
    private final Map<String, OnnxTensor> decoderOutputs;
    private final RecentResults<float[]> recentChords = new RecentResults<>(REMEMBERED);
    private final RecentResults<float[]> recentTextures = new RecentResults<>(REMEMBERED);
    private boolean remembering = true;

    private AccompanimentModel(OrtSession chordEncoder, OrtSession textureEncoder, OrtSession decoder,
                               int chordSize, int textureSize, float onsetThreshold) throws OrtException {
        this.chordEncoder = chordEncoder;
        this.textureEncoder = textureEncoder;
        this.decoder = decoder;
        this.chordSize = chordSize;
        this.textureSize = textureSize;
        this.onsetThreshold = onsetThreshold;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        chordIn = directFloats(BEATS * CHORD_FORM);
        textureIn = directFloats(AccompanimentTensors.TEXTURE_INPUT_SIZE);
        zChord = directFloats(chordSize);
        zTexture = directFloats(textureSize);
        logitsOut = directFloats(LOGITS);
        OnnxTensor chordTensor = OnnxTensor.createTensor(env, chordIn, new long[]{1, BEATS, CHORD_FORM});
        OnnxTensor textureTensor = OnnxTensor.createTensor(env, textureIn, new long[]{1, AccompanimentTensors.CHANNELS, STEPS, PITCHES});
        OnnxTensor zChordTensor = OnnxTensor.createTensor(env, zChord, new long[]{1, chordSize});
        OnnxTensor zTextureTensor = OnnxTensor.createTensor(env, zTexture, new long[]{1, textureSize});
        OnnxTensor logitsTensor = OnnxTensor.createTensor(env, logitsOut, new long[]{1, STEPS, PITCHES, OUTPUTS_PER_PITCH});
        tensors = new OnnxTensor[]{chordTensor, textureTensor, zChordTensor, zTextureTensor, logitsTensor};
        chordInputs = Map.of("chord_form", chordTensor);
        chordOutputs = Map.of("z_chord", zChordTensor);
        textureInputs = Map.of("texture", textureTensor);
        textureOutputs = Map.of("z_texture", zTextureTensor);
        decoderInputs = Map.of("z_chord", zChordTensor, "z_texture", zTextureTensor);
        decoderOutputs = Map.of("logits", logitsTensor);
    }

    /** Creates the three sessions from a verified bundle and warms them up; a bundle it cannot run fails here. */
    public static AccompanimentModel load(ModelBundle bundle, MelodyModel.Options options) throws ModelBundleException {
        int chordSize = bundle.requireInt("/latents/chord");
        int textureSize = bundle.requireInt("/latents/texture");
        if (bundle.requireInt("/grid/steps") != STEPS || bundle.requireInt("/grid/pitches") != PITCHES
                || bundle.requireInt("/grid/durationBits") != AccompanimentTensors.DURATION_BITS) {
            throw new ModelBundleException(bundle.directory().resolve(ModelBundle.MANIFEST) + ": grid is not "
                    + STEPS + " steps × " + PITCHES + " pitches with " + AccompanimentTensors.DURATION_BITS + " duration bits");
        }
        var threshold = bundle.manifest().at("/decoding/onsetThreshold");
        if (!threshold.isNumber()) {
            throw new ModelBundleException(bundle.directory().resolve(ModelBundle.MANIFEST) + ": needs a number at /decoding/onsetThreshold");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession chord = null, texture = null, dec = null;
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            OrtSupport.configure(sessionOptions, options, "accompaniment model");
            chord = bundle.openSession(env, "chordEncoder", sessionOptions);
            texture = bundle.openSession(env, "textureEncoder", sessionOptions);
            dec = bundle.openSession(env, "decoder", sessionOptions);
            AccompanimentModel model = new AccompanimentModel(chord, texture, dec, chordSize, textureSize, threshold.floatValue());
            chord = texture = dec = null;   // owned by the model from here on
            return OrtSupport.warmedUp(model, model::warmUp);
        } catch (OrtException e) {
            closeQuietly(chord);
            closeQuietly(texture);
            closeQuietly(dec);
            throw new ModelBundleException(bundle.directory() + ": ONNX Runtime could not run the accompaniment model: " + e.getMessage(), e);
        }
    }


    private void warmUp() throws OrtException {
        float[] noChords = new float[BEATS * CHORD_FORM];
        int[][] silence = new int[STEPS][PITCHES];
        // Past the remembered answers: every run goes through ONNX Runtime.
        for (int i = 0; i < WARM_UP_RUNS; i++) {
            recentChords.clear();
            recentTextures.clear();
            decode(encodeChords(noChords), encodeTexture(silence));
        }
        recentChords.clear();
        recentTextures.clear();
    }

    /** {@code chordForm[8*36]} (row-major by beat) → z_chord, the posterior mean. */
    public float[] encodeChords(float[] chordForm) throws OrtException {
        checkLength("chord form", chordForm.length, BEATS * CHORD_FORM);
        float[] known = remembering ? recentChords.get(chordForm, null) : null;
        if (known != null) return known.clone();
        chordIn.put(0, chordForm);
        try (OrtSession.Result ignored = chordEncoder.run(chordInputs, chordOutputs)) {
            float[] z = new float[chordSize];
            zChord.get(0, z);
            if (remembering) recentChords.put(chordForm, null, z.clone());
            return z;
        }
    }

    /** A duration roll {@code [32][128]} → z_texture, the posterior mean. */
    public float[] encodeTexture(int[][] roll) throws OrtException {
        if (roll.length != STEPS) throw new IllegalArgumentException("piano roll needs " + STEPS + " steps, got " + roll.length);
        for (int step = 0; step < STEPS; step++) checkLength("piano roll step " + step, roll[step].length, PITCHES);
        AccompanimentTensors.textureInput(roll, 0, textureScratch, 0);
        float[] known = remembering ? recentTextures.get(textureScratch, null) : null;
        if (known != null) return known.clone();
        textureIn.put(0, textureScratch);
        try (OrtSession.Result ignored = textureEncoder.run(textureInputs, textureOutputs)) {
            float[] z = new float[textureSize];
            zTexture.get(0, z);
            if (remembering) recentTextures.put(textureScratch, null, z.clone());
            return z;
        }
    }

    /** Any z_chord with any z_texture → a duration roll {@code [32][128]} (0 = no note starts there). */
    public int[][] decode(float[] chordLatent, float[] textureLatent) throws OrtException {
        checkLength("z_chord", chordLatent.length, chordSize);
        checkLength("z_texture", textureLatent.length, textureSize);
        zChord.put(0, chordLatent);
        zTexture.put(0, textureLatent);
        try (OrtSession.Result ignored = decoder.run(decoderInputs, NO_OTHER_OUTPUTS, decoderOutputs)) {
            logitsOut.get(0, logitsScratch);
            return AccompanimentTensors.roll(logitsScratch, 0, onsetThreshold);
        }
    }

    /**
     * Whether repeated encodes are answered from memory (the default). Off, every call runs its session: for
     * latency measurements that repeat the same inputs.
     */
    public void setRemembering(boolean remembering) {
        this.remembering = remembering;
        if (!remembering) {
            recentChords.clear();
            recentTextures.clear();
        }
    }

    public int chordLatentSize() {
        return chordSize;
    }

    public int textureLatentSize() {
        return textureSize;
    }

    /** The onset-logit threshold the bundle was calibrated with. */
    public float onsetThreshold() {
        return onsetThreshold;
    }

    @Override
    public void close() {
        for (OnnxTensor t : tensors) t.close();
        closeQuietly(chordEncoder);
        closeQuietly(textureEncoder);
        closeQuietly(decoder);
    }



}
