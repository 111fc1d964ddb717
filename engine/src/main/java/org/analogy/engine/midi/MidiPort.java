package org.analogy.engine.midi;

import javax.sound.midi.MidiDevice;

/**
 * A MIDI device as the performer sees it in a list: its name, what kind of thing it is, and which way(s)
 * MIDI can flow. {@code isInput} means we can receive from it (it has transmitters).
 */
public record MidiPort(MidiDevice.Info info, Kind kind, boolean isInput, boolean isOutput) {

    public enum Kind {
        /** A hardware or virtual MIDI port (javax cannot tell the two apart). */
        PORT("port"),
        SOFTWARE_SYNTHESIZER("software synthesizer"),
        SEQUENCER("sequencer");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public String name() {
        return info.getName();
    }

    public String description() {
        return info.getDescription();
    }

    /** E.g. "Gervill (software synthesizer, out)". */
    @Override
    public String toString() {
        String direction = isInput && isOutput ? "in/out" : isInput ? "in" : "out";
        return name() + " (" + kind.label() + ", " + direction + ")";
    }
}
