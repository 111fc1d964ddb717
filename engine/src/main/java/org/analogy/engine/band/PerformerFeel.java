package org.analogy.engine.band;

import java.util.List;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CapturedNote;

/**
 * How busy and how off-beat the performer is playing, measured on the two bars before the one being decided:
 * {@code density} is the share of 16th steps with an onset (any number of notes on one step count once), and
 * {@code syncopation} the share of those onsets that fall off the beat. Bars with no onsets are left out, so a
 * rest does not read as "sparse"; with none at all there is no feel ({@link #NONE}) and the drums are not moved.
 */
public record PerformerFeel(double density, double syncopation, int onsets) {

    public static final PerformerFeel NONE = new PerformerFeel(Double.NaN, Double.NaN, 0);

    /** A typical pop melody: 6 onsets in a bar, a little under half of them off the beat. */
    static final double NEUTRAL_DENSITY = 6.0 / 16;
    static final double NEUTRAL_SYNCOPATION = 0.4;
    /** The distance from neutral that moves the groove by one unit of its attribute direction. */
    static final double DENSITY_UNIT = 4.0 / 16;
    static final double SYNCOPATION_UNIT = 0.3;

    public static PerformerFeel of(BarWindow window) {
        int stepsPerBar = window.stepsPerBar();
        int onsets = 0;
        int offBeat = 0;
        int bars = 0;
        for (long bar = window.targetBar() - 2; bar < window.targetBar(); bar++) {
            if (bar < window.firstBar()) continue;
            List<CapturedNote> notes = window.notesInBar(bar);
            boolean[] struck = new boolean[stepsPerBar];
            int barOnsets = 0;
            for (CapturedNote n : notes) {
                if (n.start() < 0 || n.start() >= stepsPerBar || struck[n.start()]) continue;
                struck[n.start()] = true;
                barOnsets++;
                if (n.start() % 4 != 0) offBeat++;
            }
            if (barOnsets > 0) bars++;
            onsets += barOnsets;
        }
        if (onsets == 0) return NONE;
        return new PerformerFeel(onsets / (double) (bars * stepsPerBar), offBeat / (double) onsets, onsets);
    }

    public boolean isNone() {
        return onsets == 0;
    }

    /** How far to move along the groove's density direction, −1 … 1 (0 with no feel). */
    public double densityAmount() {
        return isNone() ? 0 : clamp((density - NEUTRAL_DENSITY) / DENSITY_UNIT);
    }

    /** How far to move along the groove's syncopation direction, −1 … 1 (0 with no feel). */
    public double syncopationAmount() {
        return isNone() ? 0 : clamp((syncopation - NEUTRAL_SYNCOPATION) / SYNCOPATION_UNIT);
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
