package org.analogy.engine.melody;

import static org.analogy.engine.model.OrtSupport.checkLength;
import static org.analogy.engine.model.OrtSupport.closeQuietly;
import static org.analogy.engine.model.OrtSupport.directFloats;
import static org.analogy.engine.model.OrtSupport.directLongs;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelBundleException;
import org.analogy.engine.model.OrtSupport;
import org.analogy.engine.model.RecentResults;

/**
 * The melody model at run time (ONNX Runtime, no training code): encode a 2-bar melody with its chords into
 * {@link MelodyLatents}, decode latents plus chords back into 32 tokens.
 *
 * <p>Tokens follow {@code org.analogy.engine.melody.MelodyTokens}: 0–127 onset of that pitch, 128 hold,
 * 129 rest, one per 16th step. Chroma is 32 × 12 values (row-major by step), 1 for each pitch class of the
 * chord sounding at that step.
 *
 * <p>Sessions are created once at {@link #load}, followed by a warm-up. Inputs and outputs live in direct
 * buffers allocated once and wrapped in tensors that are reused for every call (outputs are pinned), so a call
 * allocates only the small result arrays it returns. The last few decodes are remembered ({@link RecentResults}):
 * restyle decodes a pair's latents for each of its two bars, a looper the same loop every pass, and the same
 * latents under the same chords always decode to the same tokens. Not thread-safe: one inference thread owns a
 * model.
 */
public final class MelodyModel implements MelodyCodec, AutoCloseable {

    public static final int STEPS = 32;
    public static final int TOKENS = 130;
    public static final int CHROMA = 12;
    private static final int WARM_UP_RUNS = 10;
    /** Decodes remembered: a looper of 8 bars holds 4 windows, restyle needs 1. */
    private static final int REMEMBERED_DECODES = 8;

    /** Where the sessions run. CUDA is only tried when asked for, and falls back to CPU with a logged reason. */
    public enum Device { CPU, CUDA }

    /**
     * @param intraOpThreads threads ONNX Runtime may use inside one run; 1 measured about as fast as 2 at
     *                       batch 1 and leaves the other core to the rest of the pipeline
     * @param allowSpinning  whether idle ORT worker threads spin (lower latency, burns a core); only matters
     *                       with more than one thread
     */
    public record Options(int intraOpThreads, boolean allowSpinning, Device device) {
        public static final Options DEFAULT = new Options(1, false, Device.CPU);

        public Options {
            if (intraOpThreads < 1) throw new IllegalArgumentException("intra-op threads must be at least 1, got " + intraOpThreads);
        }
    }

    private final OrtSession encoder;
    private final OrtSession decoder;
    private final Device device;
    private final int pitchSize;
    private final int rhythmSize;

    private final LongBuffer tokensIn;
    private final FloatBuffer chromaIn;
    private final FloatBuffer pitchBuffer;
    private final FloatBuffer rhythmBuffer;
    private final LongBuffer tokensOut;
    private final OnnxTensor tokensTensor;
    private final OnnxTensor chromaTensor;
    private final OnnxTensor pitchTensor;
    private final OnnxTensor rhythmTensor;
    private final OnnxTensor tokensOutTensor;
    private final Map<String, OnnxTensor> encoderInputs;
    private final Map<String, OnnxTensor> encoderOutputs;
    private final Map<String, OnnxTensor> decoderInputs;
    private final Map<String, OnnxTensor> decoderOutputs;
    /** Only the pinned outputs are wanted: the logits' final concatenation is then skipped. */
    private static final Set<String> NO_OTHER_OUTPUTS = Set.of();
    private final RecentResults<int[]> recentDecodes = new RecentResults<>(REMEMBERED_DECODES);
    /** pitch ‖ rhythm ‖ chroma of the decode asked for, the key of {@link #recentDecodes}. */
    private final float[] decodeKey;
    private boolean remembering = true;

    private MelodyModel(OrtSession encoder, OrtSession decoder, Device device, int pitchSize, int rhythmSize) throws OrtException {
        this.encoder = encoder;
        this.decoder = decoder;
        this.device = device;
        this.pitchSize = pitchSize;
        this.rhythmSize = rhythmSize;
        this.decodeKey = new float[pitchSize + rhythmSize + STEPS * CHROMA];
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        tokensIn = directLongs(STEPS);
        chromaIn = directFloats(STEPS * CHROMA);
        pitchBuffer = directFloats(pitchSize);
        rhythmBuffer = directFloats(rhythmSize);
        tokensOut = directLongs(STEPS);
        tokensTensor = OnnxTensor.createTensor(env, tokensIn, new long[]{1, STEPS});
        chromaTensor = OnnxTensor.createTensor(env, chromaIn, new long[]{1, STEPS, CHROMA});
        pitchTensor = OnnxTensor.createTensor(env, pitchBuffer, new long[]{1, pitchSize});
        rhythmTensor = OnnxTensor.createTensor(env, rhythmBuffer, new long[]{1, rhythmSize});
        tokensOutTensor = OnnxTensor.createTensor(env, tokensOut, new long[]{1, STEPS});
        encoderInputs = Map.of("tokens", tokensTensor, "chroma", chromaTensor);
        encoderOutputs = Map.of("z_pitch", pitchTensor, "z_rhythm", rhythmTensor);
        decoderInputs = Map.of("z_pitch", pitchTensor, "z_rhythm", rhythmTensor, "chroma", chromaTensor);
        decoderOutputs = Map.of("tokens", tokensOutTensor);
    }

    /**
     * Creates both sessions from a verified bundle and warms them up. Fails with a {@link ModelBundleException}
     * naming the problem if the bundle is not a melody model this class can run.
     */
    public static MelodyModel load(ModelBundle bundle, Options options) throws ModelBundleException {
        int pitchSize = bundle.requireInt("/latents/pitch");
        int rhythmSize = bundle.requireInt("/latents/rhythm");
        if (bundle.requireInt("/grid/steps") != STEPS || bundle.requireInt("/grid/tokens") != TOKENS) {
            throw new ModelBundleException(bundle.directory().resolve(ModelBundle.MANIFEST) + ": grid is not "
                    + STEPS + " steps × " + TOKENS + " tokens");
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession encoder = null;
        OrtSession decoder = null;
        try (OrtSession.SessionOptions sessionOptions = new OrtSession.SessionOptions()) {
            Device device = OrtSupport.configure(sessionOptions, options, "melody model");
            encoder = bundle.openSession(env, "encoder", sessionOptions);
            decoder = bundle.openSession(env, "decoder", sessionOptions);
            MelodyModel model = new MelodyModel(encoder, decoder, device, pitchSize, rhythmSize);
            encoder = null;   // owned by the model from here on
            decoder = null;
            return OrtSupport.warmedUp(model, model::warmUp);
        } catch (OrtException e) {
            closeQuietly(encoder);
            closeQuietly(decoder);
            throw new ModelBundleException(bundle.directory() + ": ONNX Runtime could not run the melody model: " + e.getMessage(), e);
        }
    }


    private void warmUp() throws OrtException {
        int[] rests = new int[STEPS];
        java.util.Arrays.fill(rests, TOKENS - 1);
        float[] noChords = new float[STEPS * CHROMA];
        // Past the remembered decodes: every run goes through ONNX Runtime.
        for (int i = 0; i < WARM_UP_RUNS; i++) runDecoder(encode(rests, noChords), noChords);
    }

    /** {@code tokens[32]} (0–129) and {@code chroma[32*12]} → the posterior means of both latents. */
    public MelodyLatents encode(int[] tokens, float[] chroma) throws OrtException {
        checkLength("tokens", tokens.length, STEPS);
        checkChroma(chroma);
        for (int step = 0; step < STEPS; step++) {
            int token = tokens[step];
            if (token < 0 || token >= TOKENS) throw new IllegalArgumentException("token " + token + " at step " + step + " outside 0–129");
            tokensIn.put(step, token);
        }
        chromaIn.put(0, chroma);
        try (OrtSession.Result ignored = encoder.run(encoderInputs, encoderOutputs)) {
            float[] pitch = new float[pitchSize];
            float[] rhythm = new float[rhythmSize];
            pitchBuffer.get(0, pitch);
            rhythmBuffer.get(0, rhythm);
            return new MelodyLatents(pitch, rhythm);
        }
    }

    /** Latents and {@code chroma[32*12]} → 32 tokens, decoded greedily (rhythm first, then pitches). */
    public int[] decode(MelodyLatents latents, float[] chroma) throws OrtException {
        checkLength("pitch latent", latents.pitch().length, pitchSize);
        checkLength("rhythm latent", latents.rhythm().length, rhythmSize);
        checkChroma(chroma);
        System.arraycopy(latents.pitch(), 0, decodeKey, 0, pitchSize);
        System.arraycopy(latents.rhythm(), 0, decodeKey, pitchSize, rhythmSize);
        System.arraycopy(chroma, 0, decodeKey, pitchSize + rhythmSize, chroma.length);
        if (!remembering) return runDecoder(latents, chroma);
        int[] known = recentDecodes.get(decodeKey, null);
        if (known != null) return known.clone();
        int[] tokens = runDecoder(latents, chroma);
        recentDecodes.put(decodeKey, null, tokens.clone());
        return tokens;
    }

    private int[] runDecoder(MelodyLatents latents, float[] chroma) throws OrtException {
        pitchBuffer.put(0, latents.pitch());
        rhythmBuffer.put(0, latents.rhythm());
        chromaIn.put(0, chroma);
        try (OrtSession.Result ignored = decoder.run(decoderInputs, NO_OTHER_OUTPUTS, decoderOutputs)) {
            int[] tokens = new int[STEPS];
            for (int step = 0; step < STEPS; step++) tokens[step] = (int) tokensOut.get(step);
            return tokens;
        }
    }

    /**
     * Whether repeated decodes are answered from memory (the default). Off, every decode runs the decoder: for
     * latency measurements that repeat the same inputs.
     */
    public void setRemembering(boolean remembering) {
        this.remembering = remembering;
        if (!remembering) recentDecodes.clear();
    }

    /** How many decodes were answered from memory, and how many ran the decoder (warm-up excluded). */
    public long rememberedDecodes() {
        return recentDecodes.hits();
    }

    public long decoderRuns() {
        return recentDecodes.misses();
    }

    public int pitchLatentSize() {
        return pitchSize;
    }

    public int rhythmLatentSize() {
        return rhythmSize;
    }

    /** Where the sessions actually run (CPU when CUDA was asked for but unavailable). */
    public Device device() {
        return device;
    }

    @Override
    public void close() {
        for (OnnxTensor t : new OnnxTensor[]{tokensTensor, chromaTensor, pitchTensor, rhythmTensor, tokensOutTensor}) t.close();
        closeQuietly(encoder);
        closeQuietly(decoder);
    }

    private static void checkChroma(float[] chroma) {
        checkLength("chroma", chroma.length, STEPS * CHROMA);
    }

}
