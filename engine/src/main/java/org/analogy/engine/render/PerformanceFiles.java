package org.analogy.engine.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.midi.FileControlChange;
import org.analogy.engine.midi.FileNote;
import org.analogy.engine.midi.FileTrack;
import org.analogy.engine.midi.MeterChange;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.midi.TempoChange;
import org.analogy.engine.midi.TrackChoice;
import org.analogy.engine.time.Meter;

/** Reads a MIDI file as a performance: what a player would have played, at musical positions. */
public final class PerformanceFiles {

    /** GM percussion channel: drums are not a melody to capture. */
    private static final int DRUM_CHANNEL = 9;

    private PerformanceFiles() {}

    public static PerformanceInput read(Path file) throws MidiFileException {
        return fromContent(MidiFiles.read(file), null);
    }

    /**
     * @param trackSelector null for every track; else a 1-based track number or a track name
     */
    public static PerformanceInput read(Path file, String trackSelector) throws MidiFileException {
        return fromContent(MidiFiles.read(file), trackSelector);
    }

    public static PerformanceInput fromContent(MidiFileContent content, String trackSelector) throws MidiFileException {
        List<FileTrack> tracks = selectTracks(content, trackSelector);
        List<PerformanceInput.Message> messages = new ArrayList<>();
        for (FileTrack track : tracks) {
            for (FileNote n : track.notes()) {
                if (n.channel() == DRUM_CHANNEL) continue;
                messages.add(new PerformanceInput.Message(content.stepsAt(n.startTick()), 0x90 | n.channel(), n.pitch(), n.velocity()));
                messages.add(new PerformanceInput.Message(content.stepsAt(n.endTick()), 0x80 | n.channel(), n.pitch(), 0));
            }
            for (FileControlChange c : track.controls()) {
                if (c.channel() == DRUM_CHANNEL) continue;
                messages.add(new PerformanceInput.Message(content.stepsAt(c.tick()), 0xB0 | c.channel(), c.controller(), c.value()));
            }
        }
        if (messages.isEmpty()) {
            throw new MidiFileException(content.source() + ": no notes to play"
                    + (trackSelector == null ? "" : " in track " + trackSelector));
        }
        // At one position, note-offs go first so a repeated note is released before it is struck again.
        messages.sort(java.util.Comparator.comparingDouble(PerformanceInput.Message::step)
                .thenComparingInt(m -> (m.status() & 0xF0) == 0x80 ? 0 : 1));
        List<TempoChange> tempos = content.tempoMap().changes();
        double initialBpm = tempos.isEmpty() ? 120 : tempos.get(0).bpm();
        List<PerformanceInput.TempoChange> changes = new ArrayList<>();
        for (TempoChange t : tempos) {
            if (t.tick() > 0) changes.add(new PerformanceInput.TempoChange(content.stepsAt(t.tick()), t.bpm()));
            else initialBpm = t.bpm();
        }
        return new PerformanceInput(meterOf(content), initialBpm, messages, changes);
    }

    private static Meter meterOf(MidiFileContent content) throws MidiFileException {
        if (content.meters().isEmpty()) return Meter.FOUR_FOUR;
        MeterChange first = content.meters().get(0);
        for (MeterChange m : content.meters()) {
            if (m.numerator() != first.numerator() || m.denominator() != first.denominator()) {
                throw new MidiFileException(content.source() + ": meter changes from " + first + " to " + m
                        + " at tick " + m.tick() + "; Analogy plays one meter per piece (4/4 or 3/4)");
            }
        }
        if (first.denominator() != 4 || (first.numerator() != 4 && first.numerator() != 3)) {
            throw new MidiFileException(content.source() + ": unsupported meter " + first + "; use 4/4 or 3/4");
        }
        return Meter.ofBeatsPerBar(first.numerator());
    }

    private static List<FileTrack> selectTracks(MidiFileContent content, String selector) throws MidiFileException {
        return selector == null ? content.tracks() : List.of(TrackChoice.named(content, selector));
    }
}
