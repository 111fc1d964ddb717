package org.analogy.engine.style;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordRecognizer;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.midi.FileGrid;
import org.analogy.engine.midi.FileNote;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.repr.GridNote;

/**
 * Finds and reads reference clips. A reference is a clip name (looked up as {@code NAME.mid} in the user's
 * clip folder, then in the shipped {@code presets/clips/}) or a path to a MIDI file (relative to the preset
 * that names it). Clips are read once and kept by path and checksum, so switching presets does no I/O twice.
 */
public final class ReferenceClips {

    private final List<Path> searchDirs;
    private final Map<Path, ReferenceClip> cache = new ConcurrentHashMap<>();

    public ReferenceClips(List<Path> searchDirs) {
        this.searchDirs = List.copyOf(searchDirs);
    }

    public List<Path> searchDirs() {
        return searchDirs;
    }

    /** The file a reference names, or an error listing where it was looked for. */
    public Path locate(String reference, Path relativeTo) throws IOException {
        boolean isPath = reference.endsWith(".mid") || reference.endsWith(".midi") || reference.contains("/");
        if (isPath) {
            Path p = Path.of(reference);
            if (!p.isAbsolute() && relativeTo != null) p = relativeTo.resolve(p);
            if (!Files.isRegularFile(p)) throw new NoSuchFileException(p.toString());
            return p;
        }
        for (Path dir : searchDirs) {
            Path p = dir.resolve(reference + ".mid");
            if (Files.isRegularFile(p)) return p;
        }
        throw new IOException("no reference clip '" + reference + "' (looked in " + String.join(", ",
                searchDirs.stream().map(Path::toString).toList()) + "); available: " + String.join(", ", available()));
    }

    public ReferenceClip load(String reference, Path relativeTo) throws IOException, MidiFileException {
        Path file = locate(reference, relativeTo).toAbsolutePath().normalize();
        long size = Files.size(file);
        if (size > MidiFiles.MAX_FILE_BYTES) { // refused before reading: a reference clip is two bars
            throw new MidiFileException(file + " is " + size + " bytes, larger than the "
                    + MidiFiles.MAX_FILE_BYTES / (1024 * 1024) + " MiB limit for MIDI files");
        }
        byte[] bytes = Files.readAllBytes(file);
        String sha = ModelBundle.sha256(bytes);
        ReferenceClip cached = cache.get(file);
        if (cached != null && cached.sha256().equals(sha)) {
            // Same file, maybe named another way (by name here, by path there): the caller's name is kept.
            return cached.name().equals(reference) ? cached : new ReferenceClip(reference, sha, cached.notes(), cached.chordPerStep(), cached.drums());
        }
        ReferenceClip clip = read(reference, bytes, sha, file.toString());
        cache.put(file, clip);
        return clip;
    }

    /** The first two bars of a MIDI file, on the 16th grid, with its harmony per half bar. */
    public static ReferenceClip read(String name, byte[] bytes, String sha, String source) throws MidiFileException {
        MidiFileContent content = MidiFiles.parse(bytes, source);
        // Drums (channel 10) are the groove's; the pitched notes (everything else) the melody's and texture's.
        List<FileNote> drumNotes = new ArrayList<>();
        List<FileNote> pitched = new ArrayList<>();
        for (FileNote n : content.allNotes()) (n.channel() == DrumPattern.CHANNEL ? drumNotes : pitched).add(n);
        DrumPattern drums = drumNotes.isEmpty() ? null
                : DrumPattern.ofOnsets(drumNotes, 0, content.resolution() / 4.0, DrumVoice::ofGeneralMidi);
        if (drums != null && drums.hitCount() == 0) drums = null;
        List<GridNote> notes = FileGrid.window(FileGrid.notes(content, pitched), 0, ReferenceClip.STEPS);
        if (notes.isEmpty() && drums != null) return new ReferenceClip(name, sha, List.of(), java.util.Collections.nCopies(ReferenceClip.STEPS, Chord.NONE), drums);
        if (notes.isEmpty()) throw new MidiFileException(source + ": no notes in the first two bars to use as a reference");
        List<Chord> halves = ChordRecognizer.recognizeSpans(notes, ReferenceClip.STEPS, 8);
        List<Chord> perStep = new ArrayList<>();
        Chord last = Chord.NONE;
        for (Chord c : halves) {
            if (!c.isNone()) last = c;
            for (int i = 0; i < 8; i++) perStep.add(last);
        }
        // A clip that begins with no nameable harmony takes its first chord from the start.
        Chord first = perStep.stream().filter(c -> !c.isNone()).findFirst().orElse(Chord.NONE);
        for (int i = 0; i < perStep.size() && perStep.get(i).isNone(); i++) perStep.set(i, first);
        return new ReferenceClip(name, sha, notes, perStep, drums);
    }

    /** Clip names found in the search folders. */
    public List<String> available() {
        List<String> names = new ArrayList<>();
        for (Path dir : searchDirs) {
            if (!Files.isDirectory(dir)) continue;
            try (var files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".mid")).sorted()
                        .map(n -> n.substring(0, n.length() - 4)).filter(n -> !names.contains(n)).forEach(names::add);
            } catch (IOException ignored) {
                // an unreadable folder lists nothing; locate() reports the real problem
            }
        }
        return names;
    }
}
