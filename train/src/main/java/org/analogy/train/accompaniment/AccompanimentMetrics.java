package org.analogy.train.accompaniment;

import static org.analogy.train.accompaniment.AccompanimentConfig.CHORD_FORM;
import static org.analogy.train.accompaniment.AccompanimentConfig.PITCHES;
import static org.analogy.train.accompaniment.AccompanimentConfig.STEPS;
import static org.analogy.train.accompaniment.AccompanimentConfig.STEPS_PER_BEAT;

/**
 * The accompaniment quality measures of issue 4, accumulated over many windows. All work on duration rolls
 * ({@code roll[step][pitch]} = duration, 0 = no onset) and 8 × 36 chord forms.
 *
 * <ul>
 *   <li>Note F1: a note is (onset step, pitch); durations are not judged.</li>
 *   <li>Chord-tone share: of the output's onsets on beats that have a chord, the share whose pitch class is in
 *       that beat's chord.</li>
 *   <li>Onset-pattern F1: a window's pattern is the set of 16th steps with any onset.</li>
 *   <li>Note count per bar: the output's count against the reference's, per bar with at least one reference
 *       note; reported as the share of bars within ±25% and the mean relative difference.</li>
 * </ul>
 */
public final class AccompanimentMetrics {

    private long noteTruePositives, notePredicted, noteActual;
    private long chordTones, judgedOnsets;
    private long patternTruePositives, patternPredicted, patternActual;
    private long bars, barsWithin;
    private double relativeDifferenceSum;
    private long windows;

    /** Output {@code predicted} against the window it should reproduce: note F1 only. */
    public void addReconstruction(int[][] predicted, int[][] truth) {
        windows++;
        for (int step = 0; step < STEPS; step++) {
            for (int pitch = 0; pitch < PITCHES; pitch++) {
                boolean p = predicted[step][pitch] > 0;
                boolean t = truth[step][pitch] > 0;
                if (p) notePredicted++;
                if (t) noteActual++;
                if (p && t) noteTruePositives++;
            }
        }
    }

    /** Output's onsets against the chords it was asked to follow. */
    public void addChordControl(int[][] output, float[] chordForm) {
        for (int step = 0; step < STEPS; step++) {
            int offset = (step / STEPS_PER_BEAT) * CHORD_FORM + 12;
            boolean hasChord = false;
            for (int pc = 0; pc < 12; pc++) if (chordForm[offset + pc] > 0) hasChord = true;
            if (!hasChord) continue;
            for (int pitch = 0; pitch < PITCHES; pitch++) {
                if (output[step][pitch] == 0) continue;
                judgedOnsets++;
                if (chordForm[offset + pitch % 12] > 0) chordTones++;
            }
        }
    }

    /** Output's rhythm against the texture source: onset-pattern F1 and note count per bar. */
    public void addTexture(int[][] output, int[][] texture) {
        int[] outputCounts = new int[2];
        int[] textureCounts = new int[2];
        for (int step = 0; step < STEPS; step++) {
            int outputNotes = 0, textureNotes = 0;
            for (int pitch = 0; pitch < PITCHES; pitch++) {
                if (output[step][pitch] > 0) outputNotes++;
                if (texture[step][pitch] > 0) textureNotes++;
            }
            outputCounts[step / 16] += outputNotes;
            textureCounts[step / 16] += textureNotes;
            if (outputNotes > 0) patternPredicted++;
            if (textureNotes > 0) patternActual++;
            if (outputNotes > 0 && textureNotes > 0) patternTruePositives++;
        }
        for (int bar = 0; bar < 2; bar++) {
            if (textureCounts[bar] == 0) continue;
            double relative = Math.abs(outputCounts[bar] - textureCounts[bar]) / (double) textureCounts[bar];
            bars++;
            relativeDifferenceSum += relative;
            if (relative <= 0.25) barsWithin++;
        }
    }

    public long windows() {
        return windows;
    }

    public double noteF1() {
        return f1(noteTruePositives, notePredicted, noteActual);
    }

    public double notePrecision() {
        return notePredicted == 0 ? 0 : (double) noteTruePositives / notePredicted;
    }

    public double noteRecall() {
        return noteActual == 0 ? 0 : (double) noteTruePositives / noteActual;
    }

    public double chordToneShare() {
        return judgedOnsets == 0 ? 0 : (double) chordTones / judgedOnsets;
    }

    public long judgedOnsets() {
        return judgedOnsets;
    }

    public double onsetPatternF1() {
        return f1(patternTruePositives, patternPredicted, patternActual);
    }

    public double barsWithinQuarter() {
        return bars == 0 ? 0 : (double) barsWithin / bars;
    }

    public double meanRelativeCountDifference() {
        return bars == 0 ? 0 : relativeDifferenceSum / bars;
    }

    private static double f1(long truePositives, long predicted, long actual) {
        return predicted + actual == 0 ? 0 : 2.0 * truePositives / (predicted + actual);
    }
}
