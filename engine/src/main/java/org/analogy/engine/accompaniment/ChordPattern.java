package org.analogy.engine.accompaniment;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;

/**
 * One bar of accompaniment written relative to its harmony, the way an arranger keyboard stores a style:
 * each note is "chord tone k (plus a passing step) in this octave" or "the bass", so the bar can be played
 * over any other chord. Built from real notes and the chord sounding at each onset.
 */
public record ChordPattern(List<Note> notes) {

    /**
     * @param rootPitch the source chord's root in the note's own octave (absolute pitch)
     * @param tone      index of the chord tone at or below the note (0 root, 1 third, 2 fifth, 3 seventh …)
     * @param extra     semitones above that chord tone (0 for chord tones, a passing note otherwise)
     * @param bass      the lowest note at its onset and on the chord's bass: follows a slash chord's bass
     */
    public record Note(int step, int length, int rootPitch, int tone, int extra, boolean bass, int velocity) {}

    public ChordPattern {
        notes = List.copyOf(notes);
    }

    /**
     * The notes with onsets in [{@code from}, {@code from + steps}) of {@code source}, relative to the chord
     * sounding at each onset ({@code chordAt[step]}); notes over no chord are left out.
     */
    public static ChordPattern of(List<GridNote> source, Chord[] chordAt, int from, int steps) {
        List<Note> out = new ArrayList<>();
        for (GridNote n : source) {
            if (n.start() < from || n.start() >= from + steps || n.start() >= chordAt.length) continue;
            Chord c = chordAt[n.start()];
            if (c.isNone()) continue;
            int d = n.pitch() - c.root();
            int interval = Math.floorMod(d, 12);
            int[] tones = intervals(c);
            int k = 0;
            for (int i = 0; i < tones.length; i++) if (tones[i] <= interval) k = i;
            boolean lowest = true;
            for (GridNote o : source) if (o.start() == n.start() && o.pitch() < n.pitch()) lowest = false;
            boolean bass = lowest && Math.floorMod(n.pitch(), 12) == c.bass();
            out.add(new Note(n.start() - from, n.duration(), c.root() + d - interval, k, interval - tones[k], bass, n.velocity()));
        }
        return new ChordPattern(out);
    }

    /**
     * The pattern played over {@code chordAt} (one chord per step of the bar): each note moves with the
     * smallest root motion, takes the same chord tone of the new chord (a missing seventh becomes the root an
     * octave up) and a bass note takes the new bass. Notes over no chord are silent.
     */
    public List<GridNote> realise(Chord[] chordAt, int barSteps, double velocityScale) {
        List<GridNote> out = new ArrayList<>();
        for (Note n : notes) {
            if (n.step() >= barSteps) continue;
            Chord target = chordAt[n.step()];
            if (target.isNone()) continue;
            int sourceRoot = Math.floorMod(n.rootPitch(), 12);
            int shift = Math.floorMod(target.root() - sourceRoot, 12);
            if (shift > 6) shift -= 12;
            int root = n.rootPitch() + shift;
            int pitch;
            if (n.bass()) {
                pitch = root + Math.floorMod(target.bass() - target.root(), 12);
            } else {
                int[] tones = intervals(target);
                int wraps = n.tone() / tones.length;
                pitch = root + tones[n.tone() % tones.length] + 12 * wraps + n.extra();
            }
            if (pitch < 0 || pitch > 127) continue;
            int velocity = Math.max(1, Math.min(127, (int) Math.round(n.velocity() * velocityScale)));
            out.add(new GridNote(pitch, velocity, n.step(), Math.max(1, Math.min(n.length(), 2 * barSteps))));
        }
        return out;
    }

    /** The chord's pitch classes as intervals above its root, ascending (root first). */
    static int[] intervals(Chord c) {
        int[] tmp = new int[12];
        int n = 0;
        for (int i = 0; i < 12; i++) if (c.contains((c.root() + i) % 12)) tmp[n++] = i;
        if (n == 0) return new int[] {0};
        return java.util.Arrays.copyOf(tmp, n);
    }
}
