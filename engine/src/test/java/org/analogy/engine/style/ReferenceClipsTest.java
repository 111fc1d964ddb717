package org.analogy.engine.style;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Finding and reading reference clips from the shipped clip folder. */
class ReferenceClipsTest {

    private final ReferenceClips clips = new ReferenceClips(List.of(Path.of("../presets/clips")));

    @Test
    void theSameFileNamedByNameAndByPathKeepsEachCallersName() throws Exception {
        String path = Path.of("../presets/clips/stride.mid").toAbsolutePath().normalize().toString();
        ReferenceClip byPath = clips.load(path, null);
        ReferenceClip byName = clips.load("stride", null);
        assertThat(byPath.name()).isEqualTo(path);
        assertThat(byName.name()).isEqualTo("stride");
        assertThat(byName.sha256()).isEqualTo(byPath.sha256());
        assertThat(byName.notes()).isEqualTo(byPath.notes());
        assertThat(clips.load("stride", null)).isEqualTo(byName);
    }

    @Test
    void anUnknownNameIsRefusedWithTheClipsThereAre() {
        assertThatThrownBy(() -> clips.load("no-such-clip", null))
                .hasMessageContaining("no reference clip 'no-such-clip'").hasMessageContaining("stride");
    }
}
