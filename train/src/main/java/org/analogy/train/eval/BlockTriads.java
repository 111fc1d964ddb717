package org.analogy.train.eval;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.accompaniment.Accompanist;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.Style;

/**
 * The rule-based baseline of the accompany evaluation: on every beat, the triad of the chord at that beat
 * (root, the chord's third and fifth, or its next two tones when it has no third or fifth) in close
 * position from the root in the octave below middle C, held for the beat.
 */
final class BlockTriads implements Accompanist {

    static final int LOWEST_ROOT = 48;
    static final int VELOCITY = 72;

    @Override
    public List<GridNote> accompany(Chord[] chords, List<GridNote> played, Style style, long bar) {
        List<GridNote> out = new ArrayList<>();
        int bar0 = chords.length / 2;
        for (int beat = 0; beat < 4; beat++) {
            Chord c = chords[bar0 + beat * 4];
            if (c.isNone()) continue;
            for (int pitch : triad(c)) out.add(new GridNote(pitch, VELOCITY, beat * 4, 4));
        }
        return out;
    }

    /** Root, third and fifth above {@link #LOWEST_ROOT}; a chord's other tones stand in for a missing third or fifth. */
    static int[] triad(Chord c) {
        int root = LOWEST_ROOT + c.root();
        int[] preferred = {4, 3, 5, 2};   // major or minor third, else sus4, sus2
        int[] fifths = {7, 6, 8};
        int third = pick(c, preferred);
        int fifth = pick(c, fifths);
        List<Integer> tones = new ArrayList<>(List.of(root));
        if (third >= 0) tones.add(root + third);
        if (fifth >= 0) tones.add(root + fifth);
        return tones.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int pick(Chord c, int[] intervals) {
        for (int i : intervals) if (c.contains((c.root() + i) % 12)) return i;
        return -1;
    }

    @Override
    public String describe() {
        return "block triads of the chord";
    }
}
