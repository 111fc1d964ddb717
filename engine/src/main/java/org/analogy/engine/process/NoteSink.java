package org.analogy.engine.process;

/**
 * Where a {@link BarProcessor} writes the bar it generates. Positions are absolute musical positions in
 * 16th steps (bar {@code b} starts at {@code b * stepsPerBar}); the scheduler turns them into times at the
 * tempo in force when they are due and sends each note's note-off itself.
 */
public interface NoteSink {

    void note(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps);

    void control(Part part, int channel, int controller, int value, double atStep);
}
