package org.analogy.train.data;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes small POP909-shaped song folders for tests: a type-1 MIDI file at 480 PPQ with named tracks and a
 * tempo map, plus {@code beat_midi.txt} and {@code chord_midi.txt}. Notes are given in seconds and turned
 * into ticks with the same tempo map, so a test can state where a note is in musical time.
 */
final class TinySongs {

    /** A tempo change: from {@code tick} on, {@code microsPerQuarter}. */
    record Tempo(long tick, int microsPerQuarter) {
    }

    record Note(String track, int pitch, int velocity, double startSeconds, double endSeconds) {
    }

    private final List<Tempo> tempi = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private final StringBuilder beats = new StringBuilder();
    private final StringBuilder chords = new StringBuilder();

    TinySongs tempo(long tick, int microsPerQuarter) {
        tempi.add(new Tempo(tick, microsPerQuarter));
        return this;
    }

    TinySongs note(String track, int pitch, double startSeconds, double endSeconds) {
        notes.add(new Note(track, pitch, 90, startSeconds, endSeconds));
        return this;
    }

    /** Beats at the given seconds; {@code barStarts} are the indices flagged as 4-beat downbeats. */
    TinySongs beats(double[] seconds, int... barStarts) {
        for (int i = 0; i < seconds.length; i++) {
            boolean bar = false;
            for (int b : barStarts) bar |= b == i;
            beats.append(String.format(Locale.ROOT, "%.9f %.1f %.1f%n", seconds[i], i % 2 == 0 ? 1.0 : 0.0, bar ? 1.0 : 0.0));
        }
        return this;
    }

    TinySongs chord(double start, double end, String label) {
        chords.append(String.format(Locale.ROOT, "%.6f\t%.6f\t%s%n", start, end, label));
        return this;
    }

    /** Writes folder {@code root/id} and returns it. */
    Path write(Path root, String id) throws IOException {
        Path folder = Files.createDirectories(root.resolve(id));
        Files.writeString(folder.resolve("beat_midi.txt"), beats, StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("chord_midi.txt"), chords, StandardCharsets.UTF_8);
        try {
            Sequence sequence = new Sequence(Sequence.PPQ, 480);
            Track conductor = sequence.createTrack();
            for (Tempo tempo : tempi) {
                int m = tempo.microsPerQuarter();
                byte[] data = {(byte) (m >> 16), (byte) (m >> 8), (byte) m};
                conductor.add(new MidiEvent(new MetaMessage(0x51, data, 3), tempo.tick()));
            }
            for (String name : List.of("MELODY", "BRIDGE", "PIANO")) {
                Track track = sequence.createTrack();
                byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
                track.add(new MidiEvent(new MetaMessage(0x03, nameBytes, nameBytes.length), 0));
                for (Note note : notes) {
                    if (!note.track().equals(name)) continue;
                    track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, note.pitch(), note.velocity()), tick(note.startSeconds())));
                    // POP909 writes note-offs as note-on with velocity 0; use both forms across tracks.
                    ShortMessage off = name.equals("PIANO")
                            ? new ShortMessage(ShortMessage.NOTE_OFF, 0, note.pitch(), 0)
                            : new ShortMessage(ShortMessage.NOTE_ON, 0, note.pitch(), 0);
                    track.add(new MidiEvent(off, tick(note.endSeconds())));
                }
            }
            MidiSystem.write(sequence, 1, folder.resolve(id + ".mid").toFile());
        } catch (InvalidMidiDataException e) {
            throw new IOException(e);
        }
        return folder;
    }

    /** Seconds to ticks through the tempo map (120 bpm before the first change). */
    long tick(double seconds) {
        List<Tempo> map = new ArrayList<>(tempi);
        if (map.isEmpty() || map.get(0).tick() != 0) map.add(0, new Tempo(0, 500_000));
        double elapsed = 0;
        for (int i = 0; i < map.size(); i++) {
            double secondsPerTick = map.get(i).microsPerQuarter() / 1e6 / 480;
            long segmentEnd = i + 1 < map.size() ? map.get(i + 1).tick() : Long.MAX_VALUE;
            double segmentSeconds = (segmentEnd - map.get(i).tick()) * secondsPerTick;
            if (seconds < elapsed + segmentSeconds) {
                return map.get(i).tick() + Math.round((seconds - elapsed) / secondsPerTick);
            }
            elapsed += segmentSeconds;
        }
        throw new AssertionError("unreachable: the last tempo segment is open-ended");
    }
}
