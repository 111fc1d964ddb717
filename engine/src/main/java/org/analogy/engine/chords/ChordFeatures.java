package org.analogy.engine.chords;

import java.util.List;

import org.analogy.engine.melody.MelodyTokens;

/**
 * Chord conditioning as the models take it. EC2VAE's decoder is conditioned on a 12-d chroma per 16th
 * step; Poly-dis's chord encoder reads one 36-d vector per beat: root one-hot (12) ⊕ chroma (12) ⊕ bass
 * one-hot (12). {@link Chord#NONE} is all zeros in both.
 */
public final class ChordFeatures {

    public static final int CHROMA_SIZE = 12;
    public static final int CHORD_FORM_SIZE = 36;
    public static final int STEPS_PER_BEAT = 4;
    public static final int BEATS_PER_WINDOW = MelodyTokens.WINDOW_STEPS / STEPS_PER_BEAT;

    private ChordFeatures() {
    }

    /** Chroma per step, row-major: {@code [step * 12 + pitchClass]} is 1 when the step's chord has it. */
    public static float[] chroma(List<Chord> chordPerStep) {
        float[] chroma = new float[chordPerStep.size() * CHROMA_SIZE];
        for (int step = 0; step < chordPerStep.size(); step++) {
            writeChroma(chordPerStep.get(step), chroma, step * CHROMA_SIZE);
        }
        return chroma;
    }

    /**
     * The 36-d chord form per beat, row-major {@code [beat * 36 + i]}: i in 0–11 root, 12–23 chroma,
     * 24–35 bass.
     */
    public static float[] chordForm(List<Chord> chordPerBeat) {
        float[] form = new float[chordPerBeat.size() * CHORD_FORM_SIZE];
        for (int beat = 0; beat < chordPerBeat.size(); beat++) {
            Chord chord = chordPerBeat.get(beat);
            if (chord.isNone()) continue;
            int offset = beat * CHORD_FORM_SIZE;
            form[offset + chord.root()] = 1f;
            writeChroma(chord, form, offset + CHROMA_SIZE);
            form[offset + 2 * CHROMA_SIZE + chord.bass()] = 1f;
        }
        return form;
    }

    /**
     * The chord form from a per-step chord sequence: each beat takes the chord at its first step, as the
     * beat-level annotations Poly-dis was trained on change chords on beats.
     */
    public static float[] chordFormFromSteps(List<Chord> chordPerStep) {
        if (chordPerStep.size() % STEPS_PER_BEAT != 0) {
            throw new IllegalArgumentException(chordPerStep.size() + " steps is not a whole number of beats");
        }
        Chord[] perBeat = new Chord[chordPerStep.size() / STEPS_PER_BEAT];
        for (int beat = 0; beat < perBeat.length; beat++) perBeat[beat] = chordPerStep.get(beat * STEPS_PER_BEAT);
        return chordForm(List.of(perBeat));
    }

    private static void writeChroma(Chord chord, float[] target, int offset) {
        for (int pc = 0; pc < CHROMA_SIZE; pc++) {
            if (chord.contains(pc)) target[offset + pc] = 1f;
        }
    }
}
