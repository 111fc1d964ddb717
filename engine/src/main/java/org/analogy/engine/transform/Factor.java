package org.analogy.engine.transform;

import java.util.Locale;

/**
 * The parts a musician recognises, each its own latent: a melody's pitch contour and its rhythm (the melody
 * model), an accompaniment's chords and its texture (the accompaniment model), and the drums' groove (the
 * groove model; used only by a style whose band has drums).
 */
public enum Factor {
    PITCH, RHYTHM, CHORD, TEXTURE, GROOVE;

    /** The name used in presets, attribute files and on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Factor ofKey(String key) {
        for (Factor f : values()) if (f.key().equals(key)) return f;
        throw new IllegalArgumentException("unknown factor '" + key + "': allowed pitch, rhythm, chord, texture, groove");
    }
}
