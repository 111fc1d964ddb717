package org.analogy.engine.band;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;

/**
 * The bass part's rule-based stand-in, used only while no bass model bundle is installed: the chord's root where
 * the chord changes (and on the downbeat), and on every other kick drum the fifth and the root in turn, so the
 * line locks to the chords and to the kick. Without a kick in the bar it plays beats 1 and 3. Each note lasts
 * until the next (legato, as a bass player holds), the last to the bar's end. Chord bass notes (slash chords)
 * are played as the root of the change.
 */
public final class RootFifthBass implements BassLine {

    static final String DESCRIPTION = "root on chord changes + fifth, locked to the kick (stand-in)";
    private static final int ROOT_VELOCITY = 100;
    private static final int OTHER_VELOCITY = 84;

    @Override
    public String describe() {
        return DESCRIPTION;
    }

    @Override
    public List<GridNote> play(BassBar bar) {
        int spb = bar.stepsPerBar();
        boolean[] onset = new boolean[spb];
        boolean anyKick = false;
        for (int s = 0; s < spb; s++) anyKick |= bar.kicks()[s];
        for (int s = 0; s < spb; s++) {
            boolean change = s == 0 || !bar.chords()[s].equals(bar.chords()[s - 1]);
            onset[s] = change || (anyKick ? bar.kicks()[s] : s % (spb / 2) == 0);
        }
        List<GridNote> out = new ArrayList<>();
        boolean fifthNext = true;
        for (int s = 0; s < spb; s++) {
            if (!onset[s]) continue;
            Chord c = bar.chords()[s];
            if (c.isNone()) continue;
            boolean change = s == 0 || !c.equals(bar.chords()[s - 1]);
            // Roots from C2 (36) up; the part folds the line into its register. The fifth sits above the root.
            int root = 36 + c.root();
            int pitch;
            if (change) {
                pitch = c.bass() >= 0 ? 36 + c.bass() : root;
                fifthNext = true;
            } else {
                pitch = fifthNext && c.contains((c.root() + 7) % 12) ? root + 7 : root;
                fifthNext = !fifthNext;
            }
            int end = s + 1;
            while (end < spb && !onset[end]) end++;
            out.add(new GridNote(pitch, change ? ROOT_VELOCITY : OTHER_VELOCITY, s, end - s));
        }
        return out;
    }
}
