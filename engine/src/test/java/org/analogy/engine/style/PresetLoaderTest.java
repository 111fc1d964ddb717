package org.analogy.engine.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.analogy.engine.chords.ChartChords;
import org.analogy.engine.chords.SplitKeyboardChords;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.TransformKind;

class PresetLoaderTest {

    static final Path FACTORY = Path.of("../presets/styles");
    static final Path CLIPS = Path.of("../presets/clips");

    @TempDir
    Path dir;

    PresetLoader loader() {
        return new PresetLoader(new ReferenceClips(List.of(CLIPS)));
    }

    Path write(String json) throws Exception {
        Path p = dir.resolve("mine.json");
        Files.writeString(p, json);
        return p;
    }

    static final String GOOD = """
            {"formatVersion": 1, "description": "a test preset", "mode": "restyle",
             "chords": {"source": "keyboard", "split": "F#3"},
             "melody": {"rhythm": {"transform": "slerp", "reference": "rhythm-swung", "alpha": 0.25}},
             "accompaniment": {"texture": {"transform": "xy", "references": ["stride", "oom-pah", "block-chords", "alberti-bass"], "x": 0.1, "y": 0.9}},
             "looper": {"bars": 6},
             "output": {"melody": {"channel": 3, "program": 66, "velocity": 1.2, "register": [50, 80]}}}
            """;

    @Test
    void aGoodPresetLoadsWithItsClipsRead() throws Exception {
        Preset p = loader().load(write(GOOD), false);
        Style s = p.style();
        assertThat(p.name()).isEqualTo("mine");
        assertThat(s.mode()).isEqualTo("restyle");
        assertThat(((SplitKeyboardChords) s.chords()).splitPoint()).isEqualTo(54);
        assertThat(s.transform(Factor.RHYTHM).kind()).isEqualTo(TransformKind.SLERP);
        assertThat(s.transform(Factor.RHYTHM).alpha()).isEqualTo(0.25);
        assertThat(s.references(Factor.RHYTHM)).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("rhythm-swung");
            assertThat(c.notes()).isNotEmpty();
            assertThat(c.sha256()).hasSize(64);
        });
        assertThat(s.references(Factor.TEXTURE)).hasSize(4);
        assertThat(s.transform(Factor.PITCH).kind()).isEqualTo(TransformKind.LIVE);
        assertThat(s.loopBars()).isEqualTo(6);
        assertThat(p.melodyChannel()).isEqualTo(2);
        assertThat(p.accompanimentChannel()).isEqualTo(1);
        assertThat(s.melody().program()).isEqualTo(66);
        assertThat(s.melody().fold(40)).isEqualTo(52);
    }

    @Test
    void everyFactoryPresetIsValidAndTheyDiffer() throws Exception {
        PresetLibrary library = new PresetLibrary(FACTORY, dir.resolve("none"), loader());
        List<Preset> all = library.all();
        assertThat(all).hasSizeGreaterThanOrEqualTo(12);
        assertThat(all).allSatisfy(p -> assertThat(p.factory()).isTrue());
        // clearly different: no two share mode, chord source, transforms and sounds
        List<String> fingerprints = all.stream().map(p -> p.style().mode() + "|" + p.style().chords().describe() + "|"
                + p.style().transforms() + "|" + p.style().references() + "|" + p.style().melody() + "|" + p.style().accompaniment()).toList();
        assertThat(fingerprints).doesNotHaveDuplicates();
        assertThat(all.stream().map(p -> p.style().mode()).distinct()).contains("accompany", "restyle", "looper", "echo");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "alpha out of range; \"alpha\": 0.25; \"alpha\": 1.5; melody.rhythm.alpha 1.5: allowed 0–1",
            "channel 17; \"channel\": 3; \"channel\": 17; output.melody.channel 17: allowed a whole number 1–16",
            "velocity; \"velocity\": 1.2; \"velocity\": 3; output.melody.velocity 3: allowed 0.1–2",
            "program; \"program\": 66; \"program\": 128; output.melody.program 128: allowed a whole number -1–127",
            "register span; [50, 80]; [50, 55]; output.melody.register [50,55]: allowed [low, high] within 0–127, at least 12 semitones apart",
            "loop bars; \"bars\": 6; \"bars\": 5; looper.bars 5: allowed 2, 4, 6 or 8",
            "loop bars range; \"bars\": 6; \"bars\": 12; looper.bars 12: allowed a whole number 2–8",
            "mode; \"restyle\"; \"karaoke\"; mode 'karaoke': allowed echo, accompany, restyle, looper",
            "transform kind; \"slerp\"; \"morph\"; melody.rhythm.transform 'morph': allowed live, swap, slerp, xy, sample, freeze",
            "reference count; [\"stride\", \"oom-pah\", \"block-chords\", \"alberti-bass\"]; [\"stride\"]; accompaniment.texture.references 1 clip(s): 'xy' takes 4",
            "missing clip; \"rhythm-swung\"; \"rhythm-polka\"; melody.rhythm.references[0] 'rhythm-polka': no reference clip 'rhythm-polka'",
            "unknown field; \"looper\"; \"loooper\"; loooper is not a preset field here",
            "split point; \"F#3\"; \"H2\"; chords.split \"H2\": allowed a MIDI note 1–127",
            "chord source; \"keyboard\"; \"guess\"; chords.source 'guess': allowed chart, file, keyboard, predicted",
            "wrong type; \"x\": 0.1; \"x\": \"left\"; accompaniment.texture.x \"left\": allowed 0–1",
    })
    void aBadValueNamesFileFieldAndAllowedRange(String what, String from, String to, String message) throws Exception {
        assertThat(GOOD).contains(from);
        Path file = write(GOOD.replace(from, to));
        assertThatThrownBy(() -> loader().load(file, false))
                .isInstanceOf(PresetException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(message);
    }

    @Test
    void aBadChartAndBrokenJsonAreNamedToo() throws Exception {
        Path chart = write("{\"description\": \"x\", \"mode\": \"accompany\", \"chords\": {\"source\": \"chart\", \"chart\": \"C Q7\"}}");
        assertThatThrownBy(() -> loader().load(chart, false)).hasMessageContaining("chords.chart 'C Q7'");
        Path broken = write("{\"description\": \"x\", \"mode\": ");
        assertThatThrownBy(() -> loader().load(broken, false)).hasMessageContaining("not valid JSON");
        Path missing = write("{\"mode\": \"echo\"}");
        assertThatThrownBy(() -> loader().load(missing, false)).hasMessageContaining("description is missing");
    }

    @Test
    void aChartPresetFollowsItsChart() throws Exception {
        Preset p = loader().load(FACTORY.resolve("bossa-nova.json"), true);
        assertThat(p.style().chords()).isInstanceOf(ChartChords.class);
        assertThat(p.style().chords().describe()).contains("Dm7");
    }

    @Test
    void userPresetsShadowFactoryOnesAndUnknownNamesListTheAvailable() throws Exception {
        Path user = dir.resolve("user");
        Files.createDirectories(user);
        Files.writeString(user.resolve("ballad.json"), "{\"description\": \"my ballad\", \"mode\": \"echo\"}");
        PresetLibrary library = new PresetLibrary(FACTORY, user, loader());
        assertThat(library.find("ballad").description()).isEqualTo("my ballad");
        assertThat(library.find("ballad").factory()).isFalse();
        assertThatThrownBy(() -> library.find("nonesuch")).hasMessageContaining("no preset 'nonesuch'; available:")
                .hasMessageContaining("bossa-nova");
    }
}
