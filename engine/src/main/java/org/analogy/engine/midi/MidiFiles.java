package org.analogy.engine.midi;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;

import org.analogy.engine.Limits;

/**
 * Reading Standard MIDI Files. Every failure is a {@link MidiFileException} whose message names the file and
 * says what is wrong. Writing goes through {@link MidiFileBuilder}.
 *
 * <p>Tempo policy: tempo events outside 30–300 BPM (including the meaningless 0 µs per quarter) are clamped
 * into that range, the range the transport can play, and counted in {@link MidiFileContent#clampedTempos()}
 * so callers can warn. Rejecting the file instead would lose whole songs of a data set to one odd event.
 */
public final class MidiFiles {

    /** Larger files are refused: no musical MIDI file comes near this, so it is a wrong file or an attack. */
    public static final long MAX_FILE_BYTES = Limits.MAX_MIDI_FILE_BYTES;

    private MidiFiles() {}

    public static MidiFileContent read(Path file) throws MidiFileException {
        return parse(readBytes(file), file.toString());
    }

    /** Parses bytes already in memory; {@code sourceName} appears in error messages. */
    public static MidiFileContent parse(byte[] bytes, String sourceName) throws MidiFileException {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new MidiFileException(sourceName + " is " + bytes.length + " bytes, larger than the "
                    + MAX_FILE_BYTES / (1024 * 1024) + " MiB limit for MIDI files");
        }
        return new StandardMidiFileReader(bytes, sourceName).read();
    }

    /**
     * The file as a javax {@link Sequence} (for {@code org.analogy.engine.output.SynthRenderer}), after the same
     * checks as {@link #read}, so a bad file fails with the same clear message.
     */
    public static Sequence readSequence(Path file) throws MidiFileException {
        byte[] bytes = readBytes(file);
        parse(bytes, file.toString());
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return MidiSystem.getSequence(in);
        } catch (InvalidMidiDataException | IOException e) {
            throw new MidiFileException(file + " could not be loaded as a sequence: " + e.getMessage(), e);
        }
    }

    private static byte[] readBytes(Path file) throws MidiFileException {
        try {
            if (!Files.exists(file)) throw new MidiFileException(file + " not found");
            if (Files.isDirectory(file)) throw new MidiFileException(file + " is a directory, not a MIDI file");
            // A device, a FIFO or a socket (or a link to one) would block or never end: refused unread.
            if (!Files.isRegularFile(file)) throw new MidiFileException(file + " is not a regular file (a device, pipe or socket), not a MIDI file");
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new MidiFileException(file + " is " + size + " bytes, larger than the "
                        + MAX_FILE_BYTES / (1024 * 1024) + " MiB limit for MIDI files");
            }
            // Read at most one byte past the limit: a file that grows while it is read cannot exhaust memory.
            byte[] bytes;
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new MidiFileException(file + " grew past the " + MAX_FILE_BYTES / (1024 * 1024) + " MiB limit for MIDI files while it was read");
            }
            return bytes;
        } catch (NoSuchFileException e) {
            throw new MidiFileException(file + " not found", e);
        } catch (AccessDeniedException e) {
            throw new MidiFileException(file + " cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new MidiFileException(file + " cannot be read: " + e.getMessage(), e);
        }
    }
}
