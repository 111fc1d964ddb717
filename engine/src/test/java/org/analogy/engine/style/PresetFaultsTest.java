package org.analogy.engine.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faults: a preset with a bad value, one test per kind of bad value. Each starts from a preset that sets
 * every field of the schema (and loads), changes one field, and checks that loading fails with a {@link
 * PresetException} naming the file, the field (its full path) and what is allowed there.
 */
class PresetFaultsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every field of the schema set to a valid value. */
    static final String FULL = """
            {"formatVersion": 1, "name": "full", "description": "every field set", "mode": "accompany",
             "chords": {"source": "keyboard", "split": 60, "oneFinger": false},
             "melody": {"pitch": {"transform": "sample", "temperature": 0.5, "seed": 7, "attributes": {"density": 0.5}},
                        "rhythm": {"transform": "slerp", "reference": "rhythm-swung", "alpha": 0.25}},
             "accompaniment": {"texture": {"transform": "xy", "references": ["stride", "oom-pah", "block-chords", "alberti-bass"],
                                           "x": 0.1, "y": 0.9}},
             "looper": {"bars": 4, "overdub": true},
             "output": {"melody": {"channel": 1, "program": 0, "velocity": 1.0, "register": [55, 88]},
                        "accompaniment": {"channel": 2, "program": 32, "velocity": 0.8, "register": [36, 76]}}}
            """;

    @TempDir
    Path dir;

    PresetLoader loader() {
        return new PresetLoader(new ReferenceClips(List.of(PresetLoaderTest.CLIPS)));
    }

    Path file(String text) throws Exception {
        Path p = dir.resolve("faulty.json");
        Files.writeString(p, text);
        return p;
    }

    /** The full preset with the field at {@code path} (dot-separated) set to {@code value} (JSON). */
    Path with(String path, String value) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(FULL);
        String[] keys = path.split("\\.");
        ObjectNode parent = root;
        for (int i = 0; i < keys.length - 1; i++) parent = (ObjectNode) parent.get(keys[i]);
        parent.set(keys[keys.length - 1], JSON.readTree(value));
        return file(JSON.writeValueAsString(root));
    }

    void refused(Path file, String field, String allowed) {
        assertThatThrownBy(() -> loader().load(file, false))
                .isExactlyInstanceOf(PresetException.class)
                .hasMessageStartingWith(file + ": " + field + " ")
                .hasMessageContaining(allowed);
    }

    @Test
    void theFullPresetLoads() throws Exception {
        Preset p = loader().load(file(FULL), false);
        assertThat(p.style().mode()).isEqualTo("accompany");
        assertThat(p.style().loopBars()).isEqualTo(4);
        assertThat(p.accompanimentChannel()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "formatVersion; \"1\"; allowed a whole number 1–1",
            "name; 7; must be text",
            "description; true; must be text",
            "mode; 3; must be text: allowed echo, accompany, restyle, looper",
            "chords; \"chart\"; must be an object",
            "chords.source; 1; must be text: allowed chart, file, keyboard, predicted",
            "chords.split; 60.5; allowed a MIDI note 1–127 or a note name",
            "chords.split; [60]; allowed a MIDI note 1–127 or a note name",
            "chords.oneFinger; \"yes\"; allowed true or false",
            "melody; []; must be an object",
            "melody.rhythm; \"swing\"; must be an object",
            "melody.rhythm.transform; 2; must be text: allowed live, swap, slerp, xy, sample, freeze",
            "melody.rhythm.reference; 5; must be text",
            "melody.rhythm.reference; null; must be a clip name",
            "melody.rhythm.alpha; \"half\"; allowed 0–1",
            "melody.pitch.seed; \"x\"; allowed 0–9007199254740991",
            "melody.pitch.temperature; null; allowed 0–2",
            "melody.pitch.attributes; [1]; must be an object",
            "melody.pitch.attributes.density; \"lots\"; allowed -3–3",
            "accompaniment.texture.references; \"stride\"; must be a list of clip names",
            "accompaniment.texture.x; false; allowed 0–1",
            "looper; []; must be an object",
            "looper.bars; 4.5; allowed a whole number 2–8",
            "looper.overdub; 1; allowed true or false",
            "output; 5; must be an object",
            "output.melody.channel; \"3\"; allowed a whole number 1–16",
            "output.melody.program; 66.0; allowed a whole number -1–127",
            "output.melody.velocity; \"loud\"; allowed 0.1–2",
            "output.accompaniment.register; \"low\"; allowed [low, high], MIDI notes 0–127",
            "output.accompaniment.register; [50.5, 80]; allowed [low, high], MIDI notes 0–127",
            "output.accompaniment.register; [50, 70, 90]; allowed [low, high], MIDI notes 0–127",
    })
    void aWrongTypeNamesFileFieldAndWhatIsAllowed(String field, String value, String allowed) throws Exception {
        refused(with(field, value), field, allowed);
    }

    @Test
    void aWrongTypeInsideAListNamesTheElement() throws Exception {
        refused(with("accompaniment.texture.references", "[\"stride\", 7, \"block-chords\", \"alberti-bass\"]"),
                "accompaniment.texture.references[1]", "must be a clip name");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "formatVersion; 2; allowed a whole number 1–1",
            "melody.rhythm.alpha; 1.5; allowed 0–1",
            "melody.rhythm.alpha; -0.01; allowed 0–1",
            "melody.pitch.temperature; 2.5; allowed 0–2",
            "melody.pitch.seed; -1; allowed 0–9007199254740991",
            "melody.pitch.seed; 1e300; allowed 0–9007199254740991",
            "melody.pitch.attributes.density; 4; allowed -3–3",
            "accompaniment.texture.y; 1e400; allowed 0–1",
            "chords.split; 0; allowed a MIDI note 1–127",
            "chords.split; 128; allowed a MIDI note 1–127",
            "chords.split; \"C10\"; allowed a MIDI note 1–127 or a note name C0–G9",
            "looper.bars; 0; allowed a whole number 2–8",
            "looper.bars; 10; allowed a whole number 2–8",
            "looper.bars; 5; allowed 2, 4, 6 or 8",
            "looper.bars; 99999999999999999999; allowed a whole number 2–8",
            "output.melody.channel; 0; allowed a whole number 1–16",
            "output.melody.channel; 17; allowed a whole number 1–16",
            "output.melody.program; -2; allowed a whole number -1–127",
            "output.melody.program; 128; allowed a whole number -1–127",
            "output.melody.velocity; 0; allowed 0.1–2",
            "output.melody.velocity; 2.5; allowed 0.1–2",
            "output.accompaniment.register; [-1, 76]; allowed [low, high] within 0–127, at least 12 semitones apart",
            "output.accompaniment.register; [36, 128]; allowed [low, high] within 0–127, at least 12 semitones apart",
            "output.accompaniment.register; [76, 36]; allowed [low, high] within 0–127, at least 12 semitones apart",
            "output.accompaniment.register; [60, 71]; allowed [low, high] within 0–127, at least 12 semitones apart",
    })
    void anOutOfRangeNumberNamesFileFieldAndTheRange(String field, String value, String allowed) throws Exception {
        Path file = with(field, value);
        refused(file, field, allowed);
        assertThatThrownBy(() -> loader().load(file, false)).hasMessageContaining(field + " " + JSON.readTree(value));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "mode; \"karaoke\"; 'karaoke': allowed echo, accompany, restyle, looper",
            "mode; \"\"; '': allowed echo, accompany, restyle, looper",
            "chords.source; \"guess\"; 'guess': allowed chart, file, keyboard, predicted",
            "melody.rhythm.transform; \"morph\"; 'morph': allowed live, swap, slerp, xy, sample, freeze",
            "accompaniment.texture.transform; \"SWAP!\"; 'SWAP!': allowed live, swap, slerp, xy, sample, freeze",
    })
    void anUnknownModeChordSourceOrTransformListsTheKnownOnes(String field, String value, String allowed) throws Exception {
        refused(with(field, value), field, allowed);
    }

    @Test
    void aMissingFieldThatIsRequiredSaysWhatItTakes() throws Exception {
        refused(with("mode", "null"), "mode", "is missing: allowed echo, accompany, restyle, looper");
        refused(with("chords", "{}"), "chords.source", "is missing: allowed chart, file, keyboard, predicted");
        refused(with("melody.rhythm", "{\"alpha\": 0.5}"), "melody.rhythm.transform", "is missing: allowed live, swap, slerp, xy, sample, freeze");
        refused(with("chords", "{\"source\": \"chart\"}"), "chords.chart", "is missing: a chart such as");
    }

    @Test
    void aMissingReferenceClipNamesTheFieldAndWhatIsAvailable() throws Exception {
        refused(with("melody.rhythm.reference", "\"rhythm-polka\""), "melody.rhythm.references[0]",
                "'rhythm-polka': no reference clip 'rhythm-polka'");
        assertThatThrownBy(() -> loader().load(with("melody.rhythm.reference", "\"rhythm-polka\""), false))
                .hasMessageContaining("available: ").hasMessageContaining("rhythm-swung");
        refused(with("accompaniment.texture.references", "[\"stride\", \"oom-pah\", \"mine/waltz.mid\", \"alberti-bass\"]"),
                "accompaniment.texture.references[2]", "file not found (" + dir.resolve("mine/waltz.mid"));
        refused(with("chords", "{\"source\": \"file\", \"file\": \"changes.mid\"}"), "chords.file", "'changes.mid': ");
        assertThatThrownBy(() -> loader().load(with("chords", "{\"source\": \"file\", \"file\": \"changes.mid\"}"), false))
                .hasMessageContaining("not found");
    }

    @Test
    void aReferenceThatIsNotAMidiFileOrNotAPathIsNamed() throws Exception {
        Files.writeString(dir.resolve("notes.mid"), "these are not notes");
        refused(with("melody.rhythm.reference", "\"notes.mid\""), "melody.rhythm.references[0]", "'notes.mid': ");
        Files.createDirectories(dir.resolve("folder.mid"));
        refused(with("melody.rhythm.reference", "\"folder.mid\""), "melody.rhythm.references[0]", "file not found");
        refused(with("melody.rhythm.reference", "\"bad\\u0000name.mid\""), "melody.rhythm.references[0]", "not a usable path");
        refused(with("chords", "{\"source\": \"file\", \"file\": \"bad\\u0000name.mid\"}"), "chords.file", "not a usable path");
        refused(with("chords", "{\"source\": \"file\", \"file\": \"notes.mid\"}"), "chords.file", "'notes.mid': ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            "top level; loooper",
            "chords; chords.splitPoint",
            "melody; melody.texture",
            "melody.rhythm; melody.rhythm.amount",
            "looper; looper.length",
            "output; output.guitar",
            "output.melody; output.melody.pan",
    })
    void anUnknownFieldIsRefusedWithTheFieldsAllowedThere(String where, String field) throws Exception {
        Path file = with(field, "1");
        refused(file, field, "is not a preset field here: allowed ");
    }

    @Test
    void unreadableJsonNamesTheFileAndWhereItBroke() throws Exception {
        for (String text : List.of("", "{\"description\": \"x\", \"mode\": ", "{'mode': 'echo'}", "{\"mode\": \"echo\",}",
                "// a comment\n{}", "{\"mode\": \"echo\", \"description\": \"x\"} }", "{\"mode\": \"echo\", \"mode\": \"looper\"}",
                "\u00ef\u00bb\u00bf\u0000\u0001binary")) {
            Path file = file(text);
            assertThatThrownBy(() -> loader().load(file, false)).as(text)
                    .isExactlyInstanceOf(PresetException.class)
                    .hasMessageStartingWith(file + ": ")
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("not valid JSON", "a preset is a JSON object"));
        }
        Path list = file("[{\"mode\": \"echo\"}]");
        assertThatThrownBy(() -> loader().load(list, false)).hasMessage(list + ": not a preset (a preset is a JSON object, beginning with '{')");
        Path broken = file("{\n  \"description\": \"x\",\n  \"mode\": echo\n}");
        assertThatThrownBy(() -> loader().load(broken, false)).hasMessageContaining("not valid JSON").hasMessageContaining("(line 3)");
    }

    @Test
    void aFileThatCannotBeReadIsNamed() throws Exception {
        assertThatThrownBy(() -> loader().load(dir.resolve("absent.json"), false))
                .isExactlyInstanceOf(PresetException.class).hasMessage("preset file not found: " + dir.resolve("absent.json"));
        Path folder = Files.createDirectories(dir.resolve("folder.json"));
        assertThatThrownBy(() -> loader().load(folder, false))
                .isExactlyInstanceOf(PresetException.class).hasMessage(folder + ": is a directory, not a preset file");
        Path huge = dir.resolve("huge.json");
        Files.write(huge, ("{\"description\": \"" + "x".repeat((int) PresetLoader.MAX_FILE_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> loader().load(huge, false))
                .isExactlyInstanceOf(PresetException.class).hasMessageStartingWith(huge + ": is ").hasMessageContaining("allowed up to 256 KB");
    }
}
