package org.analogy.engine.model;

import java.nio.file.Files;
import java.nio.file.Path;

import org.analogy.engine.accompaniment.AccompanimentModel;
import org.analogy.engine.chords.ChordPredictorModel;
import org.analogy.engine.melody.MelodyModel;

/**
 * Where shipped model bundles live: {@code presets/models/NAME/} of the installation the launcher runs
 * ({@code -Danalogy.home}), or of the nearest enclosing checkout when run from tests or an IDE.
 */
public final class ModelStore {

    private ModelStore() {}

    public static Path presetsDir() {
        String home = System.getProperty("analogy.home");
        if (home != null && !home.isBlank()) return Path.of(home, "presets");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("presets/models")) || Files.isDirectory(dir.resolve("presets/clips"))) {
                return dir.resolve("presets");
            }
        }
        return Path.of("presets").toAbsolutePath();
    }

    public static Path bundleDir(String name) {
        return presetsDir().resolve("models").resolve(name);
    }

    /** Loads the melody model from {@code override}, or from the shipped bundle when null. */
    public static MelodyModel openMelody(Path override, MelodyModel.Device device) throws ModelBundleException {
        Path dir = override != null ? override : bundleDir("melody");
        ModelBundle bundle = ModelBundle.load(dir);
        return MelodyModel.load(bundle, new MelodyModel.Options(1, false, device));
    }

    /** Loads the accompaniment model from {@code override}, or from the shipped bundle when null. */
    public static AccompanimentModel openAccompaniment(Path override, MelodyModel.Device device) throws ModelBundleException {
        Path dir = override != null ? override : bundleDir("accompaniment");
        return AccompanimentModel.load(ModelBundle.load(dir), new MelodyModel.Options(1, false, device));
    }

    /** Loads the next-bar chord predictor from {@code override}, or from the shipped bundle when null. */
    public static ChordPredictorModel openPredictor(Path override) throws ModelBundleException {
        Path dir = override != null ? override : bundleDir("predictor");
        return ChordPredictorModel.load(ModelBundle.load(dir), MelodyModel.Options.DEFAULT);
    }
}
