package org.analogy.engine.accompaniment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.chords.ChordRecognizer;
import org.analogy.engine.midi.FileGrid;
import org.analogy.engine.midi.FileNote;
import org.analogy.engine.midi.FileTrack;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.midi.TrackChoice;
import org.analogy.engine.render.PerformanceFiles;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.time.Meter;

/**
 * A MIDI file read for the accompaniment model, on the 16th grid and cut into bar-aligned 2-bar windows: the
 * notes of its texture track (the one asked for, else one named piano/accompaniment, else every pitched track
 * together) and its harmony, recognised per half bar from every pitched note.
 */
public record PianoPart(String source, double bpm, int bars, List<GridNote> notes, List<Chord> harmonyPerStep) {

    public static final int STEPS_PER_BAR = 16;
    public static final int WINDOW_STEPS = PianoRoll.STEPS;

    public static PianoPart read(Path file, String trackSelector) throws MidiFileException {
        return of(MidiFiles.read(file), trackSelector);
    }

    /** The piano part of a file already read. */
    public static PianoPart of(MidiFileContent content, String trackSelector) throws MidiFileException {
        Meter meter = PerformanceFiles.fromContent(content, null).meter();
        if (meter != Meter.FOUR_FOUR) {
            throw new MidiFileException(content.source() + ": the accompaniment model works in 4/4; this file is in " + meter);
        }
        List<GridNote> all = FileGrid.notes(content, content.allNotes());
        if (all.isEmpty()) throw new MidiFileException(content.source() + ": the file has no pitched notes");
        List<GridNote> notes = FileGrid.notes(content, textureNotes(content, trackSelector));
        if (notes.isEmpty()) throw new MidiFileException(content.source() + ": no pitched notes in the texture track");
        int end = 0;
        for (GridNote n : all) end = Math.max(end, n.start() + 1);
        int bars = Math.max(1, (end + STEPS_PER_BAR - 1) / STEPS_PER_BAR);
        int steps = (bars + 1) / 2 * WINDOW_STEPS;
        List<Chord> harmony = new ArrayList<>(steps);
        for (Chord c : ChordRecognizer.recognizeSpans(all, steps, STEPS_PER_BAR / 2)) {
            for (int i = 0; i < STEPS_PER_BAR / 2; i++) harmony.add(c);
        }
        return new PianoPart(content.source(), content.tempoMap().bpmAt(0), bars, List.copyOf(notes), List.copyOf(harmony));
    }

    /** 2-bar windows covering the part (the last may reach past its end). */
    public int windows() {
        return (bars + 1) / 2;
    }

    /** The duration roll of window {@code w}. */
    public int[][] roll(int w) {
        return PianoRoll.durations(notes, w * WINDOW_STEPS);
    }

    /** The 8 × 36 chord form of window {@code w} from the file's own harmony. */
    public float[] chordForm(int w) {
        return ChordFeatures.chordFormFromSteps(harmonyPerStep.subList(w * WINDOW_STEPS, (w + 1) * WINDOW_STEPS));
    }

    private static List<FileNote> textureNotes(MidiFileContent content, String selector) throws MidiFileException {
        if (selector != null) return TrackChoice.named(content, selector).notes();
        return TrackChoice.preferred(content, List.of("piano", "accompaniment")).map(FileTrack::notes)
                .orElseGet(content::allNotes);
    }
}
