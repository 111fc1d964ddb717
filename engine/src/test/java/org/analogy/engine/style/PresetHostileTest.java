package org.analogy.engine.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preset files and fields as a hostile user writes them: each refused in one line, none read past its limits. */
class PresetHostileTest {

    @TempDir
    Path dir;

    private final PresetLoader loader = new PresetLoader(new ReferenceClips(List.of(Path.of("../presets/clips"))));

    @Test
    void aFileThatIsNotAPresetIsRefusedWithoutQuotingIt() throws Exception {
        Path secret = Files.writeString(dir.resolve("shadow"), "root:$6$secrethash:19000:0:99999:7:::\n");
        assertThatThrownBy(() -> loader.load(secret, false)).isInstanceOf(PresetException.class)
                .hasMessage(secret + ": not a preset (a preset is a JSON object, beginning with '{')")
                .message().doesNotContain("root").doesNotContain("secret");
    }

    @Test
    void devicesPipesAndLinksToThemAreRefusedUnread() throws Exception {
        assertThatThrownBy(() -> loader.load(Path.of("/dev/zero"), false)).hasMessageContaining("not a regular file");
        Path link = dir.resolve("zero.json");
        Files.createSymbolicLink(link, Path.of("/dev/zero"));
        assertThatThrownBy(() -> loader.load(link, false)).hasMessageContaining("not a regular file");
        Path fifo = dir.resolve("fifo.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0) {
            assertThatThrownBy(() -> loader.load(fifo, false)).hasMessageContaining("not a regular file");
        }
    }

    @Test
    void controlCharactersInADescriptionAreRefused() throws Exception {
        Path p = Files.writeString(dir.resolve("esc.json"),
                "{\"description\": \"calm \\u001b[2J\\u001b[31mred\", \"mode\": \"echo\"}");
        assertThatThrownBy(() -> loader.load(p, false)).hasMessage(p + ": description has a control character (U+001B) at 6: allowed printable text only");
        Path bidi = Files.writeString(dir.resolve("bidi.json"), "{\"description\": \"abc\\u202Edef\", \"mode\": \"echo\"}");
        assertThatThrownBy(() -> loader.load(bidi, false)).hasMessageContaining("U+202E");
    }

    @Test
    void aListingFindsAChordFileButDoesNotReadIt() throws Exception {
        // A chord file that is not MIDI at all: loading the preset reads it and fails; listing only finds it.
        Files.writeString(dir.resolve("chords.mid"), "not midi");
        Path p = Files.writeString(dir.resolve("charted.json"),
                "{\"description\": \"plays to a file\", \"mode\": \"accompany\", \"chords\": {\"source\": \"file\", \"file\": \"chords.mid\"}}");
        assertThatThrownBy(() -> loader.load(p, false)).hasMessageContaining("chords.file");
        Preset listed = loader.forListing().load(p, false);
        assertThat(listed.style().chords().describe()).contains("not read for the listing");
        Path missing = Files.writeString(dir.resolve("missing.json"),
                "{\"description\": \"plays to a file\", \"mode\": \"accompany\", \"chords\": {\"source\": \"file\", \"file\": \"nowhere.mid\"}}");
        assertThatThrownBy(() -> loader.forListing().load(missing, false)).hasMessageContaining("chords.file").hasMessageContaining("nowhere.mid");
    }
}
