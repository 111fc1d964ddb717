package org.analogy.train.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;

/**
 * The measures of the harmony evaluation on one run of a song, from three things on the 16th grid: the
 * melody the performer played, the chord the band played at every step, and the accompaniment's notes.
 * Pure arithmetic, so that each figure can be checked by hand on a small song.
 *
 * <ul>
 *   <li><b>note-in-chord (NiC)</b>: over every (step, melody note sounding at that step), the share whose pitch
 *       class is in the chord the band plays at that step ("no chord" holds none);</li>
 *   <li><b>strong-beat NiC</b>: the same over the steps of beats 1 and 3;</li>
 *   <li><b>clash</b>: of the same (step, note) pairs, the share whose pitch class is a semitone from a pitch
 *       class the accompaniment sounds at that step;</li>
 *   <li><b>chord-tone</b>: the share of accompaniment onsets under an annotated chord whose pitch class is in it;</li>
 *   <li><b>chord variety</b>: the Shannon entropy (bits) of the chord labels of a song's chord segments and of
 *       their lengths in steps (a segment is a maximal run of one chord, root and pitch classes, bass ignored).</li>
 * </ul>
 */
final class HarmonyMeasures {

    static final int STEPS_PER_BAR = 16;

    private HarmonyMeasures() {}

    /** Hits out of a total. */
    record Count(long hits, long total) {
        static final Count ZERO = new Count(0, 0);

        Count plus(Count o) {
            return new Count(hits + o.hits, total + o.total);
        }

        double ratio() {
            return total == 0 ? Double.NaN : hits / (double) total;
        }
    }

    /** NiC over the steps in [from, to) (all steps, or only those of beats 1 and 3). */
    static Count noteInChord(List<GridNote> melody, Chord[] played, int from, int to, boolean strongBeatsOnly) {
        long hits = 0;
        long total = 0;
        for (GridNote n : melody) {
            int a = Math.max(from, n.start());
            int b = Math.min(Math.min(to, played.length), n.end());
            for (int s = a; s < b; s++) {
                if (strongBeatsOnly && !isStrongBeat(s)) continue;
                total++;
                if (played[s].contains(n.pitch() % 12)) hits++;
            }
        }
        return new Count(hits, total);
    }

    /** Beats 1 and 3 of a 4/4 bar: steps 0–3 and 8–11. */
    static boolean isStrongBeat(int step) {
        int inBar = Math.floorMod(step, STEPS_PER_BAR);
        return inBar < 4 || inBar >= 8 && inBar < 12;
    }

    /** NiC of each bar of {@code bars} bars. */
    static Count[] noteInChordPerBar(List<GridNote> melody, Chord[] played, int bars) {
        Count[] out = new Count[bars];
        for (int b = 0; b < bars; b++) out[b] = noteInChord(melody, played, b * STEPS_PER_BAR, (b + 1) * STEPS_PER_BAR, false);
        return out;
    }

    /** Clashes: (step, melody note) pairs a semitone from a pitch class the accompaniment sounds then. */
    static Count clashes(List<GridNote> melody, List<GridNote> accompaniment, int steps) {
        int[] sounding = new int[steps]; // pitch-class mask per step
        for (GridNote n : accompaniment) {
            for (int s = Math.max(0, n.start()); s < Math.min(steps, n.end()); s++) sounding[s] |= 1 << (n.pitch() % 12);
        }
        long hits = 0;
        long total = 0;
        for (GridNote n : melody) {
            int pc = n.pitch() % 12;
            int neighbours = 1 << (pc + 1) % 12 | 1 << (pc + 11) % 12;
            for (int s = Math.max(0, n.start()); s < Math.min(steps, n.end()); s++) {
                total++;
                if ((sounding[s] & neighbours) != 0) hits++;
            }
        }
        return new Count(hits, total);
    }

    /** Accompaniment onsets under an annotated chord, and how many are its tones. */
    static Count chordTones(List<GridNote> accompaniment, Chord[] annotated) {
        long hits = 0;
        long total = 0;
        for (GridNote n : accompaniment) {
            if (n.start() < 0 || n.start() >= annotated.length || annotated[n.start()].isNone()) continue;
            total++;
            if (annotated[n.start()].contains(n.pitch() % 12)) hits++;
        }
        return new Count(hits, total);
    }

    /** {label entropy, duration entropy} in bits over the chord segments of {@code chords} ("no chord" skipped). */
    static double[] entropies(Chord[] chords) {
        List<Integer> labels = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        int s = 0;
        while (s < chords.length) {
            int e = s + 1;
            while (e < chords.length && sameChord(chords[e], chords[s])) e++;
            if (!chords[s].isNone()) {
                labels.add(chords[s].root() * 4096 + chords[s].pitchClassMask());
                lengths.add(e - s);
            }
            s = e;
        }
        return new double[] {entropy(labels), entropy(lengths)};
    }

    static boolean sameChord(Chord a, Chord b) {
        return a.root() == b.root() && a.pitchClassMask() == b.pitchClassMask();
    }

    static double entropy(List<Integer> values) {
        if (values.isEmpty()) return 0;
        Map<Integer, Integer> counts = new HashMap<>();
        for (int v : values) counts.merge(v, 1, Integer::sum);
        double h = 0;
        for (int c : counts.values()) {
            double p = c / (double) values.size();
            h -= p * Math.log(p) / Math.log(2);
        }
        return h;
    }

    /**
     * Recovery after a modulation at bar {@code at}: the first bar offset j (0 = the modulated bar itself) at
     * which the pooled NiC of bar {@code at + j} is back within 10 % of the pooled NiC before the change;
     * {@code perOffset.length} when it never is within the bars measured.
     */
    static int recoveryBars(Count before, Count[] perOffset) {
        double level = before.ratio();
        for (int j = 0; j < perOffset.length; j++) {
            if (perOffset[j].total() > 0 && perOffset[j].ratio() >= 0.9 * level) return j;
        }
        return perOffset.length;
    }
}
