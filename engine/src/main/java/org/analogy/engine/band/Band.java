package org.analogy.engine.band;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.analogy.engine.accompaniment.AccompanimentModel;
import org.analogy.engine.accompaniment.AccompanimentModelCodec;
import org.analogy.engine.accompaniment.Accompanist;
import org.analogy.engine.accompaniment.LatentAccompanist;
import org.analogy.engine.accompaniment.PatternAccompanist;
import org.analogy.engine.accompaniment.ReferenceLatents;
import org.analogy.engine.chords.ChordPredictor;
import org.analogy.engine.chords.HarmonyFollower;
import org.analogy.engine.chords.RepeatChordPredictor;
import org.analogy.engine.chords.LearnedChordPredictor;
import org.analogy.engine.chords.PredictedChords;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.drums.DrumModel;
import org.analogy.engine.melody.MelodyCodec;
import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.process.Modes;
import org.analogy.engine.style.PresetException;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;

/**
 * The one assembly of what the modes play with: the melody model, the accompaniment, the chord predictor,
 * the drums (groove model) and the bass, each either its learned model or its named rule-based
 * stand-in. Every entry point — the window, {@code live}, {@code render}, {@code bench}, {@code soak}, OSC,
 * {@code eval}, the JMH benchmarks — gets one of these and builds nothing of its own, so a new part is wired
 * in here once. Like an audio server hides the device from {@code process()}, the band hides the bundles
 * from the modes: a mode asks for an accompanist or a decode, never for an ONNX session.
 *
 * <p>Which path each part is on is said once, in {@link #paths()}: banners, {@code bench} and the window
 * show those lines. A part's stand-in is used only when its bundle is absent; a bundle that is there but
 * broken is an error naming the file ({@link OnBrokenBundle#FAIL}), or, in the window, the stand-in with the
 * problem written into that part's line ({@link OnBrokenBundle#USE_STAND_IN}) — never a silent fallback.
 *
 * <p>The melody model is shared between the control side, which encodes a new preset's references when
 * the preset is chosen ({@link #prepare}), and the inference thread; calls are serialised on it, so the
 * inference thread waits at most one encode.
 */
public final class Band implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("analogy.band");

    /** The parts of the band, in the order they are listed. */
    public enum Part {
        MELODY("melody"), ACCOMPANIMENT("accompaniment"), CHORDS("chords"), DRUMS("drums"), BASS("bass");

        private final String key;

        Part(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * The path one part is on.
     *
     * @param learned     true for a trained model, false for the rule-based stand-in (or nothing: melody)
     * @param description e.g. "learned accompaniment model (presets/models/accompaniment)"
     * @param problem     why a bundle that is there could not be used, or null
     */
    public record PartPath(Part part, boolean learned, String description, String problem) {
        /** One line, e.g. "accompaniment: learned accompaniment model (presets/models/accompaniment)". */
        public String line() {
            return part.key() + ": " + description + (problem == null ? "" : " — " + problem);
        }
    }

    /** What a bundle that is installed but cannot be loaded does. */
    public enum OnBrokenBundle {
        /** An error naming the file: the command-line verbs (the engine never starts half-loaded). */
        FAIL,
        /** The part's stand-in, with the problem in its line: the window, which must still open. */
        USE_STAND_IN
    }

    /**
     * Where the bundles are. A part not given is looked for in {@code modelsDir} ({@code presets/models/NAME}
     * when null) and takes its stand-in when no bundle is there; a directory given for a part must hold one.
     * {@code melody} false skips the melody model (echo-only verbs start faster; the modes that need it are
     * then refused by {@link #checkPlayable}).
     */
    public record Sources(Path modelsDir, Path melodyDir, Path accompanimentDir, Path predictorDir, boolean melody) {
        public static final Sources SHIPPED = new Sources(null, null, null, null, true);

        /** Every part looked for under {@code modelsDir} instead of the shipped place. */
        public static Sources in(Path modelsDir) {
            return new Sources(modelsDir, null, null, null, true);
        }

        public Sources withMelody(Path dir) {
            return new Sources(modelsDir, dir, accompanimentDir, predictorDir, melody);
        }

        public Sources withoutMelody() {
            return new Sources(modelsDir, melodyDir, accompanimentDir, predictorDir, false);
        }

        public Sources withAccompaniment(Path dir) {
            return new Sources(modelsDir, melodyDir, dir, predictorDir, melody);
        }

        public Sources withPredictor(Path dir) {
            return new Sources(modelsDir, melodyDir, accompanimentDir, dir, melody);
        }

        Path place(String name) {
            return modelsDir != null ? modelsDir.resolve(name) : ModelStore.bundleDir(name);
        }
    }

    /** Encodes a style's accompaniment references ahead of use (the learned accompaniment's shared cache). */
    @FunctionalInterface
    public interface Preparer {
        Preparer NONE = style -> { };

        void prepare(Style style) throws Exception;
    }

    private final MelodyCodec melody;
    private final AttributeOffsets melodyOffsets;
    private final Supplier<Accompanist> accompanists;
    private final Preparer accompanimentReferences;
    private final AttributeOffsets accompanimentOffsets;
    private final Supplier<ChordPredictor> chordPredictors;
    private final PredictedChords predictedChords;
    private final Grooves grooves;
    private final Supplier<BassLine> bassLines;
    private final List<PartPath> paths;
    private final org.analogy.engine.latent.LatentPredictorModel latentPredictor;
    private final List<AutoCloseable> owned;
    private final Map<String, MelodyLatents> referenceLatents = new HashMap<>();

    private Band(Builder b) {
        this.melody = b.melody;
        this.melodyOffsets = b.melodyOffsets;
        this.accompanists = b.accompanists;
        this.accompanimentReferences = b.accompanimentReferences;
        this.accompanimentOffsets = b.accompanimentOffsets;
        this.chordPredictors = b.chordPredictors;
        this.predictedChords = new PredictedChords(chordPredictors.get());
        this.grooves = b.grooves != null ? b.grooves : Grooves.written(WRITTEN_GROOVES);
        this.bassLines = b.bassLines;
        this.latentPredictor = b.latentPredictor;
        this.owned = List.copyOf(b.owned);
        if (melody != null) {
            melodyOffsets.checkSize(Factor.PITCH, melody.pitchLatentSize());
            melodyOffsets.checkSize(Factor.RHYTHM, melody.rhythmLatentSize());
        }
        List<PartPath> p = new ArrayList<>();
        for (Part part : Part.values()) {
            PartPath given = b.paths.get(part);
            p.add(given != null ? given : defaultPath(part));
        }
        this.paths = List.copyOf(p);
    }

    private PartPath defaultPath(Part part) {
        return switch (part) {
            case MELODY -> melody == null ? new PartPath(part, false, "no melody model (restyle and looper are off)", null)
                    : new PartPath(part, true, "melody model " + melody.getClass().getSimpleName(), null);
            case ACCOMPANIMENT -> new PartPath(part, false, new PatternAccompanist().describe(), null);
            case CHORDS -> new PartPath(part, false, predictedChords.predictor().name(), null);
            case DRUMS -> new PartPath(part, grooves.learned(), grooves.describe(), null);
            case BASS -> new PartPath(part, false, bassLines.get().describe(), null);
        };
    }

    /** The drums' stand-in, used only when the groove model's bundle is absent. */
    static final String WRITTEN_GROOVES = "reference grooves played as written, not following the performer (stand-in)";

    /** The rule-based stand-ins only, and no melody model. */
    public static Band standIns() {
        return builder().build();
    }

    /** Parts given one by one (tests, benchmarks with their own codecs). */
    public static Builder builder() {
        return new Builder();
    }

    /** What is installed in the shipped places; a broken bundle is an error. */
    public static Band load() throws java.io.IOException {
        return load(Sources.SHIPPED, OnBrokenBundle.FAIL);
    }

    /**
     * Loads each part from its bundle, or takes its stand-in when no bundle is there. Every session is created
     * and warmed here, once; what was opened is closed again if a later part fails.
     */
    public static Band load(Sources sources, OnBrokenBundle onBroken) throws java.io.IOException {
        Builder b = builder();
        try {
            if (sources.melody()) loadMelody(b, sources.melodyDir(), sources.place("melody"), onBroken);
            loadAccompaniment(b, sources.accompanimentDir(), sources.place("accompaniment"), onBroken);
            loadPredictor(b, sources.predictorDir(), sources.place("predictor"), onBroken);
            loadDrums(b, sources.place("drums"), onBroken);
            loadBass(b, sources.place("bass"), onBroken);
            if (sources.melody()) loadLatentPredictor(b, sources.place("latent"), onBroken);
        } catch (java.io.IOException | RuntimeException e) {
            b.closeOwned();
            throw e;
        }
        Band band = b.build();
        for (PartPath p : band.paths()) LOG.log(System.Logger.Level.INFO, p.line());
        return band;
    }

    private static void loadMelody(Builder b, Path given, Path place, OnBrokenBundle onBroken) throws java.io.IOException {
        Path dir = given != null ? given : place;
        if (given == null && !installed(dir)) {
            b.paths.put(Part.MELODY, new PartPath(Part.MELODY, false, "no melody model at " + display(dir) + " (restyle and looper are off)", null));
            return;
        }
        try {
            MelodyModel model = ModelStore.openMelody(dir, MelodyModel.Device.CPU);
            b.owned.add(model);
            AttributeOffsets offsets = AttributeOffsets.loadFromBundle(dir);
            b.melody(model, offsets);
            b.paths.put(Part.MELODY, new PartPath(Part.MELODY, true, "learned melody model (" + display(dir) + ")", null));
        } catch (java.io.IOException | RuntimeException e) {
            if (onBroken == OnBrokenBundle.FAIL || given != null) throw e;
            b.melody(null, AttributeOffsets.NONE);
            b.paths.put(Part.MELODY, new PartPath(Part.MELODY, false, "no melody model (restyle and looper are off)", e.getMessage()));
        }
    }

    private static void loadAccompaniment(Builder b, Path given, Path place, OnBrokenBundle onBroken) throws java.io.IOException {
        Path dir = given != null ? given : place;
        String standIn = new PatternAccompanist().describe();
        if (given == null && !installed(dir)) {
            b.paths.put(Part.ACCOMPANIMENT, new PartPath(Part.ACCOMPANIMENT, false, standIn + " (no model at " + display(dir) + ")", null));
            return;
        }
        AccompanimentModel model = null;
        try {
            model = ModelStore.openAccompaniment(dir, MelodyModel.Device.CPU);
            AttributeOffsets offsets = AttributeOffsets.loadFromBundle(dir);
            offsets.checkSize(Factor.CHORD, model.chordLatentSize());
            offsets.checkSize(Factor.TEXTURE, model.textureLatentSize());
            AccompanimentModelCodec codec = new AccompanimentModelCodec(model);
            ReferenceLatents references = new ReferenceLatents(codec);
            b.owned.add(model);
            b.accompaniment(() -> new LatentAccompanist(codec, offsets, references), references::prepare, offsets);
            b.paths.put(Part.ACCOMPANIMENT, new PartPath(Part.ACCOMPANIMENT, true, "learned accompaniment model (" + display(dir) + ")", null));
        } catch (java.io.IOException | RuntimeException e) {
            if (model != null) model.close();
            if (onBroken == OnBrokenBundle.FAIL || given != null) throw e;
            b.paths.put(Part.ACCOMPANIMENT, new PartPath(Part.ACCOMPANIMENT, false, standIn, e.getMessage()));
        }
    }

    /**
     * The "predicted" chords: the harmony follower ({@link HarmonyFollower}), which decides each half bar from the
     * melody heard, the key and the song so far, with the learned next-bar predictor as one of its votes when that
     * bundle is installed (docs/harmony-eval.md measures both against the human chords and the baselines).
     */
    private static void loadPredictor(Builder b, Path given, Path place, OnBrokenBundle onBroken) throws java.io.IOException {
        Path dir = given != null ? given : place;
        String alone = new HarmonyFollower(null).name();
        if (given == null && !installed(dir)) {
            b.chordPredictor(() -> new HarmonyFollower(null));
            b.paths.put(Part.CHORDS, new PartPath(Part.CHORDS, false, alone + " (no learned predictor at " + display(dir) + ")", null));
            return;
        }
        try {
            org.analogy.engine.chords.ChordPredictorModel model = ModelStore.openPredictor(dir);
            b.owned.add(model);
            b.chordPredictor(() -> new HarmonyFollower(LearnedChordPredictor.of(model)));
            b.paths.put(Part.CHORDS, new PartPath(Part.CHORDS, true, "harmony follower with the learned next-bar predictor (" + display(dir) + ")", null));
        } catch (java.io.IOException | RuntimeException e) {
            if (onBroken == OnBrokenBundle.FAIL || given != null) throw e;
            b.chordPredictor(() -> new HarmonyFollower(null));
            b.paths.put(Part.CHORDS, new PartPath(Part.CHORDS, false, alone, e.getMessage()));
        }
    }

    private static void loadDrums(Builder b, Path dir, OnBrokenBundle onBroken) throws java.io.IOException {
        if (!installed(dir)) {
            b.paths.put(Part.DRUMS, new PartPath(Part.DRUMS, false, WRITTEN_GROOVES + " (no model at " + display(dir) + ")", null));
            return;
        }
        DrumModel model = null;
        try {
            model = DrumModel.load(ModelBundle.load(dir), MelodyModel.Options.DEFAULT);
            String description = "learned groove model (" + display(dir) + ")";
            b.drums(Grooves.learned(model, description));
            b.owned.add(model);
            b.paths.put(Part.DRUMS, new PartPath(Part.DRUMS, true, description, null));
        } catch (java.io.IOException | RuntimeException e) {
            if (model != null) model.close();
            if (onBroken == OnBrokenBundle.FAIL) throw e;
            b.paths.put(Part.DRUMS, new PartPath(Part.DRUMS, false, WRITTEN_GROOVES, e.getMessage()));
        } catch (Exception e) {
            if (model != null) model.close();
            String problem = display(dir) + ": the groove model could not encode the attribute grooves: " + e.getMessage();
            if (onBroken == OnBrokenBundle.FAIL) throw new org.analogy.engine.model.ModelBundleException(problem, e);
            b.paths.put(Part.DRUMS, new PartPath(Part.DRUMS, false, WRITTEN_GROOVES, problem));
        }
    }

    /**
     * The bass: its stand-in until a bass model adapter is wired in here (through {@link Builder#bass}). A bass
     * bundle that is installed is not silently passed over: without an adapter it is a problem, like a broken one.
     */
    private static void loadBass(Builder b, Path dir, OnBrokenBundle onBroken) throws java.io.IOException {
        String standIn = RootFifthBass.DESCRIPTION;
        if (!installed(dir)) {
            b.paths.put(Part.BASS, new PartPath(Part.BASS, false, standIn + " (no model at " + display(dir) + ")", null));
            return;
        }
        try {
            org.analogy.engine.bass.BassModel model = org.analogy.engine.bass.BassModel.load(dir);
            b.owned.add(model);
            b.bass(() -> new LearnedBass(model));
            b.paths.put(Part.BASS, new PartPath(Part.BASS, true, "learned bass model (" + display(dir) + ")", null));
        } catch (java.io.IOException | RuntimeException e) {
            if (onBroken == OnBrokenBundle.FAIL) throw e;
            b.paths.put(Part.BASS, new PartPath(Part.BASS, false, standIn, e.getMessage()));
        }
    }

    /**
     * The latent predictor (answers, inpainting) when its bundle is installed beside the melody model; without it
     * answer mode is refused with a clear message. A broken bundle fails only when asked to.
     */
    private static void loadLatentPredictor(Builder b, Path dir, OnBrokenBundle onBroken) throws java.io.IOException {
        if (b.melody == null || !installed(dir)) return;
        try {
            org.analogy.engine.latent.LatentPredictorModel model =
                    org.analogy.engine.latent.LatentPredictorModel.load(ModelBundle.load(dir), MelodyModel.Options.DEFAULT);
            b.owned.add(model);
            b.latentPredictor(model);
            LOG.log(System.Logger.Level.INFO, "latent predictor (" + display(dir) + ")");
        } catch (java.io.IOException | RuntimeException e) {
            if (onBroken == OnBrokenBundle.FAIL) throw e;
            LOG.log(System.Logger.Level.WARNING, "latent predictor at " + display(dir) + " not used: " + e.getMessage());
        }
    }

    private static boolean installed(Path dir) {
        return Files.isRegularFile(dir.resolve(ModelBundle.MANIFEST));
    }

    /** A bundle directory as the user knows it: relative to the installation when inside it. */
    static String display(Path dir) {
        Path home = ModelStore.presetsDir().toAbsolutePath().normalize().getParent();
        Path d = dir.toAbsolutePath().normalize();
        return home != null && d.startsWith(home) ? home.relativize(d).toString() : dir.toString();
    }

    // ---- what each part is on

    /** Every part with the path it is on, in {@link Part} order. */
    public List<PartPath> paths() {
        return paths;
    }

    public PartPath path(Part part) {
        return paths.get(part.ordinal());
    }

    /** One line per part, for banners, {@code bench} and reports. */
    public List<String> describe() {
        return paths.stream().map(PartPath::line).toList();
    }

    /** The problems of bundles that are there but could not be used (window: shown, not hidden). */
    public List<String> problems() {
        return paths.stream().filter(p -> p.problem() != null).map(PartPath::line).toList();
    }

    /** The latent predictor, or null when none is loaded (answer mode needs it). */
    public org.analogy.engine.latent.LatentPredictorModel latentPredictor() {
        return latentPredictor;
    }

    public boolean hasMelodyModel() {
        return melody != null;
    }

    public boolean hasAccompanimentModel() {
        return path(Part.ACCOMPANIMENT).learned();
    }

    public boolean hasPredictor() {
        return path(Part.CHORDS).learned();
    }

    public boolean hasGrooveModel() {
        return grooves.learned();
    }

    // ---- drums and bass

    /** A new drums part per mode instance (each holds what its freeze keeps); all share the one groove model. */
    public Drummer newDrummer() {
        return new Drummer(grooves);
    }

    /** The groove model (or its stand-in), for verbs and tests that encode or decode grooves themselves. */
    public Grooves grooves() {
        return grooves;
    }

    /** A new bass line per mode instance: the learned bass model when one is wired in, else {@link RootFifthBass}. */
    public BassLine newBassLine() {
        return bassLines.get();
    }

    // ---- chords

    /**
     * The one "predicted" chord source of this band: every preset that names "predicted" gets this instance,
     * so a preset switch keeps following the same performance. The learned predictor's recurrent state lives
     * in the one model, so one performance at a time uses it.
     */
    public PredictedChords predictedChords() {
        return predictedChords;
    }

    /** A fresh predicted source with its own history, for an evaluation that runs song after song. */
    public PredictedChords newPredictedChords() {
        return new PredictedChords(chordPredictors.get());
    }

    /** The presets, with this band's predicted chords as their "predicted" source. */
    public PresetLibrary presetLibrary(Path userHome) {
        return PresetLibrary.standard(userHome, predictedChords);
    }

    /** The style and controls an engine starts with before any preset: echo, with this band's chords. */
    public Style defaultStyle() {
        return Style.DEFAULT.withChords(predictedChords);
    }

    public ControlSnapshot defaultControls() {
        return ControlSnapshot.DEFAULT.withStyle(defaultStyle());
    }

    // ---- accompaniment

    /** A new accompanist per mode instance (each holds what its freeze keeps); all share the one model. */
    public Accompanist newAccompanist() {
        return accompanists.get();
    }

    public Supplier<Accompanist> accompanists() {
        return accompanists;
    }

    public AttributeOffsets accompanimentOffsets() {
        return accompanimentOffsets;
    }

    // ---- melody

    public AttributeOffsets melodyOffsets() {
        return melodyOffsets;
    }

    /** The melody model itself (null when none), for the verbs that work on files with it. */
    public MelodyCodec melodyCodec() {
        return melody;
    }

    /**
     * Refuses a style this band cannot play, before anything changes: a mode that decodes melodies without a
     * melody model, or an attribute offset the model bundle does not store (it would fail every bar). The
     * message names {@code file} and the field, like the preset loader's.
     */
    public void checkPlayable(Style style, String file) {
        if (Modes.needsMelodyModel(style.mode()) && melody == null) {
            throw new PresetException(file + ": mode '" + style.mode() + "' needs the melody model, and none is loaded: allowed here "
                    + String.join(", ", java.util.stream.StreamSupport.stream(Modes.names().spliterator(), false)
                            .filter(m -> !Modes.needsMelodyModel(m)).toList()));
        }
        for (Factor f : Factor.values()) {
            Set<String> known = attributeNames(f);
            for (String name : style.transform(f).attributes().keySet()) {
                if (!known.contains(name)) {
                    String group = f == Factor.PITCH || f == Factor.RHYTHM ? "melody." : "accompaniment.";
                    throw new PresetException(file + ": " + group + f.key() + ".attributes." + name + ": no such attribute in the model bundle: allowed "
                            + (known.isEmpty() ? "none (the bundle stores none for " + f.key() + ")" : String.join(", ", known)));
                }
            }
        }
    }

    /** The attribute names a transform of {@code factor} can use: the melody bundle's or the accompaniment bundle's. */
    public Set<String> attributeNames(Factor factor) {
        return factor == Factor.PITCH || factor == Factor.RHYTHM ? melodyOffsets.names(factor) : accompanimentOffsets.names(factor);
    }

    /** Encodes every reference of the style now, so the bar that first uses it spends no time on it. */
    public void prepare(Style style) throws Exception {
        accompanimentReferences.prepare(style);
        grooves.prepare(style);
        if (melody == null) return;
        for (Factor f : List.of(Factor.PITCH, Factor.RHYTHM)) {
            for (ReferenceClip clip : style.references(f)) referenceLatents(clip);
        }
    }

    /** The melody latents of a reference clip, encoded under its own harmony, once per clip content. */
    public MelodyLatents referenceLatents(ReferenceClip clip) throws Exception {
        synchronized (referenceLatents) {
            MelodyLatents z = referenceLatents.get(clip.sha256());
            if (z != null) return z;
        }
        MelodyLatents z = encode(clip.melodyTokens(), clip.chroma());
        synchronized (referenceLatents) {
            referenceLatents.put(clip.sha256(), z);
        }
        return z;
    }

    public MelodyLatents encode(int[] tokens, float[] chroma) throws Exception {
        MelodyCodec m = requireMelody();
        synchronized (m) {
            return m.encode(tokens, chroma);
        }
    }

    public int[] decode(MelodyLatents latents, float[] chroma) throws Exception {
        MelodyCodec m = requireMelody();
        synchronized (m) {
            return m.decode(latents, chroma);
        }
    }

    private MelodyCodec requireMelody() {
        if (melody == null) throw new IllegalStateException("no melody model is loaded");
        return melody;
    }

    /** Closes the models this band loaded (a band built from given parts closes nothing of theirs). */
    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + c + ": " + e.getMessage());
            }
        }
    }

    /** Parts given one by one; any part not given is its stand-in. */
    public static final class Builder {
        private MelodyCodec melody;
        private AttributeOffsets melodyOffsets = AttributeOffsets.NONE;
        private Supplier<Accompanist> accompanists = PatternAccompanist::new;
        private Preparer accompanimentReferences = Preparer.NONE;
        private AttributeOffsets accompanimentOffsets = AttributeOffsets.NONE;
        private Supplier<ChordPredictor> chordPredictors = RepeatChordPredictor::new;
        private Grooves grooves;
        private Supplier<BassLine> bassLines = RootFifthBass::new;
        private org.analogy.engine.latent.LatentPredictorModel latentPredictor;
        private final Map<Part, PartPath> paths = new java.util.EnumMap<>(Part.class);
        private final List<AutoCloseable> owned = new ArrayList<>();

        private Builder() {
        }

        public Builder melody(MelodyCodec codec, AttributeOffsets offsets) {
            this.melody = codec;
            this.melodyOffsets = offsets;
            return this;
        }

        public Builder melody(MelodyCodec codec) {
            return melody(codec, AttributeOffsets.NONE);
        }

        /** @param references encodes a style's references ahead of use; {@code offsets} the bundle's attribute directions */
        public Builder accompaniment(Supplier<Accompanist> accompanists, Preparer references, AttributeOffsets offsets) {
            this.accompanists = accompanists;
            this.accompanimentReferences = references;
            this.accompanimentOffsets = offsets;
            return this;
        }

        public Builder accompaniment(Supplier<Accompanist> accompanists) {
            return accompaniment(accompanists, Preparer.NONE, AttributeOffsets.NONE);
        }

        /** A predictor per source made (each holds its own history). */
        public Builder chordPredictor(Supplier<ChordPredictor> predictors) {
            this.chordPredictors = predictors;
            return this;
        }

        /** The drums' grooves: the learned groove model, or {@link Grooves#written} (the default). */
        public Builder drums(Grooves value) {
            this.grooves = value;
            return this;
        }

        /**
         * The bass part's note source, one per mode instance: the seam where a learned bass model plugs in (its path
         * is then said with {@link #path}). Default: {@link RootFifthBass}.
         */
        public Builder bass(Supplier<BassLine> lines) {
            this.bassLines = lines;
            return this;
        }

        /** The latent predictor of the answers (owned by the caller). */
        public Builder latentPredictor(org.analogy.engine.latent.LatentPredictorModel model) {
            this.latentPredictor = model;
            return this;
        }

        /** Says which path a part given here is on (default: its class, or the stand-in's name). */
        public Builder path(Part part, boolean learned, String description) {
            paths.put(part, new PartPath(part, learned, description, null));
            return this;
        }

        public Band build() {
            return new Band(this);
        }

        private void closeOwned() {
            for (AutoCloseable c : owned) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the load already failed; that error is the one reported
                }
            }
        }
    }
}
