package org.analogy.engine.bass;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelBundleException;
import org.analogy.engine.model.OrtSupport;
import org.analogy.engine.repr.GridNote;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.analogy.engine.model.OrtSupport.checkLength;
import static org.analogy.engine.model.OrtSupport.closeQuietly;
import static org.analogy.engine.model.OrtSupport.directFloats;

/**
 * The bass model at run time (ONNX Runtime, no training code). A reference bass clip gives a style latent
 * ({@link #style}); a 2-bar window is decoded from a style latent, the window's chords (one per 16th step), the
 * band's onsets per step (the piano accompaniment's and the kick drum's, {@link #bandOnsets}) and the part's
 * register ({@link #decode}). The decoder is one non-autoregressive pass, so every call costs the same.
 *
 * <p>Sessions are created once at {@link #load} and warmed up; inputs and outputs live in direct buffers wrapped
 * once in reused tensors. Not thread-safe: one inference thread owns a model.
 */
public final class BassModel implements AutoCloseable {

    public static final int STEPS = BassLine.STEPS;
    private static final int WARM_UP_RUNS = 10;
    private static final String LINE = "line";
    private static final String LATENT = "z";
    private static final String CONDITION = "condition";
    private static final String OUTPUTS = "outputs";
    private static final int LINE_VALUES = STEPS * BassLine.FEATURES;
    private static final int CONDITION_VALUES = STEPS * BassConditioning.SIZE;
    private static final int OUTPUT_VALUES = STEPS * (BassLine.TOKENS + 1);
    private static final int[] MAJOR = {0, 4, 7};

    private final OrtSession encoder;
    private final OrtSession decoder;
    private final int latentSize;
    private final FloatBuffer lineBuffer;
    private final FloatBuffer latentBuffer;
    private final FloatBuffer conditionBuffer;
    private final FloatBuffer outputsBuffer;
    private final OnnxTensor lineTensor;
    private final OnnxTensor latentTensor;
    private final OnnxTensor conditionTensor;
    private final OnnxTensor outputsTensor;
    private final float[] lineValues = new float[LINE_VALUES];
    private final float[] conditionValues = new float[CONDITION_VALUES];
    private final float[] outputs = new float[OUTPUT_VALUES];

    private final float chordToneBias;

    private BassModel(OrtSession encoder, OrtSession decoder, int latentSize, float chordToneBias) throws OrtException {
        this.encoder = encoder;
        this.decoder = decoder;
        this.latentSize = latentSize;
        this.chordToneBias = chordToneBias;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        lineBuffer = directFloats(LINE_VALUES);
        latentBuffer = directFloats(latentSize);
        conditionBuffer = directFloats(CONDITION_VALUES);
        outputsBuffer = directFloats(OUTPUT_VALUES);
        lineTensor = OnnxTensor.createTensor(env, lineBuffer, new long[]{1, STEPS, BassLine.FEATURES});
        latentTensor = OnnxTensor.createTensor(env, latentBuffer, new long[]{1, latentSize});
        conditionTensor = OnnxTensor.createTensor(env, conditionBuffer, new long[]{1, STEPS, BassConditioning.SIZE});
        outputsTensor = OnnxTensor.createTensor(env, outputsBuffer, new long[]{1, STEPS, BassLine.TOKENS + 1});
    }

    /** The bundle in {@code bundleDir} (checksums verified), one ONNX Runtime thread, on the CPU. */
    public static BassModel load(Path bundleDir) throws ModelBundleException {
        return load(ModelBundle.load(bundleDir), MelodyModel.Options.DEFAULT);
    }

    /**
     * Creates both sessions from a verified bundle and warms them up. A bundle that is not a bass model of this
     * grid and token set is a {@link ModelBundleException} naming the problem.
     */
    public static BassModel load(ModelBundle bundle, MelodyModel.Options options) throws ModelBundleException {
        Path manifest = bundle.directory().resolve(ModelBundle.MANIFEST);
        if (!"bass".equals(bundle.manifest().path("kind").asText())) {
            throw new ModelBundleException(manifest + ": kind is '" + bundle.manifest().path("kind").asText() + "', not a bass model");
        }
        int latent = bundle.requireInt("/latents/style");
        if (latent < 1) throw new ModelBundleException(manifest + ": style latent size " + latent);
        if (bundle.requireInt("/grid/steps") != STEPS || bundle.requireInt("/grid/tokens") != BassLine.TOKENS
                || bundle.requireInt("/grid/lineFeatures") != BassLine.FEATURES || bundle.requireInt("/grid/condition") != BassConditioning.SIZE) {
            throw new ModelBundleException(manifest + ": grid is not " + STEPS + " steps × " + BassLine.TOKENS + " tokens with "
                    + BassConditioning.SIZE + " conditioning values per step");
        }
        float chordToneBias = (float) bundle.manifest().at("/decoding/chordToneBias").asDouble(0.0);
        if (!(chordToneBias >= 0 && chordToneBias <= 20)) throw new ModelBundleException(manifest + ": decoding.chordToneBias " + chordToneBias + " outside 0-20");
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession encoder = null;
        OrtSession decoder = null;
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            OrtSupport.configure(sessionOptions, options, "bass model");
            encoder = bundle.openSession(env, "encoder", sessionOptions);
            decoder = bundle.openSession(env, "decoder", sessionOptions);
            BassModel model = new BassModel(encoder, decoder, latent, chordToneBias);
            encoder = null;   // owned by the model from here on
            decoder = null;
            return OrtSupport.warmedUp(model, model::warmUp);
        } catch (OrtException e) {
            closeQuietly(encoder);
            closeQuietly(decoder);
            throw new ModelBundleException(bundle.directory() + ": ONNX Runtime could not run the bass model: " + e.getMessage(), e);
        }
    }

    private void warmUp() throws OrtException {
        Chord[] chords = new Chord[STEPS];
        Arrays.fill(chords, Chord.of(0, MAJOR, 0));
        float[] onsets = new float[STEPS];
        List<GridNote> roots = new ArrayList<>();
        for (int s = 0; s < STEPS; s += 4) {
            onsets[s] = 1;
            roots.add(new GridNote(36, 90, s, 4));
        }
        float[] z = encode(BassLine.of(roots, 0, chords));
        for (int i = 0; i < WARM_UP_RUNS; i++) decodeLine(z, chords, onsets);
    }

    public int latentSize() {
        return latentSize;
    }

    /** The style latent (posterior mean) of one chord-relative 2-bar line. */
    public float[] encode(BassLine line) throws OrtException {
        line.writeFeatures(lineValues, 0);
        lineBuffer.put(0, lineValues);
        try (OrtSession.Result ignored = encoder.run(Map.of(LINE, lineTensor), Map.of(LATENT, latentTensor))) {
            float[] z = new float[latentSize];
            latentBuffer.get(0, z);
            return z;
        }
    }

    /**
     * The style latent of a reference bass clip: {@code clip} notes (start in steps from the clip's start) under
     * {@code chordPerStep}, one chord per step of the clip (at least a bar, 16 steps). The clip is cut into 2-bar
     * windows a bar apart (a clip shorter than 2 bars is repeated to fill one) and the latents of the windows that
     * hold a note are averaged.
     */
    public float[] style(List<GridNote> clip, Chord[] chordPerStep) throws OrtException {
        int length = chordPerStep.length;
        if (length < BassLine.STEPS_PER_BAR) {
            throw new IllegalArgumentException("reference bass clip of " + length + " steps: give chords for at least one bar (16 steps)");
        }
        List<GridNote> notes = new ArrayList<>(clip);
        Chord[] chords = chordPerStep.clone();
        if (length < STEPS) {   // repeat a short clip to fill one window
            for (GridNote n : clip) notes.add(n.shifted(length));
            chords = new Chord[STEPS];
            for (int t = 0; t < STEPS; t++) chords[t] = chordPerStep[t % length];
            length = STEPS;
        }
        ChordTemplates.fillGaps(chords);
        float[] sum = new float[latentSize];
        int windows = 0;
        for (int from = 0; from + STEPS <= length; from += BassLine.STEPS_PER_BAR) {
            BassLine line = BassLine.of(notes, from, Arrays.copyOfRange(chords, from, from + STEPS));
            if (line.onsetCount() == 0) continue;
            float[] z = encode(line);
            for (int i = 0; i < latentSize; i++) sum[i] += z[i];
            windows++;
        }
        if (windows == 0) throw new IllegalArgumentException("reference bass clip has no notes in any 2-bar window: nothing to take a style from");
        for (int i = 0; i < latentSize; i++) sum[i] /= windows;
        return sum;
    }

    /**
     * The style latent of a reference bass clip with no chords given: each half bar's root is taken from the bass
     * itself (the note sounding at the half bar's start, else its first onset; a half bar without either keeps the
     * root before it). {@code steps} is the clip's length in steps (at least 16).
     */
    public float[] style(List<GridNote> clip, int steps) throws OrtException {
        return style(clip, rootsFromBass(clip, steps));
    }

    /** The style latent of a reference bass clip whose chords are labelled from {@code otherParts} by {@link ChordTemplates}. */
    public float[] style(List<GridNote> clip, List<GridNote> otherParts, int steps) throws OrtException {
        Chord[] chords = ChordTemplates.perStep(otherParts, 0, steps);
        if (chords.length > 0 && chords[0].isNone()) chords = rootsFromBass(clip, steps);
        return style(clip, chords);
    }

    /** One chord per step whose roots follow the bass: the encoder reads only intervals above the root. */
    static Chord[] rootsFromBass(List<GridNote> clip, int steps) {
        if (steps < 1) throw new IllegalArgumentException("reference bass clip of " + steps + " steps");
        int spans = (steps + ChordTemplates.SPAN - 1) / ChordTemplates.SPAN;
        Chord[] labels = new Chord[spans];
        for (int s = 0; s < spans; s++) {
            int start = s * ChordTemplates.SPAN;
            GridNote chosen = null;
            for (GridNote n : clip) {
                if (n.start() <= start && n.end() > start && (chosen == null || n.pitch() < chosen.pitch())) chosen = n;
            }
            if (chosen == null) {
                for (GridNote n : clip) {
                    if (n.start() > start && n.start() < start + ChordTemplates.SPAN && (chosen == null || n.start() < chosen.start())) chosen = n;
                }
            }
            labels[s] = chosen == null ? Chord.NONE : Chord.of(chosen.pitch() % 12, MAJOR, chosen.pitch() % 12);
        }
        ChordTemplates.fillGaps(labels);
        Chord[] perStep = new Chord[steps];
        for (int t = 0; t < steps; t++) perStep[t] = labels[t / ChordTemplates.SPAN];
        return perStep;
    }

    /**
     * The band's onsets per step of a 2-bar window, the rhythm the bass locks to: 1 for every accompaniment note
     * starting on the step (several notes of one chord count once), plus 1 where the kick drum is hit.
     * {@code accompaniment} starts are in steps from the window's start; {@code drums} may be null.
     */
    public static float[] bandOnsets(List<GridNote> accompaniment, DrumPattern drums) {
        float[] onsets = new float[STEPS];
        for (GridNote n : accompaniment) if (n.start() >= 0 && n.start() < STEPS) onsets[n.start()] = 1f;
        if (drums != null) for (int t = 0; t < STEPS; t++) if (drums.hit(t, DrumVoice.KICK)) onsets[t] += 1f;
        return onsets;
    }

    /**
     * A 2-bar window of bass notes in {@code [low, high]} (start in steps from the window's start, velocities
     * 1–127): {@code style} a latent from {@link #style}, {@code chordPerStep} the window's 32 chords ({@link
     * Chord#NONE} steps take the chord around them; all none gives no notes), {@code bandOnsets} the band's onsets
     * per step ({@link #bandOnsets}), {@code low}/{@code high} MIDI pitches at least an octave apart.
     */
    public List<GridNote> decode(float[] style, Chord[] chordPerStep, float[] bandOnsets, int low, int high) throws OrtException {
        if (low < 0 || high > 127 || high - low < 11) {
            throw new IllegalArgumentException("bass register " + low + "–" + high + ": give MIDI pitches 0–127 at least an octave apart");
        }
        checkLength("chords per step", chordPerStep.length, STEPS);
        Chord[] chords = chordPerStep.clone();
        ChordTemplates.fillGaps(chords);
        if (chords[0].isNone()) return List.of();
        return decodeLine(style, chords, bandOnsets).toNotes(chords, low, high);
    }

    /** The bundle's chord-tone prior ({@code decoding.chordToneBias}, a logit bonus; see {@link BassLine#ofDecoderOutputs(float[], int, Chord[], float)}). */
    public float chordToneBias() {
        return chordToneBias;
    }

    /**
     * The chord-relative line the decoder writes for {@code style} under {@code chordPerStep} (no chord missing) and
     * {@code bandOnsets}, with the bundle's chord-tone prior.
     */
    public BassLine decodeLine(float[] style, Chord[] chordPerStep, float[] bandOnsets) throws OrtException {
        return decodeLine(style, chordPerStep, bandOnsets, chordToneBias);
    }

    /** The same with the chord-tone prior {@code chordToneBias} (0: the decoder's plain argmax). */
    public BassLine decodeLine(float[] style, Chord[] chordPerStep, float[] bandOnsets, float chordToneBias) throws OrtException {
        checkLength("style latent", style.length, latentSize);
        for (float v : style) if (!Float.isFinite(v)) throw new IllegalArgumentException("style latent holds " + v + ": every value must be finite");
        for (float v : bandOnsets) if (!Float.isFinite(v)) throw new IllegalArgumentException("band onsets hold " + v + ": every value must be finite");
        BassConditioning.write(chordPerStep, bandOnsets, conditionValues, 0);
        conditionBuffer.put(0, conditionValues);
        latentBuffer.put(0, style);
        try (OrtSession.Result ignored = decoder.run(Map.of(LATENT, latentTensor, CONDITION, conditionTensor), Set.of(), Map.of(OUTPUTS, outputsTensor))) {
            outputsBuffer.get(0, outputs);
        }
        return BassLine.ofDecoderOutputs(outputs, 0, chordPerStep, chordToneBias);
    }

    @Override
    public void close() {
        for (OnnxTensor t : new OnnxTensor[]{lineTensor, latentTensor, conditionTensor, outputsTensor}) t.close();
        closeQuietly(encoder);
        closeQuietly(decoder);
    }
}
