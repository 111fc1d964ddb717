package org.analogy.engine.accompaniment;

import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;

/**
 * What the performance modes need from the learned accompaniment model (Poly-dis-like, 2-bar windows of
 * 32 steps): a chord progression to its chord latent, a piano roll to its texture latent, and both latents
 * back to a piano accompaniment. The ONNX accompaniment model plugs in here through a small adapter (as
 * {@code MelodyModel} implements {@code MelodyCodec}) and runs through {@link LatentAccompanist}; until one
 * is attached, {@link PatternAccompanist} plays the reference textures re-voiced to the chords.
 * Not thread-safe: the inference thread owns it.
 */
public interface AccompanimentCodec {

    int chordLatentSize();

    int textureLatentSize();

    /** {@code chordPerStep}: 32 chords, one per 16th step. */
    float[] encodeChord(Chord[] chordPerStep) throws Exception;

    /** {@code pianoRoll[32][128]}: the duration in steps of a note starting at that step and pitch, else 0. */
    float[] encodeTexture(int[][] pianoRoll) throws Exception;

    /** The accompaniment of the window, starts relative to its first step. */
    List<GridNote> decode(float[] chordLatent, float[] textureLatent) throws Exception;
}
