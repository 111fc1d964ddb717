package org.analogy.engine.bass;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.model.ModelBundleException;
import org.analogy.engine.repr.GridNote;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.analogy.engine.bass.BassLineTest.chart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shipped bass bundle through the engine's adapter: it loads, refuses a broken file by name, and plays the chords. */
class BassModelTest {

    static final Path SHIPPED = Path.of("../presets/models/bass");

    private static BassModel model;

    @BeforeAll
    static void load() throws Exception {
        model = BassModel.load(SHIPPED);
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    /** Reference clips a user might give, two bars each, in different keys: roots on the beat, root–fifth–octave eighths, a syncopated line. */
    static List<List<GridNote>> referenceClips() {
        List<GridNote> quarters = new ArrayList<>();
        for (int s = 0; s < 32; s += 4) quarters.add(new GridNote(s < 16 ? 33 : 38, 100, s, 4));            // A | D
        List<GridNote> eighths = new ArrayList<>();
        int[] rfo = {36, 43, 48, 43};
        for (int s = 0; s < 32; s += 2) eighths.add(new GridNote(rfo[(s / 2) % 4] + (s < 16 ? 0 : 5), 90, s, 2));   // C | F
        List<GridNote> syncopated = new ArrayList<>();
        for (int bar = 0; bar < 2; bar++) {
            int root = bar == 0 ? 40 : 45;                                                               // E | A
            syncopated.add(new GridNote(root, 110, bar * 16, 3));
            syncopated.add(new GridNote(root, 80, bar * 16 + 3, 3));
            syncopated.add(new GridNote(root + 7, 90, bar * 16 + 6, 2));
            syncopated.add(new GridNote(root + 12, 100, bar * 16 + 10, 2));
            syncopated.add(new GridNote(root + 10, 85, bar * 16 + 14, 2));
        }
        return List.of(quarters, eighths, syncopated);
    }

    /** The band under the chart: piano chords on every beat, the kick on 1 and 3. */
    static float[] band() {
        List<GridNote> piano = new ArrayList<>();
        for (int s = 0; s < 32; s += 4) piano.add(new GridNote(60, 70, s, 4));
        DrumPattern drums = new DrumPattern();
        for (int s = 0; s < 32; s += 8) drums.set(s, DrumVoice.KICK, 0.9f, 0f);
        return BassModel.bandOnsets(piano, drums);
    }

    @Test
    void theShippedBundleLoadsWithItsStyleLatent() {
        assertThat(model.latentSize()).isPositive();
    }

    @Test
    void aCorruptFileIsRefusedNamingIt(@TempDir Path copy) throws Exception {
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        byte[] decoder = Files.readAllBytes(copy.resolve("decoder.onnx"));
        decoder[decoder.length / 2] ^= 0x5A;
        Files.write(copy.resolve("decoder.onnx"), decoder);
        assertThatThrownBy(() -> BassModel.load(copy)).isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("decoder.onnx").hasMessageContaining("SHA-256");
        Files.delete(copy.resolve("encoder.onnx"));
        assertThatThrownBy(() -> BassModel.load(copy)).isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("model file missing").hasMessageContaining("encoder.onnx");
    }

    @Test
    void underCGAmFMostOnsetsAreChordTonesAndEveryNoteIsInTheRegister() throws Exception {
        Chord[] chords = chart("C", "G", "Am", "F");
        int onsets = 0, chordTones = 0;
        for (List<GridNote> clip : referenceClips()) {
            float[] style = model.style(clip, 32);
            for (int[] register : new int[][]{{28, 52}, {36, 60}, {40, 64}}) {
                List<GridNote> notes = model.decode(style, chords, band(), register[0], register[1]);
                assertThat(notes).as("a line for every clip and register").isNotEmpty();
                for (GridNote n : notes) {
                    assertThat(n.pitch()).isBetween(register[0], register[1]);
                    assertThat(n.start()).isBetween(0, 31);
                    assertThat(n.end()).isLessThanOrEqualTo(32);
                    assertThat(n.velocity()).isBetween(1, 127);
                    onsets++;
                    if (chords[n.start()].contains(n.pitch() % 12)) chordTones++;
                }
            }
        }
        assertThat((double) chordTones / onsets).as("share of %d onsets on chord tones", onsets).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theSameStyleFollowsTheChartInAnyKey() throws Exception {
        float[] style = model.style(referenceClips().get(1), 32);
        List<GridNote> inC = model.decode(style, chart("C", "G", "Am", "F"), band(), 24, 60);
        List<GridNote> inD = model.decode(style, chart("D", "A", "Bm", "G"), band(), 26, 62);
        assertThat(inD).hasSameSizeAs(inC);
        for (int i = 0; i < inC.size(); i++) {
            assertThat(inD.get(i).start()).isEqualTo(inC.get(i).start());
            assertThat(inD.get(i).pitch()).isEqualTo(inC.get(i).pitch() + 2);
        }
    }

    @Test
    void badInputIsAClearError() throws Exception {
        float[] style = model.style(referenceClips().get(0), 32);
        Chord[] chords = chart("C");
        assertThatThrownBy(() -> model.decode(new float[model.latentSize() + 1], chords, band(), 28, 52)).hasMessageContaining("style latent needs");
        assertThatThrownBy(() -> model.decode(style, new Chord[4], band(), 28, 52)).hasMessageContaining("chords per step needs 32");
        assertThatThrownBy(() -> model.decode(style, chords, band(), 50, 55)).hasMessageContaining("at least an octave apart");
        assertThatThrownBy(() -> model.style(List.of(), 32)).hasMessageContaining("no notes");
        Chord[] none = new Chord[32];
        java.util.Arrays.fill(none, Chord.NONE);
        assertThat(model.decode(style, none, band(), 28, 52)).as("no chord, no bass").isEmpty();
    }
}
