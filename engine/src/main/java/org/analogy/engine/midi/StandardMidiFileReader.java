package org.analogy.engine.midi;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.Limits;

/**
 * Parses the bytes of a Standard MIDI File (format 0 or 1, ticks-per-quarter division) into a
 * {@link MidiFileContent}. Structural damage (truncation, bad lengths, data bytes without status) is an error;
 * implausible tempo values are clamped and counted, because one odd tempo event should not cost a whole
 * piece of a data set.
 */
final class StandardMidiFileReader {

    /** Tempo bounds as microseconds per quarter: 300 BPM and 30 BPM, the range the transport plays. */
    static final int FASTEST_MICROS_PER_QUARTER = 200_000;
    static final int SLOWEST_MICROS_PER_QUARTER = 2_000_000;

    private final byte[] bytes;
    private final String source;
    private int position;
    /** The last tick a file may reach: the longest song Analogy takes, at this file's resolution. */
    private long maxTick;

    private final List<TempoChange> tempos = new ArrayList<>();
    private final List<MeterChange> meters = new ArrayList<>();
    private int clampedTempos;
    private int droppedNotes;

    StandardMidiFileReader(byte[] bytes, String source) {
        this.bytes = bytes;
        this.source = source;
    }

    MidiFileContent read() throws MidiFileException {
        if (bytes.length == 0) throw error("is empty");
        if (bytes.length < 4 || !chunkIdAt(0, "MThd")) throw error("is not a Standard MIDI File (no MThd header)");
        if (bytes.length < 14) throw error("is truncated: the header is incomplete");
        position = 4;
        long headerLength = readUnsigned32();
        if (headerLength < 6) throw error("has a malformed header (length " + headerLength + ", expected 6)");
        int format = readUnsigned16();
        int declaredTracks = readUnsigned16();
        int division = readUnsigned16();
        if (format > 1) {
            throw error(format == 2 ? "is SMF format 2 (independent sequences), which is not supported"
                                    : "has unknown SMF format " + format);
        }
        if ((division & 0x8000) != 0) {
            throw error("uses SMPTE time division (" + (-(byte) (division >> 8)) + " fps), which is not supported: "
                    + "only ticks-per-quarter files are");
        }
        if (division == 0) throw error("declares a resolution of 0 ticks per quarter");
        maxTick = (long) Limits.MAX_SONG_STEPS * division / 4;
        position = (int) Math.min(8 + headerLength, bytes.length);

        List<FileTrack> tracks = new ArrayList<>();
        while (tracks.size() < declaredTracks) {
            if (bytes.length - position < 8) {
                throw error("is truncated: the header declares " + declaredTracks + " tracks but the file ends after "
                        + tracks.size());
            }
            boolean isTrack = chunkIdAt(position, "MTrk");
            position += 4;
            long length = readUnsigned32();
            if (length > bytes.length - position) {
                throw error("is truncated: " + (isTrack ? "track " + tracks.size() : "a chunk") + " declares " + length
                        + " bytes but only " + (bytes.length - position) + " remain");
            }
            int end = position + (int) length;
            if (isTrack) tracks.add(readTrack(tracks.size(), end));
            position = end; // also skips chunks of unknown type, as the SMF spec asks
        }
        long endTick = 0;
        for (FileTrack track : tracks) endTick = Math.max(endTick, track.endTick());
        meters.sort((a, b) -> Long.compare(a.tick(), b.tick()));
        return new MidiFileContent(source, format, division, tracks, new TempoMap(division, tempos), meters, endTick,
                clampedTempos, droppedNotes);
    }

    private FileTrack readTrack(int index, int end) throws MidiFileException {
        NoteCollector notes = new NoteCollector();
        List<FileControlChange> controls = new ArrayList<>();
        List<FileProgramChange> programs = new ArrayList<>();
        String name = null;
        long tick = 0;
        int runningStatus = 0;
        while (position < end) {
            tick += readVariableLength(index, end);
            if (tick > maxTick) {
                throw trackError(index, "reaches tick " + tick + ", past the end of the longest song ("
                        + Limits.songLimit() + ")");
            }
            int status = readByte(index, end);
            if (status < 0x80) {
                if (runningStatus == 0) throw trackError(index, "has a data byte without a status");
                position--; // the byte read is the first data byte of a running-status message
                status = runningStatus;
            }
            if (status == 0xFF) {
                runningStatus = 0;
                int type = readByte(index, end);
                int length = lengthWithin(index, end);
                int dataStart = position;
                position += length;
                if (type == 0x2F) break; // end of track: anything after it is ignored
                if (type == 0x03 && name == null) name = text(dataStart, length);
                if (type == 0x51) tempos.add(tempo(index, tick, dataStart, length));
                if (type == 0x58) meters.add(meter(index, tick, dataStart, length));
            } else if (status == 0xF0 || status == 0xF7) {
                runningStatus = 0;
                int length = lengthWithin(index, end); // read first: it moves position past the length
                position += length; // SysEx is of no use to the model
            } else if (status >= 0xF0) {
                throw trackError(index, String.format("has an unexpected status byte 0x%02X", status));
            } else {
                runningStatus = status;
                int channel = status & 0x0F;
                int data1 = readDataByte(index, end);
                int data2 = MidiByteParser.dataLength(status) == 2 ? readDataByte(index, end) : 0;
                switch (status & 0xF0) {
                    case 0x90:
                        if (data2 > 0) notes.noteOn(tick, channel, data1, data2); else notes.noteOff(tick, channel, data1);
                        break;
                    case 0x80:
                        notes.noteOff(tick, channel, data1);
                        break;
                    case 0xB0:
                        controls.add(new FileControlChange(tick, channel, data1, data2));
                        break;
                    case 0xC0:
                        programs.add(new FileProgramChange(tick, channel, data1));
                        break;
                    default: // pressure and pitch bend are not part of the model
                }
            }
        }
        List<FileNote> paired = notes.notes(tick);
        droppedNotes += notes.dropped();
        return new FileTrack(index, name == null ? "" : name, paired, controls, programs, tick);
    }

    private TempoChange tempo(int track, long tick, int at, int length) throws MidiFileException {
        if (length != 3) throw trackError(track, "has a tempo event of " + length + " bytes (expected 3) at tick " + tick);
        int micros = (bytes[at] & 0xFF) << 16 | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF);
        int clamped = Math.max(FASTEST_MICROS_PER_QUARTER, Math.min(SLOWEST_MICROS_PER_QUARTER, micros));
        if (clamped != micros) clampedTempos++;
        return new TempoChange(tick, clamped);
    }

    private MeterChange meter(int track, long tick, int at, int length) throws MidiFileException {
        if (length < 2) throw trackError(track, "has a time signature of " + length + " bytes (expected 4) at tick " + tick);
        int numerator = bytes[at] & 0xFF;
        int denominatorPower = bytes[at + 1] & 0xFF;
        if (numerator < 1 || denominatorPower > 6) {
            throw trackError(track, "has an invalid time signature " + numerator + "/2^" + denominatorPower + " at tick " + tick);
        }
        return new MeterChange(tick, numerator, 1 << denominatorPower);
    }

    /** Names are ASCII by the spec; in practice UTF-8 or Latin-1. Take UTF-8 when it decodes, else Latin-1. */
    private String text(int at, int length) {
        ByteBuffer slice = ByteBuffer.wrap(bytes, at, length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString().trim();
        } catch (CharacterCodingException e) {
            return new String(bytes, at, length, StandardCharsets.ISO_8859_1).trim();
        }
    }

    private int lengthWithin(int track, int end) throws MidiFileException {
        long length = readVariableLength(track, end);
        if (length > end - position) throw trackError(track, "is truncated: an event of " + length + " bytes runs past its end");
        return (int) length;
    }

    private long readVariableLength(int track, int end) throws MidiFileException {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            int b = readByte(track, end);
            value = value << 7 | (b & 0x7F);
            if ((b & 0x80) == 0) return value;
        }
        throw trackError(track, "has a variable-length number longer than 4 bytes");
    }

    private int readDataByte(int track, int end) throws MidiFileException {
        int b = readByte(track, end);
        if (b >= 0x80) throw trackError(track, String.format("has a status byte 0x%02X where a data byte belongs", b));
        return b;
    }

    private int readByte(int track, int end) throws MidiFileException {
        if (position >= end) throw trackError(track, "is truncated: it ends in the middle of an event");
        return bytes[position++] & 0xFF;
    }

    private int readUnsigned16() {
        int value = (bytes[position] & 0xFF) << 8 | (bytes[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    private long readUnsigned32() {
        long value = 0;
        for (int i = 0; i < 4; i++) value = value << 8 | (bytes[position++] & 0xFF);
        return value;
    }

    private boolean chunkIdAt(int at, String id) {
        for (int i = 0; i < 4; i++) {
            if (bytes[at + i] != id.charAt(i)) return false;
        }
        return true;
    }

    private MidiFileException error(String problem) {
        return new MidiFileException(source + " " + problem);
    }

    private MidiFileException trackError(int track, String problem) {
        return new MidiFileException(source + ": track " + track + " " + problem + " (byte offset " + position + ")");
    }
}
