package org.analogy.engine.midi;

/** A note read from a MIDI file: channel 0–15, ticks from the start of the file, end after start. */
public record FileNote(int channel, long startTick, long endTick, int pitch, int velocity) {

    public FileNote {
        if (channel < 0 || channel > 15) throw new IllegalArgumentException("channel " + channel + " outside 0–15");
        if (pitch < 0 || pitch > 127) throw new IllegalArgumentException("pitch " + pitch + " outside 0–127");
        if (velocity < 1 || velocity > 127) throw new IllegalArgumentException("velocity " + velocity + " outside 1–127");
        if (startTick < 0 || endTick <= startTick) {
            throw new IllegalArgumentException("note ticks " + startTick + "–" + endTick + " must satisfy 0 <= start < end");
        }
    }

    public long durationTicks() {
        return endTick - startTick;
    }
}
