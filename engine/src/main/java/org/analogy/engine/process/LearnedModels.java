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
import org.analogy.engine.chords.ChordPredictor;
import org.analogy.engine.chords.LearnedChordPredictor;
import org.analogy.engine.chords.PredictedChords;
import org.analogy.engine.chords.RepeatChordPredictor;
import org.analogy.engine.model.AccompanimentModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.transform.AttributeOffsets;

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

    private LearnedModels(AccompanimentModel accompaniment, AttributeOffsets accompanimentOffsets,
                          org.analogy.engine.model.ChordPredictor predictor, List<String> notes) {
        this.accompaniment = accompaniment;
        this.accompanimentOffsets = accompanimentOffsets;
        this.predictor = predictor;
        this.notes = List.copyOf(notes);
    }

    /** Neither model: the rule-based stand-ins only. */
    public static LearnedModels none() {
        return new LearnedModels(null, AttributeOffsets.NONE, null, List.of(
                "accompaniment: " + new PatternAccompanist().describe(), "chord prediction: " + new RepeatChordPredictor().name()));
    }

    /**
     * Loads what is installed. {@code accompanimentDir} / {@code predictorDir} override the shipped places;
     * an override must hold a bundle.
     */
    public static LearnedModels load(Path accompanimentDir, Path predictorDir) throws IOException {
        List<String> notes = new ArrayList<>();
        Path aDir = accompanimentDir != null ? accompanimentDir : ModelStore.bundleDir("accompaniment");
        AccompanimentModel accompaniment = null;
        AttributeOffsets offsets = AttributeOffsets.NONE;
        org.analogy.engine.model.ChordPredictor predictor = null;
        try {
            if (accompanimentDir != null || installed(aDir)) {
                accompaniment = ModelStore.openAccompaniment(aDir, org.analogy.engine.model.MelodyModel.Device.CPU);
                offsets = AttributeOffsets.loadFromBundle(aDir);
                offsets.checkSize(org.analogy.engine.transform.Factor.CHORD, accompaniment.chordLatentSize());
                offsets.checkSize(org.analogy.engine.transform.Factor.TEXTURE, accompaniment.textureLatentSize());
                notes.add("accompaniment: learned model (" + aDir + ")");
            } else {
                notes.add("accompaniment: " + new PatternAccompanist().describe() + " (no model at " + aDir + ")");
            }
            Path pDir = predictorDir != null ? predictorDir : ModelStore.bundleDir("predictor");
            if (predictorDir != null || installed(pDir)) {
                predictor = ModelStore.openPredictor(pDir);
                notes.add("chord prediction: learned next-bar predictor (" + pDir + ")");
            } else {
                notes.add("chord prediction: " + new RepeatChordPredictor().name() + " (no model at " + pDir + ")");
            }
        } catch (IOException | RuntimeException e) {
            if (accompaniment != null) accompaniment.close();
            throw e;
        }
        for (String n : notes) LOG.log(System.Logger.Level.INFO, n);
        return new LearnedModels(accompaniment, offsets, predictor, notes);
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
        AccompanimentModelCodec codec = new AccompanimentModelCodec(accompaniment);
        return () -> new LatentAccompanist(codec, accompanimentOffsets);
    }

    /** The chord predictor for the "predicted" source: the learned one when installed. */
    public ChordPredictor chordPredictor() {
        return predictor == null ? new RepeatChordPredictor() : new LearnedChordPredictor(predictor);
    }

    /** A "predicted" chord source on {@link #chordPredictor()}; each follows its own performance. */
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
