package org.analogy.engine.midi;

/** A MIDI port that cannot be found or opened; the message says which and lists the alternatives. */
public class MidiPortException extends Exception {

    public MidiPortException(String message) {
        super(message);
    }

    public MidiPortException(String message, Throwable cause) {
        super(message, cause);
    }
}
