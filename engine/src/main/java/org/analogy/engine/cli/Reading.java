package org.analogy.engine.cli;

import java.nio.file.Path;

import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.midi.MidiFiles;

/** Reads a MIDI file for a verb and says in one line what reading changed in it (never silently). */
final class Reading {

    private Reading() {}

    static MidiFileContent said(Path file) throws MidiFileException {
        MidiFileContent content = MidiFiles.read(file);
        if (!content.alterations().isEmpty()) System.out.println("note: " + content.alterations());
        return content;
    }
}
