package org.analogy.engine.process;

import java.util.ArrayList;
import java.util.List;

/** Keeps what a processor wrote, for assertions. */
final class CollectingSink implements NoteSink {

    record Note(Part part, int channel, int pitch, int velocity, double start, double duration) {}

    final List<Note> notes = new ArrayList<>();
    final List<int[]> programs = new ArrayList<>();

    @Override
    public void note(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps) {
        notes.add(new Note(part, channel, pitch, velocity, startStep, durationSteps));
    }

    @Override
    public void control(Part part, int channel, int controller, int value, double atStep) {
        if (controller == PROGRAM_CHANGE) programs.add(new int[] {part.ordinal(), channel, value});
    }

    List<Note> of(Part part) {
        return notes.stream().filter(n -> n.part() == part).toList();
    }

    /** "step:pitch" of a part's notes, steps relative to {@code barStart}. */
    List<String> onsets(Part part, double barStart) {
        return of(part).stream().map(n -> (int) (n.start() - barStart) + ":" + n.pitch()).toList();
    }
}
