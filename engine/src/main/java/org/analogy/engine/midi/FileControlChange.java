package org.analogy.engine.midi;

/** A control change read from a MIDI file (CC 64 is the sustain pedal). */
public record FileControlChange(long tick, int channel, int controller, int value) {

    public static final int SUSTAIN = 64;

    public boolean isSustain() {
        return controller == SUSTAIN;
    }

    /** By MIDI convention a pedal value of 64 or more means "down". */
    public boolean isPedalDown() {
        return value >= 64;
    }
}
