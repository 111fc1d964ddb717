package org.analogy.engine.process;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CapturedNote;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.repr.GridNote;

/** Small views of a window that the modes share. */
final class Bars {

    private Bars() {}

    /** The melody notes (not the chord zone) of the model window, relative to its first step. */
    static List<GridNote> melodyWindow(BarWindow w, ChordSource chords) {
        List<GridNote> out = new ArrayList<>();
        for (GridNote n : w.modelWindowNotes()) if (chords.isMelody(n.pitch())) out.add(n);
        return out;
    }

    /** The melody notes with onsets in {@code bar}, relative to that bar's first step. */
    static List<GridNote> melodyBar(BarWindow w, long bar, ChordSource chords) {
        List<GridNote> out = new ArrayList<>();
        for (CapturedNote n : w.notesInBar(bar)) if (chords.isMelody(n.pitch())) out.add(n.toGridNote());
        return out;
    }

    static int meanVelocity(List<GridNote> notes, int fallback) {
        if (notes.isEmpty()) return fallback;
        int sum = 0;
        for (GridNote n : notes) sum += n.velocity();
        return sum / notes.size();
    }

    /** The notes of one bar of decoded window tokens, starts relative to that bar. */
    static List<GridNote> decodedBar(int[] tokens, int bar, int stepsPerBar, int velocity) {
        List<GridNote> out = new ArrayList<>();
        for (GridNote n : MelodyTokens.decode(tokens, velocity)) {
            if (n.start() >= bar * stepsPerBar && n.start() < (bar + 1) * stepsPerBar) out.add(n.shifted(-bar * stepsPerBar));
        }
        return out;
    }

    static Chord[] concat(Chord[] a, Chord[] b) {
        Chord[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static void requireFourFour(BarWindow w, String mode) {
        if (w.stepsPerBar() != MelodyTokens.STEPS_PER_BAR) {
            throw new IllegalStateException(mode + " works in 4/4 (the models' 2-bar windows are 32 sixteenths)");
        }
    }
}
