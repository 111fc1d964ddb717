package org.analogy.engine.midi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What {@link MidiFiles#read} makes of a Standard MIDI File: timing (resolution in ticks per quarter, tempo
 * map, time signatures) and per-track notes and controllers, all in ticks.
 *
 * @param source        where it was read from (a file name, for messages)
 * @param format        SMF format, 0 or 1
 * @param clampedTempos tempo events outside 30–300 BPM that were clamped into that range
 * @param droppedNotes  note-ons that made no note (written as an on and an off at one tick: no length)
 */
public record MidiFileContent(String source, int format, int resolution, List<FileTrack> tracks, TempoMap tempoMap,
                              List<MeterChange> meters, long endTick, int clampedTempos, int droppedNotes) {

    public MidiFileContent {
        tracks = List.copyOf(tracks);
        meters = List.copyOf(meters);
    }

    /**
     * What reading changed in the file, in one line for the user ("" when nothing): tempos clamped, notes
     * of no length dropped. Verbs print it, so nothing is altered without a word.
     */
    public String alterations() {
        List<String> parts = new ArrayList<>();
        if (clampedTempos > 0) parts.add(clampedTempos + " tempo event(s) outside 30–300 BPM clamped into that range");
        if (droppedNotes > 0) parts.add(droppedNotes + " note(s) of no length (on and off at one tick) dropped");
        return parts.isEmpty() ? "" : source + ": " + String.join("; ", parts);
    }

    public double secondsAt(long tick) {
        return tempoMap.secondsAt(tick);
    }

    /** Position in 16th-note steps (four per quarter), independent of tempo. */
    public double stepsAt(long tick) {
        return tick * 4.0 / resolution;
    }

    public double durationSeconds() {
        return secondsAt(endTick);
    }

    /** Every track's notes in one list, sorted by start tick, then pitch. */
    public List<FileNote> allNotes() {
        List<FileNote> all = new ArrayList<>();
        for (FileTrack track : tracks) all.addAll(track.notes());
        all.sort(Comparator.comparingLong(FileNote::startTick).thenComparingInt(FileNote::pitch));
        return all;
    }

    /** The first track with this name (case-insensitive), if any. */
    public Optional<FileTrack> track(String name) {
        return tracks.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }
}
