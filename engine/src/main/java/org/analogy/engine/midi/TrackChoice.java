package org.analogy.engine.midi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which track of a MIDI file a verb reads: the one the user named ({@code --track}, {@code --melody-track},
 * {@code --texture-track}: a 1-based number or a name), else the first non-empty track with one of the
 * names that verb prefers. One rule for every verb, one wording for its errors.
 */
public final class TrackChoice {

    private TrackChoice() {}

    /**
     * The track a selector names.
     *
     * @param selector a 1-based track number or a track name (case-insensitive)
     * @throws MidiFileException naming the file and listing its tracks when there is no such track
     */
    public static FileTrack named(MidiFileContent content, String selector) throws MidiFileException {
        String s = selector.trim();
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            long number = s.length() > 9 ? Long.MAX_VALUE : Long.parseLong(s);
            if (number < 1 || number > content.tracks().size()) {
                throw new MidiFileException(content.source() + ": no track " + s + " (the file has "
                        + content.tracks().size() + " tracks: " + list(content) + ")");
            }
            return content.tracks().get((int) number - 1);
        }
        return content.track(s).orElseThrow(() -> new MidiFileException(content.source()
                + ": no track named '" + s + "' (tracks: " + list(content) + ")"));
    }

    /** The first track with notes among those with one of {@code names}, in the order of the names. */
    public static Optional<FileTrack> preferred(MidiFileContent content, List<String> names) {
        for (String name : names) {
            Optional<FileTrack> t = content.track(name);
            if (t.isPresent() && !t.get().notes().isEmpty()) return t;
        }
        return Optional.empty();
    }

    /** The first track that has notes. */
    public static Optional<FileTrack> firstWithNotes(MidiFileContent content) {
        return content.tracks().stream().filter(t -> !t.notes().isEmpty()).findFirst();
    }

    /** "1=melody, 2=(unnamed)": the file's tracks, for messages. */
    public static String list(MidiFileContent content) {
        List<String> names = new ArrayList<>();
        for (FileTrack t : content.tracks()) names.add((t.index() + 1) + "=" + (t.name().isEmpty() ? "(unnamed)" : t.name()));
        return String.join(", ", names);
    }

    /** "2 (piano)": one track, for messages. */
    public static String describe(FileTrack t) {
        return (t.index() + 1) + (t.name().isEmpty() ? "" : " (" + t.name() + ")");
    }
}
