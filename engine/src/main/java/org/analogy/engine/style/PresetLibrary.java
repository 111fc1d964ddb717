package org.analogy.engine.style;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.analogy.engine.model.ModelStore;

/**
 * The presets a user can choose by name: the factory ones in {@code presets/styles/} and their own in
 * {@code ~/.analogy/presets/} (a user preset with a factory name shadows it). Reference clips are looked up
 * in {@code ~/.analogy/presets/clips/} first, then in {@code presets/clips/}.
 */
public final class PresetLibrary {

    private final Path factoryDir;
    private final Path userDir;
    private final PresetLoader loader;

    public PresetLibrary(Path factoryDir, Path userDir, PresetLoader loader) {
        this.factoryDir = factoryDir;
        this.userDir = userDir;
        this.loader = loader;
    }

    /**
     * The shipped presets and clips, and the user's under {@code userHome} (e.g. ~/.analogy), with
     * {@code predicted} as the "predicted" chord source of every preset (one source, so a preset switch keeps
     * following the same performance). Entry points get it from their band ({@code Band.presetLibrary}).
     */
    public static PresetLibrary standard(Path userHome, org.analogy.engine.chords.ChordSource predicted) {
        Path presets = ModelStore.presetsDir();
        Path user = userHome.resolve("presets");
        ReferenceClips clips = new ReferenceClips(List.of(user.resolve("clips"), presets.resolve("clips")));
        PresetLoader loader = new PresetLoader(clips, java.util.Objects.requireNonNull(predicted, "predicted chord source"));
        return new PresetLibrary(presets.resolve("styles"), user, loader);
    }

    public Path factoryDir() {
        return factoryDir;
    }

    public Path userDir() {
        return userDir;
    }

    public Path userClipsDir() {
        return userDir.resolve("clips");
    }

    public PresetLoader loader() {
        return loader;
    }

    /** Preset files by name, user presets over factory ones, sorted by name. */
    public Map<String, Path> files() throws IOException {
        Map<String, Path> out = new TreeMap<>();
        for (Path dir : List.of(factoryDir, userDir)) {
            if (!Files.isDirectory(dir)) continue;
            try (var files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                    out.put(p.getFileName().toString().replaceFirst("\\.json$", ""), p);
                }
            }
        }
        return out;
    }

    public boolean isFactory(Path file) {
        return file.toAbsolutePath().normalize().startsWith(factoryDir.toAbsolutePath().normalize());
    }

    /** Every preset, loaded and validated; the first bad one is an error naming its file and field. */
    public List<Preset> all() throws IOException {
        List<Preset> out = new ArrayList<>();
        for (Path p : files().values()) out.add(loader.load(p, isFactory(p)));
        return out;
    }

    /** A preset by name, or a path to a preset file. */
    public Preset find(String nameOrFile) throws IOException {
        if (nameOrFile.endsWith(".json") || nameOrFile.contains("/")) {
            Path p = Path.of(nameOrFile);
            return loader.load(p, isFactory(p));
        }
        Path p = files().get(nameOrFile);
        if (p == null) {
            throw new PresetException("no preset '" + nameOrFile + "'; available: " + String.join(", ", files().keySet())
                    + " (./analogy presets lists them)");
        }
        return loader.load(p, isFactory(p));
    }
}
