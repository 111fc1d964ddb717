package org.analogy.engine.midi;

/** A MIDI file that cannot be read or written; the message names the file and what is wrong with it. */
public class MidiFileException extends Exception {

    public MidiFileException(String message) {
        super(message);
    }

    public MidiFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
