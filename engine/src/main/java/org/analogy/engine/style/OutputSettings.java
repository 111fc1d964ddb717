package org.analogy.engine.style;

import org.analogy.engine.transform.Range;

/**
 * How one generated part sounds: its General MIDI program (−1 leaves the receiver's), a velocity scale and
 * the register its notes are folded into by octaves. The channel lives in the control snapshot.
 */
public record OutputSettings(int program, double velocity, int low, int high) {

    public static final Range PROGRAM = new Range(-1, 127);
    public static final Range VELOCITY = new Range(0.1, 2.0);
    public static final Range PITCH = new Range(0, 127);
    /** At least an octave, so that folding always finds a place for a note. */
    public static final int MIN_SPAN = 12;

    public static final OutputSettings MELODY = new OutputSettings(-1, 1.0, 55, 88);
    public static final OutputSettings ACCOMPANIMENT = new OutputSettings(-1, 0.85, 36, 76);

    public OutputSettings {
        PROGRAM.check("program", program);
        VELOCITY.check("velocity", velocity);
        PITCH.check("register low", low);
        PITCH.check("register high", high);
        if (high - low < MIN_SPAN) {
            throw new IllegalArgumentException("register " + low + "–" + high + ": must span at least " + MIN_SPAN + " semitones");
        }
    }

    /** Moves a pitch by octaves into [low, high]. */
    public int fold(int pitch) {
        while (pitch < low) pitch += 12;
        while (pitch > high) pitch -= 12;
        return pitch;
    }

    public int velocity(int base, double globalScale) {
        return Math.max(1, Math.min(127, (int) Math.round(base * velocity * globalScale)));
    }
}
