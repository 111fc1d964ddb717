package org.analogy.engine.chords;

import java.util.Map;

/**
 * Reads Harte chord labels (Harte et al., ISMIR 2005), the syntax of POP909's {@code chord_midi.txt}:
 * {@code root[:shorthand][(degree,...)][/bass-degree]}, e.g. {@code C:maj}, {@code A:min7}, {@code G:7/3},
 * {@code F:sus4(b7)}, {@code C:maj(9)}, {@code C:min(*5)}, {@code A:min/b3}. A root without shorthand is a
 * major triad; {@code C:(1,b3,5)} lists the degrees alone. {@code N} (no chord) and {@code X} (unknown
 * chord) both become {@link Chord#NONE}: neither names any pitch class to feed the models.
 *
 * <p>Anything else is an error that names the label and the part that could not be read: a silently
 * dropped chord would train the model on wrong harmony.
 */
public final class ChordLabel {

    /** Shorthands as degree lists, as in Harte's table (plus the common 1, 5 and 11/13 extensions). */
    private static final Map<String, String[]> SHORTHANDS = Map.ofEntries(
            Map.entry("maj", new String[]{"1", "3", "5"}),
            Map.entry("min", new String[]{"1", "b3", "5"}),
            Map.entry("dim", new String[]{"1", "b3", "b5"}),
            Map.entry("aug", new String[]{"1", "3", "#5"}),
            Map.entry("maj7", new String[]{"1", "3", "5", "7"}),
            Map.entry("min7", new String[]{"1", "b3", "5", "b7"}),
            Map.entry("7", new String[]{"1", "3", "5", "b7"}),
            Map.entry("dim7", new String[]{"1", "b3", "b5", "bb7"}),
            Map.entry("hdim7", new String[]{"1", "b3", "b5", "b7"}),
            Map.entry("minmaj7", new String[]{"1", "b3", "5", "7"}),
            Map.entry("maj6", new String[]{"1", "3", "5", "6"}),
            Map.entry("min6", new String[]{"1", "b3", "5", "6"}),
            Map.entry("9", new String[]{"1", "3", "5", "b7", "9"}),
            Map.entry("maj9", new String[]{"1", "3", "5", "7", "9"}),
            Map.entry("min9", new String[]{"1", "b3", "5", "b7", "9"}),
            Map.entry("11", new String[]{"1", "3", "5", "b7", "9", "11"}),
            Map.entry("min11", new String[]{"1", "b3", "5", "b7", "9", "11"}),
            Map.entry("13", new String[]{"1", "3", "5", "b7", "9", "11", "13"}),
            Map.entry("maj13", new String[]{"1", "3", "5", "7", "9", "11", "13"}),
            Map.entry("min13", new String[]{"1", "b3", "5", "b7", "9", "11", "13"}),
            Map.entry("sus2", new String[]{"1", "2", "5"}),
            Map.entry("sus4", new String[]{"1", "4", "5"}),
            Map.entry("1", new String[]{"1"}),
            Map.entry("5", new String[]{"1", "5"}));

    /** Semitones above the root of the natural degrees 1–7 (major scale); 8–13 add an octave. */
    private static final int[] MAJOR_SCALE = {0, 2, 4, 5, 7, 9, 11};

    private ChordLabel() {
    }

    public static Chord parse(String label) {
        String text = label.trim();
        if (text.equals("N") || text.equals("X")) return Chord.NONE;

        int slash = text.indexOf('/');
        String beforeBass = slash < 0 ? text : text.substring(0, slash);
        int colon = beforeBass.indexOf(':');
        int open = beforeBass.indexOf('(');
        int rootEnd = colon >= 0 ? colon : open >= 0 ? open : beforeBass.length();
        String rootText = beforeBass.substring(0, rootEnd);
        int[] rootAndLength = Chord.readNote(rootText, label);
        if (rootAndLength[1] != rootText.length()) {
            throw new IllegalArgumentException("chord label '" + label + "': bad root '" + rootText + "'");
        }
        int root = rootAndLength[0];

        String shorthand = colon < 0 ? "" : beforeBass.substring(colon + 1, open >= 0 ? open : beforeBass.length());
        int mask = 0;
        if (colon < 0 || !shorthand.isEmpty() || open < 0) {
            // "C" and "C/3" mean C:maj; "C:" alone is malformed and caught here.
            String name = colon < 0 ? "maj" : shorthand;
            String[] degrees = SHORTHANDS.get(name);
            if (degrees == null) {
                throw new IllegalArgumentException("chord label '" + label + "': unknown shorthand '" + name + "'");
            }
            for (String degree : degrees) mask |= 1 << semitones(degree, label);
        }
        if (open >= 0) {
            if (!beforeBass.endsWith(")") || beforeBass.indexOf(')') != beforeBass.length() - 1) {
                throw new IllegalArgumentException("chord label '" + label + "': unclosed or misplaced degree list '"
                        + beforeBass.substring(open) + "'");
            }
            String list = beforeBass.substring(open + 1, beforeBass.length() - 1);
            if (list.isBlank()) {
                throw new IllegalArgumentException("chord label '" + label + "': empty degree list '()'");
            }
            for (String item : list.split(",", -1)) {
                String degree = item.trim();
                if (degree.startsWith("*")) {
                    mask &= ~(1 << semitones(degree.substring(1), label));
                } else {
                    mask |= 1 << semitones(degree, label);
                }
            }
        }
        // The mask above is relative to the root (bit 0 = root); rotate it onto absolute pitch classes.
        int absolute = ((mask << root) | (mask >>> (12 - root))) & 0xFFF;
        int bass = root;
        if (slash >= 0) {
            bass = (root + semitones(text.substring(slash + 1), label)) % 12;
        }
        if (absolute == 0) {
            throw new IllegalArgumentException("chord label '" + label + "': omissions leave no pitch class");
        }
        return new Chord(root, absolute, bass);
    }

    /** Semitones (0–11) above the root of a Harte degree such as {@code b3}, {@code #11}, {@code bb7}. */
    private static int semitones(String degree, String label) {
        int i = 0;
        int accidental = 0;
        while (i < degree.length() && (degree.charAt(i) == 'b' || degree.charAt(i) == '#')) {
            accidental += degree.charAt(i) == '#' ? 1 : -1;
            i++;
        }
        String number = degree.substring(i);
        if (number.isEmpty() || number.length() > 2 || !number.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("chord label '" + label + "': bad degree '" + degree + "'");
        }
        int n = Integer.parseInt(number);
        if (n < 1 || n > 13) {
            throw new IllegalArgumentException("chord label '" + label + "': degree '" + degree + "' outside 1–13");
        }
        return Math.floorMod(MAJOR_SCALE[(n - 1) % 7] + accidental, 12);
    }
}
