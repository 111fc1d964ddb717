package org.analogy.engine.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.analogy.engine.midi.MidiFileBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynthRendererTest {

    @TempDir
    Path dir;

    @Test
    void rendersSilenceThenTheNoteThenTheTail() throws Exception {
        // 120 BPM at 480 ticks per quarter: a quarter is 0.5 s. Silent first beat, one note on the second.
        MidiFileBuilder file = new MidiFileBuilder(480).tempo(0, 120);
        file.track("piano").programChange(0, 0, 0).note(0, 60, 110, 480, 960);
        Path wav = dir.resolve("render.wav");

        long frames = new SynthRenderer(0.5).render(file.toSequence(), wav);

        AudioFileFormat format = AudioSystem.getAudioFileFormat(wav.toFile());
        assertThat(format.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        assertThat(format.getFormat().getSampleRate()).isEqualTo(44_100f);
        assertThat(format.getFormat().getSampleSizeInBits()).isEqualTo(16);
        assertThat(format.getFormat().getChannels()).isEqualTo(2);
        assertThat(frames).isEqualTo(66_150); // 1.0 s of music + 0.5 s tail
        assertThat((long) format.getFrameLength()).isEqualTo(frames);

        short[] left = leftChannel(wav);
        assertThat(left).hasSize(66_150);
        assertThat(peak(left, 0.0, 0.45)).as("before the first note").isZero();
        assertThat(rms(left, 0.6, 0.95)).as("while the note plays").isGreaterThan(200);
    }

    @Test
    void laterTempoChangesMoveTheNotes() throws Exception {
        // Two beats at 120 BPM (1 s), then 60 BPM: a note one beat after the change starts at 2.0 s.
        MidiFileBuilder file = new MidiFileBuilder(480).tempo(0, 120).tempo(960, 60);
        file.track("piano").note(0, 67, 110, 1440, 1920);
        Path wav = dir.resolve("tempo.wav");

        long frames = new SynthRenderer(0.25).render(file.toSequence(), wav);

        assertThat(frames).isEqualTo((long) Math.ceil(3.25 * 44_100));
        short[] left = leftChannel(wav);
        assertThat(peak(left, 0.0, 1.95)).isZero();
        assertThat(rms(left, 2.1, 2.9)).isGreaterThan(200);
    }

    @Test
    void missingExportNamesTheFlag() {
        // java.base is not among the modules Gervill's package is exported to, so the check must refuse it.
        assertThatThrownBy(() -> SynthRenderer.checkAccess(Object.class.getModule()))
                .isInstanceOf(SynthRenderException.class)
                .hasMessageContaining("--add-exports java.desktop/com.sun.media.sound=ALL-UNNAMED");
    }

    private static short[] leftChannel(Path wav) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            byte[] bytes = in.readAllBytes();
            short[] left = new short[bytes.length / 4];
            for (int frame = 0; frame < left.length; frame++) {
                left[frame] = (short) ((bytes[frame * 4] & 0xFF) | bytes[frame * 4 + 1] << 8);
            }
            return left;
        }
    }

    private static int peak(short[] samples, double fromSeconds, double toSeconds) {
        int peak = 0;
        for (int i = (int) (fromSeconds * 44_100); i < (int) (toSeconds * 44_100); i++) peak = Math.max(peak, Math.abs(samples[i]));
        return peak;
    }

    private static double rms(short[] samples, double fromSeconds, double toSeconds) {
        int from = (int) (fromSeconds * 44_100);
        int to = (int) (toSeconds * 44_100);
        double sum = 0;
        for (int i = from; i < to; i++) sum += (double) samples[i] * samples[i];
        return Math.sqrt(sum / (to - from));
    }
}
