package org.analogy.engine.capture;

import org.analogy.engine.repr.GridNote;

/**
 * A note as captured from the performer, quantised onto the 16th grid. {@code start} is in steps relative
 * to the start of the {@link BarWindow} it was published in (negative when it began before the window and
 * still sounds into it). {@code open} notes were still held when the window was published; their duration
 * runs to the publication point.
 */
public record CapturedNote(long id, int channel, int pitch, int velocity, int start, int duration, boolean open) {

    public GridNote toGridNote() {
        return new GridNote(pitch, velocity, start, duration);
    }

    public CapturedNote shifted(int steps) {
        return new CapturedNote(id, channel, pitch, velocity, start + steps, duration, open);
    }
}
