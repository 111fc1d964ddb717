package org.analogy.engine.process;

/**
 * Where a {@link BarProcessor} writes the bar it generates. Positions are absolute musical positions in
 * 16th steps (bar {@code b} starts at {@code b * stepsPerBar}); the scheduler turns them into times at the
 * tempo in force when they are due and sends each note's note-off itself.
 */
public interface NoteSink {

    /** The controller number that stands for a program change (MIDI controllers stop at 127). */
    int PROGRAM_CHANGE = 128;

    void note(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps);

    void control(Part part, int channel, int controller, int value, double atStep);

    /**
     * The chord of each step the part was written to, from {@code fromStep} to the end of the bar (a revision
     * restates the rest of its bar). Kept for the recording's {@code chords} track; nothing is sent.
     */
    default void chords(double fromStep, org.analogy.engine.chords.Chord[] perStep) {
    }

    /**
     * A text marker at {@code atStep} for the recording (e.g. "answer" on each bar the band answered in); nothing
     * is sent.
     */
    default void marker(double atStep, String text) {
    }

    /** Selects the sound (General MIDI program 0–127) of a channel from {@code atStep} on. */
    default void program(Part part, int channel, int program, double atStep) {
        control(part, channel, PROGRAM_CHANGE, program, atStep);
    }
}
