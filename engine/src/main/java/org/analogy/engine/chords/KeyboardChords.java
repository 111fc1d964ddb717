package org.analogy.engine.chords;


/**
 * Arranger-style chord recognition for the left hand: keys held below the split point name the chord, from
 * the moment they are played; releasing them keeps the chord (as arranger keyboards do) until another is
 * played. Two ways of fingering:
 * <ul>
 *   <li>fingered: the chord as played, in any inversion, with sevenths, sixths, sus, dim and aug; two keys
 *       a third apart, or a root and fifth, are read as the triad they imply;</li>
 *   <li>one finger: one key is a major chord; add any black key below it for minor, any white key below it
 *       for a seventh, both for a minor seventh.</li>
 * </ul>
 * Used on the capture thread only; allocates only when the chord changes.
 */
public final class KeyboardChords {

    /** Chord qualities as interval sets above the root, most specific first; ties go to the earlier. */
    private static final int[][] QUALITIES = {
            {0, 4, 7, 11}, {0, 4, 7, 10}, {0, 3, 7, 10}, {0, 3, 7, 11}, {0, 3, 6, 10}, {0, 3, 6, 9},
            {0, 4, 7, 9}, {0, 3, 7, 9}, {0, 5, 7, 10}, {0, 4, 8, 10},
            {0, 4, 7}, {0, 3, 7}, {0, 3, 6}, {0, 4, 8}, {0, 5, 7}, {0, 2, 7},
            {0, 4, 10}, {0, 3, 10}, {0, 4, 11},          // sevenths without their fifth
            {0, 4}, {0, 3}, {0, 7},                        // two keys: the triad they imply
    };
    /** The chord each quality stands for (incomplete ones complete to their full chord). */
    private static final int[][] MEANS = {
            {0, 4, 7, 11}, {0, 4, 7, 10}, {0, 3, 7, 10}, {0, 3, 7, 11}, {0, 3, 6, 10}, {0, 3, 6, 9},
            {0, 4, 7, 9}, {0, 3, 7, 9}, {0, 5, 7, 10}, {0, 4, 8, 10},
            {0, 4, 7}, {0, 3, 7}, {0, 3, 6}, {0, 4, 8}, {0, 5, 7}, {0, 2, 7},
            {0, 4, 7, 10}, {0, 3, 7, 10}, {0, 4, 7, 11},
            {0, 4, 7}, {0, 3, 7}, {0, 4, 7},
    };

    private static final boolean[] BLACK = {false, true, false, true, false, false, true, false, true, false, true, false};

    private final int splitPoint;
    private final boolean oneFinger;
    private final boolean[] held = new boolean[128];
    private int heldCount;
    private Chord current = Chord.NONE;
    private long changes;

    /** @param splitPoint keys below this MIDI note are the chord zone */
    public KeyboardChords(int splitPoint, boolean oneFinger) {
        if (splitPoint < 1 || splitPoint > 127) throw new IllegalArgumentException("split point " + splitPoint + ": allowed 1–127");
        this.splitPoint = splitPoint;
        this.oneFinger = oneFinger;
    }

    /** True when the key belongs to the chord zone (and so is not part of the melody). */
    public boolean inZone(int pitch) {
        return pitch < splitPoint;
    }

    /** A key went down; returns true when it changed the chord. */
    public boolean noteOn(int pitch) {
        if (!inZone(pitch) || held[pitch]) return false;
        held[pitch] = true;
        heldCount++;
        return update();
    }

    public void noteOff(int pitch) {
        if (!inZone(pitch) || !held[pitch]) return;
        held[pitch] = false;
        heldCount--;
        // Releasing keeps the chord: the performer lifts the hand between changes.
    }

    public void releaseAll() {
        java.util.Arrays.fill(held, false);
        heldCount = 0;
    }

    public Chord current() {
        return current;
    }

    public long changes() {
        return changes;
    }

    private boolean update() {
        Chord chord = oneFinger ? oneFingerChord() : fingeredChord();
        if (chord == null || chord.equals(current)) return false;
        current = chord;
        changes++;
        return true;
    }

    private Chord fingeredChord() {
        int mask = 0;
        int lowest = -1;
        for (int p = 0; p < splitPoint; p++) {
            if (held[p]) {
                mask |= 1 << (p % 12);
                if (lowest < 0) lowest = p;
            }
        }
        if (Integer.bitCount(mask) < 2) return null; // one key is not a fingered chord: keep the last one
        int bass = lowest % 12;
        // The same keys can spell two chords (C6 = Am7/C): the reading with the bass as root wins, since
        // that is how players voice them; only then an inversion.
        for (int q = 0; q < QUALITIES.length; q++) {
            Chord rooted = match(mask, bass, q, bass);
            if (rooted != null) return rooted;
        }
        for (int q = 0; q < QUALITIES.length; q++) {
            for (int root = 0; root < 12; root++) {
                if (root == bass) continue;
                Chord inverted = match(mask, root, q, bass);
                if (inverted != null) return inverted;
            }
        }
        return null; // a cluster that names no chord: keep the last one
    }

    private static Chord match(int mask, int root, int quality, int bass) {
        int want = 0;
        for (int interval : QUALITIES[quality]) want |= 1 << ((root + interval) % 12);
        return want == mask ? Chord.of(root, MEANS[quality], bass) : null;
    }

    private Chord oneFingerChord() {
        int highest = -1;
        for (int p = splitPoint - 1; p >= 0; p--) {
            if (held[p]) {
                highest = p;
                break;
            }
        }
        if (highest < 0) return null;
        boolean blackBelow = false;
        boolean whiteBelow = false;
        for (int p = 0; p < highest; p++) {
            if (!held[p]) continue;
            if (BLACK[p % 12]) blackBelow = true;
            else whiteBelow = true;
        }
        int root = highest % 12;
        int[] intervals = blackBelow && whiteBelow ? new int[] {0, 3, 7, 10}
                : blackBelow ? new int[] {0, 3, 7}
                : whiteBelow ? new int[] {0, 4, 7, 10}
                : new int[] {0, 4, 7};
        return Chord.of(root, intervals, root);
    }
}
