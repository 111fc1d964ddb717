package org.analogy.ui.controls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;

/** The shipped presets and clips of this checkout, with a user folder of the test's own. */
public final class TestPresets {

    /** A preset that names a mode the engine does not have. */
    public static final String BROKEN = "{\"formatVersion\": 1, \"description\": \"broken on purpose\", \"mode\": \"disco\"}";

    private TestPresets() {}

    public static Path shipped() {
        Path dir = Path.of("..", "presets").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir.resolve("styles"))) throw new IllegalStateException("no presets/styles beside the ui module: " + dir);
        return dir;
    }

    /** The factory presets and the user's own in {@code userDir} (created). */
    public static PresetLibrary library(Path userDir) throws IOException {
        Files.createDirectories(userDir);
        ReferenceClips clips = new ReferenceClips(List.of(userDir.resolve("clips"), shipped().resolve("clips")));
        return new PresetLibrary(shipped().resolve("styles"), userDir, new PresetLoader(clips));
    }

    /** Writes a user preset file {@code name.json}. */
    public static Path userPreset(Path userDir, String name, String json) throws IOException {
        Files.createDirectories(userDir);
        return Files.writeString(userDir.resolve(name + ".json"), json);
    }
}
