package org.analogy.engine.chords;

import java.util.Map;

/**
 * A chord as the models see it: a root pitch class, the set of sounding pitch classes (a 12-bit mask, bit
 * {@code pc} set when pitch class {@code pc} is in the chord) and a bass pitch class. Spelling is not
 * kept: {@code C#} and {@code Db} are the same chord. {@link #NONE} stands for "no chord" (root and bass -1).
 *
 * <p>Two textual forms are read: the Harte labels of POP909 ({@link #parseHarte}, via {@link ChordLabel})
 * and lead-sheet symbols typed by users ({@link #parseSymbol}); {@link #toSymbol} writes the latter.
 */
public record Chord(int root, int pitchClassMask, int bass) {

    public static final Chord NONE = new Chord(-1, 0, -1);

    private static final String[] NAMES = {"C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"};

    /** Lead-sheet suffixes, as intervals above the root; a suffix must match exactly. */
    private static final Map<String, int[]> SYMBOL_QUALITIES = Map.ofEntries(
            Map.entry("", new int[]{0, 4, 7}),
            Map.entry("maj", new int[]{0, 4, 7}),
            Map.entry("M", new int[]{0, 4, 7}),
            Map.entry("m", new int[]{0, 3, 7}),
            Map.entry("min", new int[]{0, 3, 7}),
            Map.entry("-", new int[]{0, 3, 7}),
            Map.entry("dim", new int[]{0, 3, 6}),
            Map.entry("o", new int[]{0, 3, 6}),
            Map.entry("aug", new int[]{0, 4, 8}),
            Map.entry("+", new int[]{0, 4, 8}),
            Map.entry("5", new int[]{0, 7}),
            Map.entry("6", new int[]{0, 4, 7, 9}),
            Map.entry("m6", new int[]{0, 3, 7, 9}),
            Map.entry("7", new int[]{0, 4, 7, 10}),
            Map.entry("maj7", new int[]{0, 4, 7, 11}),
            Map.entry("M7", new int[]{0, 4, 7, 11}),
            Map.entry("m7", new int[]{0, 3, 7, 10}),
            Map.entry("min7", new int[]{0, 3, 7, 10}),
            Map.entry("-7", new int[]{0, 3, 7, 10}),
            Map.entry("mMaj7", new int[]{0, 3, 7, 11}),
            Map.entry("mM7", new int[]{0, 3, 7, 11}),
            Map.entry("m7b5", new int[]{0, 3, 6, 10}),
            Map.entry("ø", new int[]{0, 3, 6, 10}),
            Map.entry("dim7", new int[]{0, 3, 6, 9}),
            Map.entry("o7", new int[]{0, 3, 6, 9}),
            Map.entry("sus2", new int[]{0, 2, 7}),
            Map.entry("sus4", new int[]{0, 5, 7}),
            Map.entry("sus", new int[]{0, 5, 7}),
            Map.entry("7sus4", new int[]{0, 5, 7, 10}),
            Map.entry("add9", new int[]{0, 2, 4, 7}),
            Map.entry("9", new int[]{0, 2, 4, 7, 10}),
            Map.entry("maj9", new int[]{0, 2, 4, 7, 11}),
            Map.entry("m9", new int[]{0, 2, 3, 7, 10}));

    /** Preferred suffix per interval set, for {@link #toSymbol}; checked in this order. */
    private static final String[] DISPLAY_SUFFIXES = {
        "", "m", "7", "maj7", "m7", "dim", "aug", "sus2", "sus4", "7sus4", "6", "m6", "m7b5", "dim7",
        "mMaj7", "9", "maj9", "m9", "add9", "5"};

    public Chord {
        if (pitchClassMask < 0 || pitchClassMask > 0xFFF) {
            throw new IllegalArgumentException("pitch-class mask " + Integer.toHexString(pitchClassMask) + " has bits beyond 12");
        }
        boolean none = root == -1;
        if (none != (pitchClassMask == 0) || none != (bass == -1)) {
            throw new IllegalArgumentException("a chord has a root, pitch classes and a bass, or none of them (root "
                    + root + ", mask " + Integer.toHexString(pitchClassMask) + ", bass " + bass + ")");
        }
        if (!none && (root < 0 || root > 11 || bass < 0 || bass > 11)) {
            throw new IllegalArgumentException("root " + root + " and bass " + bass + " must be pitch classes 0–11");
        }
    }

    /** A chord from its root, intervals above the root (any octave), and bass pitch class. */
    public static Chord of(int root, int[] intervals, int bass) {
        int mask = 0;
        for (int interval : intervals) mask |= 1 << Math.floorMod(root + interval, 12);
        return new Chord(root, mask, bass);
    }

    /** A Harte label as used by POP909, e.g. {@code G:7/3}; see {@link ChordLabel#parse}. */
    public static Chord parseHarte(String label) {
        return ChordLabel.parse(label);
    }

    /**
     * A lead-sheet symbol: root letter with optional {@code #}/{@code b}, a suffix such as {@code m},
     * {@code 7}, {@code maj7}, {@code m7b5}, {@code sus4}, {@code dim}, {@code aug}, {@code 6}, and an
     * optional slash bass note ({@code G/B}). {@code N} or {@code N.C.} is no chord.
     */
    public static Chord parseSymbol(String symbol) {
        String text = symbol.trim();
        if (text.equals("N") || text.equalsIgnoreCase("N.C.")) return NONE;
        int slash = text.indexOf('/');
        String main = slash < 0 ? text : text.substring(0, slash);
        int[] rootAndLength = readNote(main, symbol);
        int root = rootAndLength[0];
        String suffix = main.substring(rootAndLength[1]);
        int[] intervals = SYMBOL_QUALITIES.get(suffix);
        if (intervals == null) {
            throw new IllegalArgumentException("chord symbol '" + symbol + "': unknown quality '" + suffix + "'");
        }
        int bass = root;
        if (slash >= 0) {
            String bassText = text.substring(slash + 1);
            int[] bassAndLength = readNote(bassText, symbol);
            if (bassAndLength[1] != bassText.length()) {
                throw new IllegalArgumentException("chord symbol '" + symbol + "': bad bass note '" + bassText + "'");
            }
            bass = bassAndLength[0];
        }
        return of(root, intervals, bass);
    }

    /** Reads a note name at the start of {@code text}: {pitch class, characters used}. */
    static int[] readNote(String text, String wholeLabel) {
        if (text.isEmpty() || "CDEFGAB".indexOf(text.charAt(0)) < 0) {
            throw new IllegalArgumentException("chord '" + wholeLabel + "': bad note name '" + text + "'");
        }
        int pc = new int[]{0, 2, 4, 5, 7, 9, 11}["CDEFGAB".indexOf(text.charAt(0))];
        int used = 1;
        while (used < text.length() && (text.charAt(used) == '#' || text.charAt(used) == 'b')) {
            pc += text.charAt(used) == '#' ? 1 : -1;
            used++;
        }
        return new int[]{Math.floorMod(pc, 12), used};
    }

    public boolean isNone() {
        return root == -1;
    }

    public boolean contains(int pitchClass) {
        return (pitchClassMask >> Math.floorMod(pitchClass, 12) & 1) == 1;
    }

    /** The chord's pitch classes in ascending order (C = 0). */
    public int[] pitchClasses() {
        int[] result = new int[Integer.bitCount(pitchClassMask)];
        int i = 0;
        for (int pc = 0; pc < 12; pc++) if (contains(pc)) result[i++] = pc;
        return result;
    }

    public Chord transposed(int semitones) {
        if (isNone()) return this;
        int shift = Math.floorMod(semitones, 12);
        int rotated = ((pitchClassMask << shift) | (pitchClassMask >>> (12 - shift))) & 0xFFF;
        return new Chord((root + shift) % 12, rotated, (bass + shift) % 12);
    }

    /**
     * A lead-sheet symbol for display ({@code Am}, {@code G7/B}, {@code Bbmaj7}). A chord with no common
     * name is written as its root and the semitones above it, e.g. {@code C(0,2,4,5)}. Black keys are
     * spelled Eb, Ab, Bb, C#, F#, whatever the label said.
     */
    public String toSymbol() {
        if (isNone()) return "N.C.";
        int relative = transposed(-root).pitchClassMask;
        String suffix = null;
        for (String candidate : DISPLAY_SUFFIXES) {
            if (of(0, SYMBOL_QUALITIES.get(candidate), 0).pitchClassMask == relative) {
                suffix = candidate;
                break;
            }
        }
        if (suffix == null) {
            StringBuilder intervals = new StringBuilder("(");
            for (int pc = 0; pc < 12; pc++) {
                if ((relative >> pc & 1) == 1) intervals.append(intervals.length() > 1 ? "," : "").append(pc);
            }
            suffix = intervals.append(')').toString();
        }
        return NAMES[root] + suffix + (bass == root ? "" : "/" + NAMES[bass]);
    }

    public static String pitchClassName(int pitchClass) {
        return NAMES[Math.floorMod(pitchClass, 12)];
    }

    @Override
    public String toString() {
        return toSymbol();
    }
}
