package org.analogy.engine.melody;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.chords.ChordRecognizer;
import org.analogy.engine.midi.FileGrid;
import org.analogy.engine.midi.FileTrack;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.midi.TrackChoice;
import org.analogy.engine.render.PerformanceFiles;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.time.Meter;

/**
 * A melody read from a MIDI file, on the 16th grid and cut into the models' bar-aligned 2-bar windows:
 * the file's melody track (or the track asked for) supplies the line; every track together supplies the
 * harmony, recognised per half bar, for when no chords are given.
 */
public record MelodyLine(String source, double bpm, int windows, List<GridNote> melody, List<Chord> harmonyPerStep) {

    public static final int WINDOW_STEPS = MelodyTokens.WINDOW_STEPS;
    public static final int STEPS_PER_BAR = MelodyTokens.STEPS_PER_BAR;

    public static MelodyLine read(Path file, String trackSelector) throws MidiFileException {
        return of(MidiFiles.read(file), trackSelector);
    }

    /** The melody line of a file already read. */
    public static MelodyLine of(MidiFileContent content, String trackSelector) throws MidiFileException {
        // Validates the meter (4/4 or 3/4, unchanging) with the same rules as a performance.
        Meter meter = PerformanceFiles.fromContent(content, trackSelector).meter();
        if (meter != Meter.FOUR_FOUR) {
            throw new MidiFileException(content.source() + ": the melody model works in 4/4; this file is in " + meter);
        }
        FileTrack track = melodyTrack(content, trackSelector);
        List<GridNote> melody = FileGrid.notes(content, track.notes());
        if (melody.isEmpty()) throw new MidiFileException(content.source() + ": no notes in track " + TrackChoice.describe(track));
        List<GridNote> all = FileGrid.notes(content, content.allNotes());
        int end = FileGrid.end(melody);
        int windows = Math.max(1, (end + WINDOW_STEPS - 1) / WINDOW_STEPS);
        List<Chord> harmony = new ArrayList<>();
        for (Chord c : ChordRecognizer.recognizeSpans(all, windows * WINDOW_STEPS, STEPS_PER_BAR / 2)) {
            for (int i = 0; i < STEPS_PER_BAR / 2; i++) harmony.add(c);
        }
        double bpm = content.tempoMap().bpmAt(0);
        return new MelodyLine(content.source(), bpm, windows, List.copyOf(melody), List.copyOf(harmony));
    }

    /** Tokens of window {@code w}: the top voice of its 32 steps. */
    public int[] tokens(int w) {
        return MelodyTokens.encode(melody, w * WINDOW_STEPS, WINDOW_STEPS);
    }

    /** Chroma of window {@code w} from the file's own harmony. */
    public float[] harmonyChroma(int w) {
        return ChordFeatures.chroma(harmonyPerStep.subList(w * WINDOW_STEPS, (w + 1) * WINDOW_STEPS));
    }

    /** True when the file has harmony to speak of (more than a bare melody). */
    public boolean hasHarmony() {
        return harmonyPerStep.stream().anyMatch(c -> !c.isNone());
    }

    /** The track the melody is read from: the one named by {@code selector}, else melody/lead/vocal, else the first with notes. */
    public static FileTrack melodyTrack(MidiFileContent content, String selector) throws MidiFileException {
        if (selector != null) return TrackChoice.named(content, selector);
        return TrackChoice.preferred(content, List.of("melody", "lead", "vocal"))
                .or(() -> TrackChoice.firstWithNotes(content))
                .orElseThrow(() -> new MidiFileException(content.source() + ": the file has no notes"));
    }
}
