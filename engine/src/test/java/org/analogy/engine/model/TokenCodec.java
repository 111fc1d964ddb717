package org.analogy.engine.model;

import org.analogy.engine.melody.MelodyCodec;
import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyTokens;

/**
 * A transparent stand-in for the melody model in tests, so modes can be checked without a trained bundle:
 * the pitch latent holds the window's onset pitches in order, the rhythm latent its onset/hold/rest pattern.
 * Decoding puts the pitches on the rhythm and moves each to the nearest tone of the chord sounding there, so
 * "pitch of A, rhythm of B, re-harmonised" can be checked exactly.
 */
public final class TokenCodec implements MelodyCodec {

    public static final int SIZE = 32;
    public int encodes;
    public int decodes;

    @Override
    public MelodyLatents encode(int[] tokens, float[] chroma) {
        encodes++;
        float[] pitch = new float[SIZE];
        float[] rhythm = new float[SIZE];
        int k = 0;
        float last = 60 / 128f;
        for (int i = 0; i < SIZE; i++) {
            int t = tokens[i];
            rhythm[i] = t < 128 ? 0 : t == MelodyTokens.HOLD ? 1 : 2;
            if (t < 128) pitch[k++] = last = t / 128f;
        }
        for (; k < SIZE; k++) pitch[k] = last;
        return new MelodyLatents(pitch, rhythm);
    }

    @Override
    public int[] decode(MelodyLatents z, float[] chroma) {
        decodes++;
        int[] out = new int[SIZE];
        int k = 0;
        boolean sounding = false;
        for (int i = 0; i < SIZE; i++) {
            int r = Math.max(0, Math.min(2, Math.round(z.rhythm()[i])));
            if (r == 1 && !sounding) r = 0;
            if (r == 0) {
                int p = Math.max(0, Math.min(127, Math.round(z.pitch()[Math.min(k++, SIZE - 1)] * 128)));
                out[i] = nearestChordTone(p, chroma, i);
                sounding = true;
            } else if (r == 1) {
                out[i] = MelodyTokens.HOLD;
            } else {
                out[i] = MelodyTokens.REST;
                sounding = false;
            }
        }
        return out;
    }

    static int nearestChordTone(int pitch, float[] chroma, int step) {
        for (int d = 0; d <= 6; d++) {
            for (int p : new int[] {pitch - d, pitch + d}) {
                if (p >= 0 && p < 128 && chroma[step * 12 + p % 12] > 0.5f) return p;
            }
        }
        return pitch; // no chord: the pitch as it is
    }

    @Override
    public int pitchLatentSize() {
        return SIZE;
    }

    @Override
    public int rhythmLatentSize() {
        return SIZE;
    }
}
