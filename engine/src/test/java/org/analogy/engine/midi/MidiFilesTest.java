package org.analogy.engine.midi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.sound.midi.Sequence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MidiFilesTest {

    @TempDir
    Path dir;

    private static MidiFileBuilder threeTrackPiece() {
        MidiFileBuilder file = new MidiFileBuilder(480).title("take 1").tempo(0, 120).tempo(1920, 60)
                .meter(0, 4).meter(3840, 3).endAt(5760);
        file.track("input").note(0, 60, 100, 0, 480).note(0, 64, 90, 480, 960).note(0, 60, 80, 960, 1920);
        file.track("melody").note(1, 72, 110, 0, 240).controlChange(0, 1, 64, 127).controlChange(1920, 1, 64, 0);
        file.track("accompaniment").programChange(0, 2, 48).note(2, 48, 70, 0, 1920).note(2, 55, 70, 0, 1920);
        return file;
    }

    @Test
    void writtenFileReadsBackTheSame() throws Exception {
        Path path = dir.resolve("piece.mid");
        threeTrackPiece().write(path);

        MidiFileContent content = MidiFiles.read(path);

        assertThat(content.format()).isEqualTo(1);
        assertThat(content.resolution()).isEqualTo(480);
        assertThat(content.tracks()).extracting(FileTrack::index).containsExactly(0, 1, 2, 3);
        assertThat(content.tracks()).extracting(FileTrack::name).containsExactly("take 1", "input", "melody", "accompaniment");
        assertThat(content.track("INPUT").orElseThrow().notes()).containsExactly(
                new FileNote(0, 0, 480, 60, 100), new FileNote(0, 480, 960, 64, 90), new FileNote(0, 960, 1920, 60, 80));
        FileTrack melody = content.track("melody").orElseThrow();
        assertThat(melody.notes()).containsExactly(new FileNote(1, 0, 240, 72, 110));
        assertThat(melody.controls()).containsExactly(new FileControlChange(0, 1, 64, 127), new FileControlChange(1920, 1, 64, 0));
        assertThat(melody.controls().get(0).isSustain()).isTrue();
        assertThat(melody.controls().get(0).isPedalDown()).isTrue();
        FileTrack accompaniment = content.track("accompaniment").orElseThrow();
        assertThat(accompaniment.programs()).containsExactly(new FileProgramChange(0, 2, 48));
        assertThat(accompaniment.notes()).containsExactly(new FileNote(2, 0, 1920, 48, 70), new FileNote(2, 0, 1920, 55, 70));
        assertThat(content.tempoMap().changes()).containsExactly(new TempoChange(0, 500_000), new TempoChange(1920, 1_000_000));
        assertThat(content.meters()).containsExactly(new MeterChange(0, 4, 4), new MeterChange(3840, 3, 4));
        assertThat(content.endTick()).isEqualTo(5760);
        assertThat(content.clampedTempos()).isZero();
        assertThat(content.allNotes()).hasSize(6);
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("piece.mid");
    }

    @Test
    void ticksBecomeSecondsAcrossTempoChangesAndStepsOnTheGrid() throws Exception {
        MidiFileContent content = MidiFiles.parse(threeTrackPiece().toBytes(), "memory");
        assertThat(content.secondsAt(0)).isEqualTo(0.0);
        assertThat(content.secondsAt(960)).isCloseTo(1.0, within(1e-9));   // 2 beats at 120 BPM
        assertThat(content.secondsAt(1920)).isCloseTo(2.0, within(1e-9));  // tempo drops to 60 here
        assertThat(content.secondsAt(2880)).isCloseTo(4.0, within(1e-9));  // 2 beats at 60 BPM
        assertThat(content.durationSeconds()).isCloseTo(10.0, within(1e-9));
        assertThat(content.tempoMap().bpmAt(1919)).isCloseTo(120.0, within(1e-9));
        assertThat(content.tempoMap().bpmAt(1920)).isCloseTo(60.0, within(1e-9));
        assertThat(content.stepsAt(480)).isEqualTo(4.0);
        assertThat(content.stepsAt(120)).isEqualTo(1.0);
        assertThat(content.stepsAt(1920)).isEqualTo(16.0);
    }

    @Test
    void withoutTempoEventsTheSmfDefaultOf120BpmApplies() throws Exception {
        byte[] bytes = SmfBytes.file(0, 96, SmfBytes.track(0, 0x90, 60, 100, 96, 0x80, 60, 0, 0, 0xFF, 0x2F, 0));
        MidiFileContent content = MidiFiles.parse(bytes, "plain.mid");
        assertThat(content.format()).isZero();
        assertThat(content.secondsAt(96)).isCloseTo(0.5, within(1e-9));
        assertThat(content.tracks().get(0).name()).isEmpty();
    }

    @Test
    void runningStatusAndVelocityZeroNoteOffsInAFile() throws Exception {
        byte[] bytes = SmfBytes.file(0, 480, SmfBytes.track(
                0, 0x90, 60, 100, 0, 64, 90,   // two note-ons, the second by running status
                120, 60, 0, 0, 64, 0,          // both end by velocity 0, still running status
                0, 0xFF, 0x2F, 0));
        assertThat(MidiFiles.parse(bytes, "running.mid").tracks().get(0).notes())
                .containsExactly(new FileNote(0, 0, 120, 60, 100), new FileNote(0, 0, 120, 64, 90));
    }

    @Test
    void noteWithoutNoteOffEndsAtTheTrackEnd() throws Exception {
        byte[] bytes = SmfBytes.file(0, 480, SmfBytes.track(0, 0x91, 60, 100, 0x60, 0xFF, 0x2F, 0));
        assertThat(MidiFiles.parse(bytes, "hanging.mid").tracks().get(0).notes())
                .containsExactly(new FileNote(1, 0, 0x60, 60, 100));
    }

    @Test
    void overlappingSamePitchReStrikes() throws Exception {
        byte[] bytes = SmfBytes.file(0, 480, SmfBytes.track(
                0, 0x90, 60, 100,
                100, 0x90, 60, 80,      // struck again while sounding: the first note ends here
                100, 0x80, 60, 0,       // ends the second note
                100, 0x80, 60, 0,       // nothing left to end: ignored
                0, 0xFF, 0x2F, 0));
        assertThat(MidiFiles.parse(bytes, "overlap.mid").tracks().get(0).notes())
                .containsExactly(new FileNote(0, 0, 100, 60, 100), new FileNote(0, 100, 200, 60, 80));
    }

    @Test
    void noteOnBeforeThePreviousNoteOffAtOneTickGivesBackToBackNotes() throws Exception {
        byte[] bytes = SmfBytes.file(0, 480, SmfBytes.track(
                0, 0x90, 60, 100,
                120, 0x90, 60, 90, 0, 0x80, 60, 0, // next note-on written before the previous note-off
                120, 0x80, 60, 0,
                0, 0xFF, 0x2F, 0));
        assertThat(MidiFiles.parse(bytes, "order.mid").tracks().get(0).notes())
                .containsExactly(new FileNote(0, 0, 120, 60, 100), new FileNote(0, 120, 240, 60, 90));
    }

    @Test
    void zeroLengthNotesAreDroppedAndChannelsAreIndependent() throws Exception {
        byte[] bytes = SmfBytes.file(0, 480, SmfBytes.track(
                0, 0x90, 60, 100, 0, 0x80, 60, 0,  // zero length: dropped, and it must not hang on
                0, 0x91, 60, 50,                    // same pitch, other channel
                60, 0x81, 60, 0,
                60, 0xFF, 0x2F, 0));
        assertThat(MidiFiles.parse(bytes, "zero.mid").tracks().get(0).notes())
                .containsExactly(new FileNote(1, 0, 60, 60, 50));
    }

    @Test
    void aNoteOnAfterAnOrphanNoteOffAtTheSameTickIsKeptAndZeroLengthNotesAreCounted() throws Exception {
        byte[] bytes = SmfBytes.file(0, 480, SmfBytes.track(
                0, 0x80, 60, 0,                     // a stray note-off with nothing sounding
                0, 0x90, 60, 100,                   // then a real note at the same tick: kept
                60, 0x80, 60, 0,
                0, 0x90, 62, 100, 0, 0x80, 62, 0,   // on, then off at one tick: no length, dropped and counted
                60, 0xFF, 0x2F, 0));
        MidiFileContent content = MidiFiles.parse(bytes, "orphan.mid");
        assertThat(content.tracks().get(0).notes()).containsExactly(new FileNote(0, 0, 60, 60, 100));
        assertThat(content.droppedNotes()).isEqualTo(1);
        assertThat(content.alterations()).isEqualTo("orphan.mid: 1 note(s) of no length (on and off at one tick) dropped");
    }

    @Test
    void specialFilesAreRefusedUnread(@TempDir Path dir) throws Exception {
        // /dev/zero would never end and a FIFO would block: both refused before a byte is read.
        assertThatThrownBy(() -> MidiFiles.read(Path.of("/dev/zero"))).isInstanceOf(MidiFileException.class)
                .hasMessage("/dev/zero is not a regular file (a device, pipe or socket), not a MIDI file");
        Path link = dir.resolve("song.mid");
        Files.createSymbolicLink(link, Path.of("/dev/zero"));
        assertThatThrownBy(() -> MidiFiles.read(link)).hasMessageContaining("not a regular file");
        Path fifo = dir.resolve("fifo.mid");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mkfifo.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && mkfifo.exitValue() == 0) {
            assertThatThrownBy(() -> MidiFiles.read(fifo)).hasMessageContaining("not a regular file");
        }
    }

    @Test
    void namesFallBackToLatin1AndSysExIsSkipped() throws Exception {
        byte[] bytes = SmfBytes.file(0, 480, SmfBytes.track(
                0, 0xFF, 0x03, 4, 'C', 'a', 'f', 0xE9,
                0, 0xF0, 3, 0x7E, 0x01, 0xF7,
                0, 0x90, 60, 100, 10, 0x80, 60, 0,
                0, 0xFF, 0x2F, 0));
        FileTrack track = MidiFiles.parse(bytes, "latin.mid").tracks().get(0);
        assertThat(track.name()).isEqualTo("Café");
        assertThat(track.notes()).containsExactly(new FileNote(0, 0, 10, 60, 100));
    }

    @Test
    void implausibleTemposAreClampedAndCounted() throws Exception {
        byte[] bytes = SmfBytes.file(0, 480, SmfBytes.track(
                0, 0xFF, 0x51, 3, 0, 0, 0,                   // 0 µs per quarter
                120, 0xFF, 0x51, 3, 0x5B, 0x8D, 0x80,        // 6,000,000 µs = 10 BPM
                120, 0xFF, 0x51, 3, 0x07, 0xA1, 0x20,        // 500,000 µs = 120 BPM, fine
                0, 0xFF, 0x2F, 0));
        MidiFileContent content = MidiFiles.parse(bytes, "tempo.mid");
        assertThat(content.clampedTempos()).isEqualTo(2);
        assertThat(content.tempoMap().changes()).extracting(TempoChange::bpm)
                .containsExactly(300.0, 30.0, 120.0);
    }

    @Test
    void readSequenceGivesAJavaxSequence() throws Exception {
        Path path = dir.resolve("seq.mid");
        threeTrackPiece().write(path);
        Sequence sequence = MidiFiles.readSequence(path);
        assertThat(sequence.getResolution()).isEqualTo(480);
        assertThat(sequence.getTracks()).hasSize(4);
        assertThat(sequence.getTickLength()).isEqualTo(5760);
    }

    // ---- errors ----

    @Test
    void missingFileSaysNotFound() {
        Path missing = dir.resolve("nope.mid");
        assertThatThrownBy(() -> MidiFiles.read(missing)).isInstanceOf(MidiFileException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("not found");
        assertThatThrownBy(() -> MidiFiles.read(dir)).isInstanceOf(MidiFileException.class).hasMessageContaining("directory");
    }

    @Test
    void emptyAndGarbageFilesAreNotMidi() throws IOException {
        Path empty = Files.write(dir.resolve("empty.mid"), new byte[0]);
        Path text = Files.writeString(dir.resolve("notes.mid"), "these are not the notes you are looking for");
        assertThatThrownBy(() -> MidiFiles.read(empty)).isInstanceOf(MidiFileException.class)
                .hasMessageContaining("empty.mid").hasMessageContaining("empty");
        assertThatThrownBy(() -> MidiFiles.read(text)).isInstanceOf(MidiFileException.class)
                .hasMessageContaining("notes.mid").hasMessageContaining("not a Standard MIDI File");
    }

    @Test
    void everyTruncationOfAValidFileIsReportedAsTruncatedOrNotMidi() {
        byte[] whole = threeTrackPiece().toBytes();
        for (int length = 1; length < whole.length; length++) {
            byte[] part = Arrays.copyOf(whole, length);
            assertThatThrownBy(() -> MidiFiles.parse(part, "cut.mid")).as("first %d bytes", length)
                    .isInstanceOf(MidiFileException.class).hasMessageStartingWith("cut.mid")
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("truncated", "not a Standard MIDI File"));
        }
    }

    @Test
    void smpteDivisionIsRefusedByName() {
        byte[] bytes = SmfBytes.file(0, 0xE728, SmfBytes.track(0, 0xFF, 0x2F, 0)); // -25 fps, 40 ticks per frame
        assertThatThrownBy(() -> MidiFiles.parse(bytes, "smpte.mid")).isInstanceOf(MidiFileException.class)
                .hasMessageContaining("smpte.mid").hasMessageContaining("SMPTE").hasMessageContaining("25 fps")
                .hasMessageContaining("not supported");
    }

    @Test
    void formatTwoIsRefusedByName() {
        byte[] bytes = SmfBytes.file(2, 480, SmfBytes.track(0, 0xFF, 0x2F, 0));
        assertThatThrownBy(() -> MidiFiles.parse(bytes, "f2.mid")).isInstanceOf(MidiFileException.class)
                .hasMessageContaining("format 2");
    }

    @Test
    void dataByteWithoutStatusIsAnError() {
        byte[] bytes = SmfBytes.file(0, 480, SmfBytes.track(0, 60, 100, 0, 0xFF, 0x2F, 0));
        assertThatThrownBy(() -> MidiFiles.parse(bytes, "nostatus.mid")).isInstanceOf(MidiFileException.class)
                .hasMessageContaining("track 0").hasMessageContaining("without a status");
    }

    @Test
    void hugeFilesAreRefusedBeforeReading() throws IOException {
        Path huge = dir.resolve("huge.mid");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(MidiFiles.MAX_FILE_BYTES + 1); // sparse: costs no disk
        }
        assertThatThrownBy(() -> MidiFiles.read(huge)).isInstanceOf(MidiFileException.class)
                .hasMessageContaining("huge.mid").hasMessageContaining("32 MiB");
    }

    @Test
    void builderRejectsWhatCannotBeWritten() {
        MidiFileBuilder file = new MidiFileBuilder();
        MidiFileBuilder.TrackBuilder track = file.track("t");
        assertThatThrownBy(() -> track.note(16, 60, 100, 0, 10)).hasMessageContaining("channel 16");
        assertThatThrownBy(() -> track.note(0, 128, 100, 0, 10)).hasMessageContaining("128");
        assertThatThrownBy(() -> track.noteOn(0, 0, 60, 0)).hasMessageContaining("velocity");
        assertThatThrownBy(() -> track.note(0, 60, 100, 10, 10)).hasMessageContaining("after its start");
        assertThatThrownBy(() -> file.tempo(0, 0)).hasMessageContaining("BPM");
        assertThatThrownBy(() -> file.meter(0, 4, 3)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> file.track(" ")).hasMessageContaining("name");
        assertThat(List.of(file.resolution())).containsExactly(MidiFileBuilder.DEFAULT_RESOLUTION);
    }
}
