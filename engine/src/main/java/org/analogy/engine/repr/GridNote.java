package org.analogy.engine.repr;

/**
 * A note placed on the 16th-step grid: what live capture produces and what the POP909 loader produces, so
 * the models see the same thing in training and on stage. {@code start} is in steps from the start of the
 * window (or song) it belongs to; {@code duration} is at least one step.
 */
public record GridNote(int pitch, int velocity, int start, int duration) {

    public GridNote {
        if (pitch < 0 || pitch > 127) throw new IllegalArgumentException("pitch " + pitch + " outside 0–127");
        if (velocity < 1 || velocity > 127) throw new IllegalArgumentException("velocity " + velocity + " outside 1–127");
        if (duration < 1) throw new IllegalArgumentException("duration " + duration + " must be at least one step");
    }

    public int end() {
        return start + duration;
    }

    public GridNote shifted(int steps) {
        return new GridNote(pitch, velocity, start + steps, duration);
    }
}
