package org.analogy.engine.midi;

import java.util.List;

/**
 * One track of a MIDI file. {@code name} is the first track-name meta event ("" if none); notes are sorted
 * by start tick, then pitch; {@code endTick} is where the track ends (its end-of-track event).
 */
public record FileTrack(int index, String name, List<FileNote> notes, List<FileControlChange> controls,
                        List<FileProgramChange> programs, long endTick) {

    public FileTrack {
        notes = List.copyOf(notes);
        controls = List.copyOf(controls);
        programs = List.copyOf(programs);
    }
}
