package org.analogy.engine.style;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import org.analogy.engine.band.Band;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.process.Modes;
import org.analogy.engine.transform.Factor;

/**
 * Jazzer on the preset loader: any bytes as a preset file either load into a preset the engine can put in
 * force or fail with a {@link PresetException} naming the file; anything else thrown (a NullPointerException,
 * a ClassCastException, an IllegalArgumentException of another kind) is a finding. Seeds are the factory
 * presets and a preset setting every field, under
 * {@code src/test/resources/org/analogy/engine/style/PresetLoaderFuzzTestInputs/}; the dictionary holds the
 * schema's names so that mutations reach past the first unknown field.
 */
class PresetLoaderFuzzTest {

    /** The fuzzed file's place: relative references resolve from here (so "../../../presets/clips/x.mid" is a real clip). */
    static final Path FILE = Path.of("target", "preset-fuzz", "fuzz.json");

    private static final PresetLoader LOADER = new PresetLoader(new ReferenceClips(List.of(PresetLoaderTest.CLIPS)));

    static {
        try {
            Files.createDirectories(FILE.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "30s")
    @DictionaryEntries({"\"formatVersion\"", "\"name\"", "\"description\"", "\"mode\"", "\"chords\"", "\"melody\"",
            "\"accompaniment\"", "\"looper\"", "\"output\"", "\"source\"", "\"chart\"", "\"file\"", "\"keyboard\"",
            "\"predicted\"", "\"split\"", "\"oneFinger\"", "\"pitch\"", "\"rhythm\"", "\"chord\"", "\"texture\"",
            "\"transform\"", "\"reference\"", "\"references\"", "\"alpha\"", "\"x\"", "\"y\"", "\"temperature\"",
            "\"seed\"", "\"attributes\"", "\"bars\"", "\"overdub\"", "\"channel\"", "\"program\"", "\"velocity\"",
            "\"register\"", "\"echo\"", "\"accompany\"", "\"restyle\"", "\"looper\"", "\"live\"", "\"swap\"", "\"slerp\"",
            "\"xy\"", "\"sample\"", "\"freeze\"", "\"stride\"", "\"rhythm-swung\"", "\"bossa-nova\"", "\"C G | Am F\"",
            "\"F#3\"", "\"../../../presets/clips/waltz.mid\"", "\"x.mid\"", "null", "true", "false", "1e400", "-0", "[]", "{}"})
    void anyBytesLoadAsAPresetOrFailWithAPresetException(byte[] bytes) throws IOException {
        Preset preset;
        try {
            preset = LOADER.read(bytes, FILE, false);
        } catch (PresetException refused) {
            assertThat(refused.getMessage()).startsWith(FILE + ": ");
            return;
        }
        // Loaded: it must be one the engine can put in force.
        Style style = preset.style();
        assertThat(preset.name()).matches("[A-Za-z0-9][A-Za-z0-9 _.-]{0,47}");
        assertThat(preset.description()).isNotBlank().hasSizeLessThanOrEqualTo(120);
        assertThat(Modes.exists(style.mode())).as(style.mode()).isTrue();
        assertThat(preset.melodyChannel()).isBetween(0, 15);
        assertThat(preset.accompanimentChannel()).isBetween(0, 15);
        assertThat(style.loopBars()).isIn(2, 4, 6, 8);
        assertThat(style.chords()).isNotNull();
        for (Factor f : Factor.values()) {
            assertThat(style.references(f)).hasSameSizeAs(style.transform(f).references());
            assertThat(style.references(f)).allSatisfy(clip -> assertThat(clip.notes()).isNotEmpty());
        }
        ControlSnapshot controls = preset.applyTo(ControlSnapshot.DEFAULT);
        assertThat(controls.style()).isSameAs(style);
        try {
            Band.standIns().checkPlayable(style, FILE.toString());
        } catch (PresetException notPlayableHere) {
            assertThat(notPlayableHere.getMessage()).startsWith(FILE + ": ");
        }
    }
}
