package org.analogy.train.latent;

import static org.analogy.train.run.BundleExport.maxDifference;
import static org.analogy.train.run.BundleExport.round;
import static org.analogy.train.run.BundleExport.spec;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.analogy.engine.latent.LatentFeatures;
import org.analogy.engine.latent.MelodySimilarity;
import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.data.Split;
import org.analogy.train.nn.NamedWeights;
import org.analogy.train.run.BundleExport;
import org.analogy.train.run.Checkpoint;
import org.analogy.train.run.ExportCommand;

/**
 * {@code ./analogy export latent}: checkpoint (by default the run's best epoch) → {@code forward.onnx},
 * {@code backward.onnx} and {@code manifest.json}. Measured through ONNX Runtime on songs 851–880 against the
 * baselines (repeat the last window's latents; the mean training latent): latent error, and after decoding every
 * prediction with the melody model under the true chords, pitch-class and onset-pattern similarity to the true
 * window. Parity: DJL against ONNX Runtime over whole validation sequences.
 */
@Command(name = "latent", mixinStandardHelpOptions = true,
        description = {"Turns a latent predictor checkpoint into a bundle (forward.onnx, backward.onnx, manifest.json), measured through "
                + "ONNX Runtime against its baselines and checked against DJL when POP909 is present."})
public final class ExportLatent extends ExportCommand {

    public static final String MODEL_NAME = "analogy-latent-predictor";
    private static final int PARITY_SEQUENCES = 16;
    static final String LEADSHEETS_CREDIT = "OpenEWLD lead sheets (public-domain scores): F. Simonetta, F. Carnovalini, N. Orio, A. Rodà, "
            + "\"Symbolic Music Similarity through a Graph-based Representation\", Audio Mostly 2018; OpenEWLD's software and database "
            + "info under the MIT licence, copyright 2018 Federico Simonetta.";
    /** The windows read last whose rhythms a prediction may take (as answer mode reads up to four). */
    static final int CONTEXT_RHYTHMS = 4;

    @Option(names = "--melody", paramLabel = "DIR", description = "The melody bundle whose latents the predictor reads (default: ${DEFAULT-VALUE}).")
    Path melody;

    public ExportLatent() {
        super(TrainLatent.KIND, TrainLatent::layout, "runs/latent/best.bin", "presets/models/latent");
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>(super.defaults());
        d.put("--melody", org.analogy.engine.model.ModelStore.bundleDir("melody").toString());
        return d;
    }

    @Override
    protected BundleExport.Bundle bundle(Checkpoint checkpoint, JsonNode runMetrics) throws Exception {
        LatentConfig c = LatentConfig.fromInts(checkpoint.sizes());
        TrainLatent.Settings settings = TrainLatent.Settings.of(checkpoint);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", "POP909 songs 001-850 (MELODY track and chord annotations, runs of 4/4 bars, transposed by " + settings.shifts()
                + " semitones)" + (settings.leadsheets().isEmpty() ? "" : " and the lead sheets' training part (" + settings.leadsheets() + ")")
                + ", every 2-bar window encoded by the melody bundle's encoder (posterior means)");
        training.put("dataCredit", Pop909Dataset.CITATION + " Licence: " + Pop909Dataset.LICENSE
                + (settings.leadsheets().isEmpty() ? "" : " | " + LEADSHEETS_CREDIT));
        training.put("melodyEncoderSha256", ModelBundle.load(melody).manifest().path("files").path("encoder").path("sha256").asText());
        training.put("command", checkpoint.commandLine());
        training.put("steps", checkpoint.step());
        training.put("epoch", checkpoint.epoch());
        if (runMetrics != null) training.put("validationDjl", runMetrics);

        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("latents", Map.of("pitch", c.zPitch(), "rhythm", c.zRhythm()));
        entries.put("predictor", Map.of("hidden", c.hidden(), "mlp", c.mlp(), "features", c.features(),
                "windowBars", LatentFeatures.WINDOW_BARS, "cycleBars", LatentFeatures.CYCLE_BARS,
                "layout", "z_pitch, z_rhythm, own bars' mean chord chroma (2x12), predicted bars' chroma (2x12), window's first bar mod 8 one-hot"));
        List<BundleExport.Graph> graphs = new ArrayList<>();
        String[] names = {"forward", "backward"};
        for (int d = 0; d < 2; d++) {
            graphs.add(new BundleExport.Graph(names[d], names[d] + ".onnx",
                    LatentOnnxExport.graph(c, checkpoint.weights(), LatentConfig.DIRECTIONS[d]).toByteArray(),
                    List.of(spec(LatentOnnxExport.WINDOWS, "float32", "batch", "windows", c.features()),
                            spec(LatentOnnxExport.STATE, "float32", 1, "batch", c.hidden())),
                    List.of(spec(LatentOnnxExport.Z, "float32", "batch", "windows", c.zSize()),
                            spec(LatentOnnxExport.NEXT_STATE, "float32", 1, "batch", c.hidden()))));
        }
        return new BundleExport.Bundle(MODEL_NAME, "latent", "Latent predictor: GRUs over 2-bar melody windows (the melody model's z_pitch "
                + "and z_rhythm, the chords, the place in an 8-bar cycle) predicting the next window's latents (forward) and the previous "
                + "window's (backward), for answers and inpainting", entries, graphs, training);
    }

    /** One direction's predictions of a whole sequence through a bundle graph. */
    static float[] predict(OrtSession session, LatentSequences.Sequence s, LatentConfig c) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] x = LatentSequences.features(s, c.zPitch(), c.zRhythm());
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[]{1, s.length(), c.features()});
             OnnxTensor state = OnnxTensor.createTensor(env, FloatBuffer.wrap(new float[c.hidden()]), new long[]{1, 1, c.hidden()});
             OrtSession.Result r = session.run(Map.of(LatentOnnxExport.WINDOWS, in, LatentOnnxExport.STATE, state))) {
            FloatBuffer z = ((OnnxTensor) r.get(LatentOnnxExport.Z).orElseThrow()).getFloatBuffer();
            float[] out = new float[z.remaining()];
            z.get(out);
            return out;
        }
    }

    @Override
    protected Map<String, Object> measure(ModelBundle bundle, Path data) throws Exception {
        Path runDir = checkpoint.toAbsolutePath().getParent();
        LatentCorpus validation = TrainLatent.validationCorpus(data, melody, runDir);
        Checkpoint loaded = TrainLatent.load(checkpoint);
        TrainLatent.Settings settings = TrainLatent.Settings.of(loaded);
        float[] mean = LatentMetrics.meanLatent(TrainLatent.trainCorpus(data, settings, runDir));
        LatentConfig c = LatentConfig.fromInts(loaded.sizes());
        Map<String, Object> measured = new LinkedHashMap<>();
        measured.put("songs", String.format("%03d-%03d", Split.VALIDATION.first(), Split.VALIDATION.last()));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (MelodyModel decoder = MelodyModel.load(ModelBundle.load(melody), MelodyModel.Options.DEFAULT)) {
            String[] names = {"forward", "backward"};
            for (int d = 0; d < 2; d++) {
                boolean forward = d == 0;
                try (OrtSession session = env.createSession(bundle.file(names[d]))) {
                    LatentMetrics latent = LatentMetrics.of(validation, forward, mean, s -> predict(session, s, c));
                    Decoded decoded = decoded(validation, forward, mean, decoder, s -> predict(session, s, c));
                    Map<String, Object> m = new LinkedHashMap<>(latent.toMap());
                    m.putAll(decoded.toMap());
                    measured.put(names[d], m);
                    System.out.println(names[d] + ": " + latent + " | " + decoded);
                }
            }
        }
        measured.put("method", "ONNX Runtime on this bundle, each validation song's runs of 4/4 bars read as sequences of 2-bar windows two bars "
                + "apart (both phases), teacher-forced: every position predicts the next window in its direction from the true windows before it. "
                + "Decoded: the melody model decodes the prediction under the true chords of the predicted window; pitch classes = cosine of "
                + "sounding-step pitch-class histograms, onsets = F1 of onset steps, against the true window's tokens");
        return measured;
    }

    /** Decoded similarity of the model and the baselines, averaged over positions. */
    record Decoded(int positions, double modelPc, double modelOnsets, double repeatPc, double repeatOnsets, double meanPc, double meanOnsets,
                   double copyPc, double copyOnsets, double nearestPc, double nearestOnsets) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("decodedPositions", positions);
            m.put("pitchClassSimilarity", round(modelPc));
            m.put("onsetF1", round(modelOnsets));
            m.put("nearestContextRhythmPitchClassSimilarity", round(nearestPc));
            m.put("nearestContextRhythmOnsetF1", round(nearestOnsets));
            m.put("repeatLastWindowPitchClassSimilarity", round(repeatPc));
            m.put("repeatLastWindowOnsetF1", round(repeatOnsets));
            m.put("meanLatentPitchClassSimilarity", round(meanPc));
            m.put("meanLatentOnsetF1", round(meanOnsets));
            m.put("copyLastWindowNotesPitchClassSimilarity", round(copyPc));
            m.put("copyLastWindowNotesOnsetF1", round(copyOnsets));
            return m;
        }

        @Override
        public String toString() {
            return String.format("decoded pc %.3f onsets %.3f | nearest context rhythm %.3f %.3f | repeat %.3f %.3f | mean %.3f %.3f | copy notes %.3f %.3f over %d",
                    modelPc, modelOnsets, nearestPc, nearestOnsets, repeatPc, repeatOnsets, meanPc, meanOnsets, copyPc, copyOnsets, positions);
        }
    }

    static Decoded decoded(LatentCorpus corpus, boolean forward, float[] mean, MelodyModel decoder, LatentMetrics.Predictor predictor) throws Exception {
        int zp = corpus.zPitch();
        int z = corpus.zSize();
        MelodyLatents meanZ = new MelodyLatents(java.util.Arrays.copyOfRange(mean, 0, zp), java.util.Arrays.copyOfRange(mean, zp, z));
        double[] sums = new double[10];
        int n = 0;
        for (LatentSequences.Sequence s : LatentSequences.of(corpus.runs(), forward)) {
            float[] predicted = predictor.predict(s);
            for (int t = 0; t < s.length(); t++) {
                int next = s.target(t);
                if (next < 0) continue;
                int own = s.windows()[t];
                int[] truth = s.run().tokens(next);
                float[] chroma = s.run().windowStepChroma(next);
                MelodyLatents p = new MelodyLatents(java.util.Arrays.copyOfRange(predicted, t * z, t * z + zp),
                        java.util.Arrays.copyOfRange(predicted, t * z + zp, (t + 1) * z));
                List<MelodyLatents> seen = new ArrayList<>();
                for (int c = Math.max(0, t - CONTEXT_RHYTHMS + 1); c <= t; c++) seen.add(LatentSequences.latents(s.run(), s.windows()[c], zp, z - zp));
                int[][] candidates = {decoder.decode(p, chroma), decoder.decode(LatentSequences.latents(s.run(), own, zp, z - zp), chroma),
                        decoder.decode(meanZ, chroma), s.run().tokens(own),
                        decoder.decode(org.analogy.engine.latent.MelodyContinuation.withNearestRhythm(p, seen), chroma)};
                for (int k = 0; k < 5; k++) {
                    sums[2 * k] += MelodySimilarity.pitchClasses(candidates[k], truth);
                    sums[2 * k + 1] += MelodySimilarity.onsets(candidates[k], truth);
                }
                n++;
            }
        }
        double d = Math.max(1, n);
        return new Decoded(n, sums[0] / d, sums[1] / d, sums[2] / d, sums[3] / d, sums[4] / d, sums[5] / d, sums[6] / d, sums[7] / d,
                sums[8] / d, sums[9] / d);
    }

    @Override
    protected Map<String, Object> parity(NDManager manager, Checkpoint loaded, ModelBundle bundle, Path data) throws Exception {
        LatentConfig c = LatentConfig.fromInts(loaded.sizes());
        LatentPredictorNet djl = new LatentPredictorNet(NamedWeights.of(manager, c.layout(), loaded.weights()), c);
        LatentCorpus validation = TrainLatent.validationCorpus(data, melody, checkpoint.toAbsolutePath().getParent());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, Object> entry = new LinkedHashMap<>();
        String[] names = {"forward", "backward"};
        for (int d = 0; d < 2; d++) {
            List<LatentSequences.Sequence> sequences = LatentSequences.of(validation.runs(), d == 0);
            sequences = sequences.subList(0, Math.min(PARITY_SEQUENCES, sequences.size()));
            float max = 0;
            int windows = 0;
            try (OrtSession session = env.createSession(bundle.file(names[d]))) {
                for (LatentSequences.Sequence s : sequences) {
                    float[] ort = predict(session, s, c);
                    float[] ref = TrainLatent.predict(manager, djl, s);
                    max = Math.max(max, maxDifference(FloatBuffer.wrap(ort), ref));
                    windows += s.length();
                }
            }
            entry.put(names[d], Map.of("sequences", sequences.size(), "windows", windows, "maxLatentDifference", max));
        }
        return entry;
    }
}
