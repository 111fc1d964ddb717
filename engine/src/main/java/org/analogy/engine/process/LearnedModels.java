package org.analogy.engine.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.analogy.engine.accompany.AccompanimentModelCodec;
import org.analogy.engine.accompany.Accompanist;
import org.analogy.engine.accompany.LatentAccompanist;
import org.analogy.engine.accompany.PatternAccompanist;
import org.analogy.engine.accompany.ReferenceLatents;
import org.analogy.engine.chords.ChordPredictor;
import org.analogy.engine.chords.HarmonyFollower;
import org.analogy.engine.chords.PredictedChords;
import org.analogy.engine.model.AccompanimentModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;

/**
 * The accompaniment model and the next-bar chord predictor, each used when its bundle is installed
 * ({@code presets/models/accompaniment}, {@code presets/models/predictor}, or a directory given) and
 * replaced by its rule-based stand-in when it is not: reference textures re-voiced to the chords, and
 * "repeat the current chord". Which path is in use is logged once, when loading, and kept in
 * {@link #notes()} for banners and reports. A bundle that is installed but cannot be loaded is an error
 * naming it: the engine never starts half-loaded.
 */
public final class LearnedModels implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("analogy.models");

    private final AccompanimentModel accompaniment;
    private final AttributeOffsets accompanimentOffsets;
    private final org.analogy.engine.model.ChordPredictor predictor;
    private final List<String> notes;
    private final AccompanimentModelCodec codec;
    private final ReferenceLatents references;

    private LearnedModels(AccompanimentModel accompaniment, AttributeOffsets accompanimentOffsets,
                          org.analogy.engine.model.ChordPredictor predictor, List<String> notes) {
        this.accompaniment = accompaniment;
        this.accompanimentOffsets = accompanimentOffsets;
        this.predictor = predictor;
        this.notes = List.copyOf(notes);
        this.codec = accompaniment == null ? null : new AccompanimentModelCodec(accompaniment);
        this.references = codec == null ? null : new ReferenceLatents(codec);
    }

    /** Neither model: the rule-based stand-ins only. */
    public static LearnedModels none() {
        return new LearnedModels(null, AttributeOffsets.NONE, null, List.of(
                "accompaniment: " + new PatternAccompanist().describe(), "chord prediction: " + new HarmonyFollower(null).name()));
    }

    /**
     * Loads what is installed. {@code accompanimentDir} / {@code predictorDir} override the shipped places
     * and must then hold a bundle; null means the shipped place, used when a bundle is there.
     */
    public static LearnedModels load(Path accompanimentDir, Path predictorDir) throws IOException {
        Path a = accompanimentDir != null ? accompanimentDir : ModelStore.bundleDir("accompaniment");
        Path p = predictorDir != null ? predictorDir : ModelStore.bundleDir("predictor");
        return load(a, accompanimentDir != null, p, predictorDir != null);
    }

    /** Each model from its directory; a directory without a bundle is an error when {@code required}, else the stand-in. */
    public static LearnedModels load(Path accompanimentDir, boolean accompanimentRequired, Path predictorDir, boolean predictorRequired)
            throws IOException {
        List<String> notes = new ArrayList<>();
        AccompanimentModel accompaniment = null;
        AttributeOffsets offsets = AttributeOffsets.NONE;
        org.analogy.engine.model.ChordPredictor predictor = null;
        try {
            if (accompanimentRequired || installed(accompanimentDir)) {
                accompaniment = ModelStore.openAccompaniment(accompanimentDir, org.analogy.engine.model.MelodyModel.Device.CPU);
                offsets = AttributeOffsets.loadFromBundle(accompanimentDir);
                offsets.checkSize(Factor.CHORD, accompaniment.chordLatentSize());
                offsets.checkSize(Factor.TEXTURE, accompaniment.textureLatentSize());
                notes.add("accompaniment: learned model (" + display(accompanimentDir) + ")");
            } else {
                notes.add("accompaniment: " + new PatternAccompanist().describe() + " (no model at " + display(accompanimentDir) + ")");
            }
            if (predictorRequired || installed(predictorDir)) {
                predictor = ModelStore.openPredictor(predictorDir);
                notes.add("chord prediction: " + new HarmonyFollower(null).name() + " (the learned next-bar predictor at "
                        + display(predictorDir) + " is loaded but not consulted)");
            } else {
                notes.add("chord prediction: " + new HarmonyFollower(null).name() + " (no predictor model at " + display(predictorDir) + ")");
            }
        } catch (IOException | RuntimeException e) {
            if (accompaniment != null) accompaniment.close();
            throw e;
        }
        for (String n : notes) LOG.log(System.Logger.Level.INFO, n);
        return new LearnedModels(accompaniment, offsets, predictor, notes);
    }

    /** A bundle directory as the user knows it: relative to the installation when inside it. */
    static String display(Path dir) {
        Path home = ModelStore.presetsDir().toAbsolutePath().normalize().getParent();
        Path d = dir.toAbsolutePath().normalize();
        return home != null && d.startsWith(home) ? home.relativize(d).toString() : dir.toString();
    }

    private static boolean installed(Path dir) {
        return Files.isRegularFile(dir.resolve(ModelBundle.MANIFEST));
    }

    public boolean hasAccompanimentModel() {
        return accompaniment != null;
    }

    public boolean hasPredictor() {
        return predictor != null;
    }

    /** A new accompanist per mode instance (each holds what its freeze keeps); all share the one model. */
    public Supplier<Accompanist> accompanists() {
        if (accompaniment == null) return PatternAccompanist::new;
        return () -> new LatentAccompanist(codec, accompanimentOffsets, references);
    }

    /** The accompaniment bundle's attribute directions (none without the model). */
    public AttributeOffsets accompanimentOffsets() {
        return accompanimentOffsets;
    }

    /** Encodes a preset's accompaniment references now (when it is chosen), so its first bar only decodes. */
    public void prepare(org.analogy.engine.style.Style style) throws Exception {
        if (references != null) references.prepare(style);
    }

    /**
     * The chord predictor for the "predicted" source: the harmony follower (decides per half bar from the melody,
     * the key and song memory). The learned next-bar predictor is not consulted: as a vote in the follower's
     * decisions it lowered the note-in-chord ratio on the training songs it was tried on (docs/harmony-eval.md).
     */
    public ChordPredictor chordPredictor() {
        return new HarmonyFollower(null);
    }

    /**
     * A "predicted" chord source on {@link #chordPredictor()}. The learned predictor's recurrent state lives in
     * the one model, so sources made from it take turns (one performance at a time), as live and in a render.
     */
    public PredictedChords predictedChords() {
        return new PredictedChords(chordPredictor());
    }

    /** One line per model saying which path is in use. */
    public List<String> notes() {
        return notes;
    }

    @Override
    public void close() {
        if (accompaniment != null) accompaniment.close();
        if (predictor != null) predictor.close();
    }
}
