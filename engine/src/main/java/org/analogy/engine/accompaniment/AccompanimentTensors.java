package org.analogy.engine.accompaniment;


/**
 * How a {@link PianoRoll} duration roll goes into the accompaniment model and how the decoder's logits come
 * back out. Training (in {@code train/}) and the engine call the same code, so the model sees live input
 * exactly as it saw its training data.
 *
 * <ul>
 *   <li>Texture input: 2 × 32 × 128 floats, channel-major: channel 0 is 1 at every onset, channel 1 is the
 *       onset's duration / 32 (so a sustained pad and a staccato pattern look different).</li>
 *   <li>Decoder output: per step and pitch an onset logit and 5 duration-bit logits; a note starts where the
 *       onset logit is above 0 and lasts 1 + Σ 2^i over the bits whose logit is above 0.</li>
 * </ul>
 */
public final class AccompanimentTensors {

    public static final int STEPS = PianoRoll.STEPS;
    public static final int PITCHES = PianoRoll.PITCHES;
    public static final int CHANNELS = 2;
    public static final int DURATION_BITS = 5;
    public static final int TEXTURE_INPUT_SIZE = CHANNELS * STEPS * PITCHES;

    private AccompanimentTensors() {
    }

    /** Writes the texture input of {@code roll} into {@code out[offset ..]}, every pitch moved by {@code shift}. */
    public static void textureInput(int[][] roll, int shift, float[] out, int offset) {
        java.util.Arrays.fill(out, offset, offset + TEXTURE_INPUT_SIZE, 0f);
        int durationChannel = offset + STEPS * PITCHES;
        for (int step = 0; step < STEPS; step++) {
            for (int pitch = 0; pitch < PITCHES; pitch++) {
                int duration = roll[step][pitch];
                int target = pitch + shift;
                if (duration == 0 || target < 0 || target >= PITCHES) continue;   // shifted out of range: dropped
                out[offset + step * PITCHES + target] = 1f;
                out[durationChannel + step * PITCHES + target] = Math.min(duration, PianoRoll.MAX_DURATION) / (float) PianoRoll.MAX_DURATION;
            }
        }
    }

    /** The 5 target bits of a duration 1–32 (capped), least significant first. */
    public static void durationBits(int duration, float[] out, int offset) {
        int code = Math.min(Math.max(duration, 1), PianoRoll.MAX_DURATION) - 1;
        for (int bit = 0; bit < DURATION_BITS; bit++) out[offset + bit] = (code >> bit & 1) == 1 ? 1f : 0f;
    }

    /**
     * A duration roll from decoder logits laid out {@code [step][pitch][6]} (onset, then the duration bits),
     * starting at {@code offset}.
     */
    public static int[][] roll(float[] logits, int offset) {
        return roll(logits, offset, 0f);
    }

    /**
     * As {@link #roll(float[], int)}, with notes starting where the onset logit is above {@code onsetThreshold}.
     * A trained bundle records the threshold that gave the best note F1 on validation songs.
     */
    public static int[][] roll(float[] logits, int offset, float onsetThreshold) {
        int[][] roll = new int[STEPS][PITCHES];
        int per = 1 + DURATION_BITS;
        for (int step = 0; step < STEPS; step++) {
            for (int pitch = 0; pitch < PITCHES; pitch++) {
                int base = offset + (step * PITCHES + pitch) * per;
                if (logits[base] <= onsetThreshold) continue;
                int code = 0;
                for (int bit = 0; bit < DURATION_BITS; bit++) if (logits[base + 1 + bit] > 0f) code |= 1 << bit;
                roll[step][pitch] = code + 1;
            }
        }
        return roll;
    }
}
