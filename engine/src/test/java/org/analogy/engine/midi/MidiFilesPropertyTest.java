package org.analogy.engine.midi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class MidiFilesPropertyTest {

    /** Whatever follows a valid header, reading ends in content or a MidiFileException, nothing else. */
    @Property(tries = 1000)
    void garbageTracksFailOnlyWithMidiFileException(@ForAll @Size(max = 300) byte[] garbage) {
        byte[] header = SmfBytes.file(1, 480);
        header[11] = 2; // declare two tracks
        byte[] chunk = SmfBytes.track(new int[garbage.length]);
        System.arraycopy(garbage, 0, chunk, 8, garbage.length);
        byte[] file = Arrays.copyOf(header, header.length + chunk.length * 2);
        System.arraycopy(chunk, 0, file, header.length, chunk.length);
        System.arraycopy(chunk, 0, file, header.length + chunk.length, chunk.length);
        try {
            MidiFileContent content = MidiFiles.parse(file, "fuzz.mid");
            assertThat(content.tracks()).hasSize(2);
        } catch (MidiFileException e) {
            assertThat(e.getMessage()).startsWith("fuzz.mid");
        }
    }

    /** Flipping any one byte of a valid file never escapes as anything but a MidiFileException. */
    @Property(tries = 500)
    void singleByteCorruptionFailsCleanly(@ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll byte value) {
        MidiFileBuilder builder = new MidiFileBuilder(96).tempo(0, 100);
        builder.track("t").note(0, 60, 100, 0, 96).controlChange(48, 0, 64, 127).note(0, 62, 90, 96, 192);
        byte[] file = builder.toBytes();
        file[where % file.length] = value;
        try {
            MidiFiles.parse(file, "flip.mid");
        } catch (MidiFileException e) {
            assertThat(e.getMessage()).startsWith("flip.mid");
        }
    }
}
