package org.analogy.engine.melody;

/**
 * A melody window's place in the model's two latent spaces: {@code pitch} (contour and pitch content) and
 * {@code rhythm}. Analogy works by mixing these: the pitch of one window with the rhythm of another.
 */
public record MelodyLatents(float[] pitch, float[] rhythm) {

    /** This window's pitch with {@code other}'s rhythm. */
    public MelodyLatents withRhythmOf(MelodyLatents other) {
        return new MelodyLatents(pitch, other.rhythm);
    }
}
