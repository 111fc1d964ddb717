package org.analogy.engine.control;

import org.analogy.engine.style.Style;

/**
 * The performer's settings as one immutable value. Controls (CLI, UI, OSC, MIDI learn) replace the whole
 * snapshot through {@link EngineControls}; the inference stage reads it once per bar, so a change takes
 * effect at the next bar line and never half-way through one.
 *
 * @param echoDelayBars     echo mode: bars between playing and hearing it back (1, 2 or 4)
 * @param echoTranspose     echo mode: semitones added to the echoed notes (−24…24)
 * @param melodyChannel     output channel (0–15) of the generated melody line
 * @param accompanimentChannel output channel (0–15) of the generated accompaniment
 * @param velocityScale     multiplies generated velocities (0.1–2.0)
 * @param style             the preset in force: mode name, chord source, per-factor transforms with their
 *                          reference clips, and how each part sounds (see {@link Style})
 */
public record ControlSnapshot(int echoDelayBars, int echoTranspose, int melodyChannel, int accompanimentChannel,
                              double velocityScale, Style style) {

    public static final ControlSnapshot DEFAULT = new ControlSnapshot(1, 0, 0, 1, 1.0, Style.DEFAULT);

    public ControlSnapshot(int echoDelayBars, int echoTranspose, int melodyChannel, int accompanimentChannel,
                           double velocityScale) {
        this(echoDelayBars, echoTranspose, melodyChannel, accompanimentChannel, velocityScale, Style.DEFAULT);
    }

    public ControlSnapshot {
        if (style == null) throw new IllegalArgumentException("style must not be null");
        if (echoDelayBars != 1 && echoDelayBars != 2 && echoDelayBars != 4) {
            throw new IllegalArgumentException("echo delay " + echoDelayBars + " bars: allowed 1, 2 or 4");
        }
        if (echoTranspose < -24 || echoTranspose > 24) {
            throw new IllegalArgumentException("echo transpose " + echoTranspose + " semitones: allowed −24…24");
        }
        checkChannel("melody channel", melodyChannel);
        checkChannel("accompaniment channel", accompanimentChannel);
        if (!(velocityScale >= 0.1 && velocityScale <= 2.0)) {
            throw new IllegalArgumentException("velocity scale " + velocityScale + ": allowed 0.1–2.0");
        }
    }

    private static void checkChannel(String what, int channel) {
        if (channel < 0 || channel > 15) throw new IllegalArgumentException(what + " " + (channel + 1) + ": allowed 1–16");
    }

    public ControlSnapshot withEcho(int delayBars, int transpose) {
        return new ControlSnapshot(delayBars, transpose, melodyChannel, accompanimentChannel, velocityScale, style);
    }

    public ControlSnapshot withChannels(int melody, int accompaniment) {
        return new ControlSnapshot(echoDelayBars, echoTranspose, melody, accompaniment, velocityScale, style);
    }

    public ControlSnapshot withVelocityScale(double scale) {
        return new ControlSnapshot(echoDelayBars, echoTranspose, melodyChannel, accompanimentChannel, scale, style);
    }

    /** The same settings under another style (a preset, or one transform moved); heard from the next bar line. */
    public ControlSnapshot withStyle(Style value) {
        return new ControlSnapshot(echoDelayBars, echoTranspose, melodyChannel, accompanimentChannel, velocityScale, value);
    }

    public int scaleVelocity(int velocity) {
        return Math.max(1, Math.min(127, (int) Math.round(velocity * velocityScale)));
    }
}
