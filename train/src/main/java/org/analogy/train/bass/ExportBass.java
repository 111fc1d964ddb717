package org.analogy.train.bass;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import org.analogy.engine.bass.BassLine;
import org.analogy.engine.bass.BassModel;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.repr.GridNote;
import org.analogy.train.nn.NamedWeights;
import org.analogy.train.run.BundleExport;
import org.analogy.train.run.Checkpoint;
import org.analogy.train.run.ExportCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.analogy.train.bass.BassConfig.CONDITION;
import static org.analogy.train.bass.BassConfig.FEATURES;
import static org.analogy.train.bass.BassConfig.OUTPUTS;
import static org.analogy.train.bass.BassConfig.STEPS;
import static org.analogy.train.run.BundleExport.maxDifference;
import static org.analogy.train.run.BundleExport.spec;

/**
 * {@code ./analogy export bass}: a bass-model checkpoint (by default the run's best epoch) → {@code encoder.onnx},
 * {@code decoder.onnx} and {@code manifest.json} (with Slakh2100's credit); with {@code --data}, measured through
 * the engine's {@link BassModel} on the whole validation split (reconstruction; chord tones and roots next to the
 * real bass lines and a rule baseline; style kept under another window's harmony; speed), and DJL vs ONNX
 * Runtime parity.
 */
@Command(name = "bass", mixinStandardHelpOptions = true,
        description = {"Turns a bass-model checkpoint into a bundle (encoder.onnx, decoder.onnx, manifest.json), measured through ONNX "
                + "Runtime on Slakh2100's validation split and checked against DJL when --data holds the dataset."})
public final class ExportBass extends ExportCommand {

    public static final String MODEL_NAME = "analogy-bass-orchestration";
    static final String CHORD_METHOD = "per half bar (8 sixteenths), the pitch classes of every non-bass track weighted by the steps they "
            + "sound, matched by cosine similarity against 12 roots x {maj, min, 7, m7, maj7, dim, sus4} templates (ties to the simpler "
            + "chord); a silent half bar keeps the chord before it";
    private static final int PARITY_WINDOWS = 256;
    private static final int STYLE_PAIRS = 4000;
    private static final int TIMED_CALLS = 3000;

    /** Chord-tone priors tried on part of the validation split, for the report's choice of {@code --chord-tone-bias}. */
    private static final float[] BIAS_SWEEP = {0f, 0.5f, 1f, 1.5f, 2f, 3f};
    private static final int SWEEP_WINDOWS = 3000;

    @Option(names = "--chord-tone-bias", paramLabel = "X", description = "Logit bonus for onsets on chord tones when the engine decodes "
            + "(decoding.chordToneBias in the manifest; 0 is the decoder's plain argmax; default: ${DEFAULT-VALUE}).")
    float chordToneBias;

    public ExportBass() {
        super(TrainBass.KIND, TrainBass::layout, "runs/bass/best.bin", "presets/models/bass");
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> v = new LinkedHashMap<>(super.defaults());
        v.put("--data", SlakhDataset.defaultRoot().toString());
        v.put("--chord-tone-bias", "1");
        return v;
    }

    @Override
    protected BundleExport.Bundle bundle(Checkpoint checkpoint, JsonNode runMetrics) {
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("data", "Slakh2100 (Q&A-processed) train split, 4/4 bars, 2-bar windows of the bass track on the 16th grid (hop 1 bar)");
        training.put("command", checkpoint.commandLine());
        training.put("steps", checkpoint.step());
        training.put("epoch", checkpoint.epoch());
        training.put("minutes", BundleExport.round(checkpoint.trainedMillis() / 60000.0));
        if (runMetrics != null) training.put("validationDjl", runMetrics);
        if (!(chordToneBias >= 0 && chordToneBias <= 20)) throw new IllegalArgumentException("--chord-tone-bias " + chordToneBias + ": give 0 to 20");
        return bundle(BassConfig.fromInts(checkpoint.sizes()), checkpoint.weights(), training, chordToneBias);
    }

    public static void writeBundle(Path out, BassConfig c, Map<String, float[]> weights, Map<String, Object> training) throws IOException {
        BundleExport.write(out, bundle(c, weights, training, 0f));
    }

    static BundleExport.Bundle bundle(BassConfig c, Map<String, float[]> weights, Map<String, Object> training, float chordToneBias) {
        Map<String, Object> entries = new LinkedHashMap<>();
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("steps", STEPS);
        grid.put("stepsPerBar", BassLine.STEPS_PER_BAR);
        grid.put("tokens", BassLine.TOKENS);
        grid.put("lineFeatures", FEATURES);
        grid.put("condition", CONDITION);
        grid.put("layout", "token per step: 0 rest, 1 hold, 2 + 12*octave + interval above the chord root (octave 0: within an octave of "
                + "the line's lowest note, 1: above); line input: token one-hot + onset velocity (0-1); condition per step: chord pitch "
                + "classes above its root (12), chord start (1), next chord's root above this root (12 + none), band onsets min(n,2)/2 and "
                + "any (2), position in the bar (16)");
        entries.put("grid", grid);
        entries.put("latents", Map.of("style", c.latent()));
        Map<String, Object> decoding = new LinkedHashMap<>();
        decoding.put("token", "argmax per step after adding chordToneBias to the logits of onsets on tones of the step's chord; a hold after a rest is a rest");
        decoding.put("chordToneBias", chordToneBias);
        decoding.put("velocity", "sigmoid");
        decoding.put("pitch", "octave 0: lowest pitch of the pitch class at or above the register's low note; octave 1: an octave higher if it fits");
        entries.put("decoding", decoding);
        entries.put("chordLabels", CHORD_METHOD);
        entries.put("architecture", Map.of("encoderHidden", c.encoderHidden(), "latent", c.latent(), "decoderHidden", c.decoderHidden(), "mlp", c.mlp()));
        entries.put("credits", List.of(Map.of("dataset", "Slakh2100 (Q&A-processed)", "licence", SlakhDataset.LICENCE, "attribution", SlakhDataset.CREDIT)));
        BundleExport.Graph encoder = new BundleExport.Graph("encoder", "encoder.onnx", BassOnnxExport.encoder(c, weights).toByteArray(),
                List.of(spec(BassOnnxExport.LINE, "float32", "batch", STEPS, FEATURES)),
                List.of(spec(BassOnnxExport.LATENT, "float32", "batch", c.latent())));
        BundleExport.Graph decoder = new BundleExport.Graph("decoder", "decoder.onnx", BassOnnxExport.decoder(c, weights).toByteArray(),
                List.of(spec(BassOnnxExport.LATENT, "float32", "batch", c.latent()), spec(BassOnnxExport.CONDITION_INPUT, "float32", "batch", STEPS, CONDITION)),
                List.of(spec(BassOnnxExport.OUTPUTS_NAME, "float32", "batch", STEPS, OUTPUTS)));
        return new BundleExport.Bundle(MODEL_NAME, "bass", "Q&A-style orchestration function for the bass: a bidirectional GRU encodes a "
                + "chord-relative 2-bar bass line into a style latent; a bidirectional GRU decodes a line from the latent, the window's chords "
                + "and the band's onsets in one pass", entries, List.of(encoder, decoder), training);
    }

    @Override
    protected Map<String, Object> measure(ModelBundle bundle, Path data) throws Exception {
        List<SlakhDataset.Window> windows = SlakhDataset.load(data, SlakhDataset.Split.VALIDATION).windows();
        BassMetrics model = new BassMetrics();
        BassMetrics plain = new BassMetrics();
        BassMetrics reference = new BassMetrics();
        BassMetrics rule = new BassMetrics();
        BassMetrics swapped = new BassMetrics();
        BassMetrics swappedPlain = new BassMetrics();
        double styleF1 = 0, ownF1 = 0, chanceF1 = 0;
        int pairs = Math.min(STYLE_PAIRS, windows.size());
        try (BassModel m = BassModel.load(bundle, MelodyModel.Options.DEFAULT)) {
            List<float[]> latents = new ArrayList<>(windows.size());
            for (SlakhDataset.Window w : windows) {
                float[] z = m.encode(w.bass());
                latents.add(z);
                model.addReconstruction(w, m.decodeLine(z, w.chords(), w.onsets()));
                plain.addReconstruction(w, m.decodeLine(z, w.chords(), w.onsets(), 0f));
                reference.addLine(w.bass(), w);
                rule.addLine(rootOnEveryBeat(), w);
            }
            // Style kept: clip A's latent decoded under window B's chords and band onsets, B half the split away (another song).
            for (int p = 0; p < pairs; p++) {
                int a = (int) ((long) p * windows.size() / pairs);
                int b = (a + windows.size() / 2) % windows.size();
                SlakhDataset.Window clip = windows.get(a);
                SlakhDataset.Window target = windows.get(b);
                BassLine transferred = m.decodeLine(latents.get(a), target.chords(), target.onsets());
                swapped.addLine(transferred, target);
                swappedPlain.addLine(m.decodeLine(latents.get(a), target.chords(), target.onsets(), 0f), target);
                styleF1 += onsetF1(transferred, clip.bass());
                ownF1 += onsetF1(m.decodeLine(latents.get(b), target.chords(), target.onsets()), clip.bass());
                chanceF1 += onsetF1(target.bass(), clip.bass());
            }
            Map<String, Object> measured = new LinkedHashMap<>();
            measured.put("split", "Slakh2100 validation, 4/4 windows with bass onsets");
            measured.put("windows", windows.size());
            measured.put("chordLabels", CHORD_METHOD);
            measured.put("chordToneBias", m.chordToneBias());
            measured.put("reconstruction", model.toMap());
            measured.put("reconstructionPlainArgmax", plain.toMap());
            measured.put("chordToneBiasSweep", sweep(m, TrainBass.spread(windows, SWEEP_WINDOWS), latents.size() == windows.size()
                    ? TrainBass.spread(latents, SWEEP_WINDOWS) : List.of()));
            measured.put("realBassLines", reference.lineMap());
            measured.put("ruleBaseline", Map.of("rule", "the chord's root on every beat, held to the next beat", "figures", rule.lineMap()));
            Map<String, Object> style = new LinkedHashMap<>();
            style.put("pairs", pairs);
            style.put("method", "window A's latent decoded under window B's chords and band onsets (B half the split away); onset-position F1 "
                    + "against A's real line, next to B's own latent decoded the same way and B's real line against A (chance)");
            style.put("onsetF1ClipLatent", BundleExport.round(styleF1 / pairs));
            style.put("onsetF1TargetLatent", BundleExport.round(ownF1 / pairs));
            style.put("onsetF1RealTargetLine", BundleExport.round(chanceF1 / pairs));
            style.put("swappedLines", swapped.lineMap());
            style.put("swappedLinesPlainArgmax", swappedPlain.lineMap());
            measured.put("styleUnderOtherHarmony", style);
            measured.put("speed", speed(m, windows));
            measured.put("method", "the engine's BassModel on this bundle (ONNX Runtime, one thread): each window encoded to its posterior mean "
                    + "and decoded under its own chords and band onsets");
            return measured;
        }
    }

    /** Reconstruction figures of {@code windows} (their latents given) under each chord-tone prior of {@link #BIAS_SWEEP}. */
    static List<Map<String, Object>> sweep(BassModel m, List<SlakhDataset.Window> windows, List<float[]> latents) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (float bias : BIAS_SWEEP) {
            BassMetrics metrics = new BassMetrics();
            for (int i = 0; i < windows.size(); i++) {
                SlakhDataset.Window w = windows.get(i);
                metrics.addReconstruction(w, m.decodeLine(latents.get(i), w.chords(), w.onsets(), bias));
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("chordToneBias", bias);
            row.put("windows", windows.size());
            row.putAll(metrics.toMap());
            rows.add(row);
        }
        return rows;
    }

    /** The rule baseline: the root of the chord in force on every beat, held until the next beat. */
    static BassLine rootOnEveryBeat() {
        int[] tokens = new int[STEPS];
        float[] velocities = new float[STEPS];
        for (int t = 0; t < STEPS; t++) {
            tokens[t] = t % 4 == 0 ? BassLine.onsetToken(0, 0) : BassLine.HOLD;
            velocities[t] = t % 4 == 0 ? 0.7f : 0f;
        }
        return new BassLine(tokens, velocities);
    }

    /** F1 of the onset positions of {@code line} against {@code reference}. */
    static double onsetF1(BassLine line, BassLine reference) {
        int both = 0, a = 0, b = 0;
        for (int t = 0; t < STEPS; t++) {
            boolean x = BassLine.isOnset(line.token(t));
            boolean y = BassLine.isOnset(reference.token(t));
            if (x) a++;
            if (y) b++;
            if (x && y) both++;
        }
        return a + b == 0 ? 1 : 2.0 * both / (a + b);
    }

    /** Median and p99 of one window's decode (and of a 2-bar clip's encode) through the engine, batch 1, in ms. */
    static Map<String, Object> speed(BassModel m, List<SlakhDataset.Window> windows) throws Exception {
        int calls = Math.min(TIMED_CALLS, windows.size());
        double[] decode = new double[calls];
        double[] encode = new double[calls];
        float[] z = m.encode(windows.get(0).bass());
        for (int i = 0; i < calls; i++) {
            SlakhDataset.Window w = windows.get((int) ((long) i * windows.size() / calls));
            long t0 = System.nanoTime();
            List<GridNote> notes = m.decode(z, w.chords(), w.onsets(), 28, 60);
            long t1 = System.nanoTime();
            z = m.encode(w.bass());
            long t2 = System.nanoTime();
            if (notes.size() > STEPS) throw new IllegalStateException("more notes than steps");
            decode[i] = (t1 - t0) / 1e6;
            encode[i] = (t2 - t1) / 1e6;
        }
        Arrays.sort(decode);
        Arrays.sort(encode);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("calls", calls);
        s.put("threads", 1);
        s.put("decodeMedianMs", BundleExport.round(decode[calls / 2]));
        s.put("decodeP99Ms", BundleExport.round(decode[(int) (calls * 0.99)]));
        s.put("encodeMedianMs", BundleExport.round(encode[calls / 2]));
        s.put("encodeP99Ms", BundleExport.round(encode[(int) (calls * 0.99)]));
        s.put("what", "decode = BassModel.decode (conditioning, one ONNX Runtime run, notes in register 28-60); encode = one 2-bar line");
        return s;
    }

    @Override
    protected Map<String, Object> parity(NDManager manager, Checkpoint checkpoint, ModelBundle bundle, Path data) throws Exception {
        List<SlakhDataset.Window> windows = TrainBass.spread(SlakhDataset.load(data, SlakhDataset.Split.VALIDATION).windows(), PARITY_WINDOWS);
        return parity(manager, BassConfig.fromInts(checkpoint.sizes()), checkpoint.weights(), bundle, windows);
    }

    /** Largest |ONNX Runtime − DJL| of the latent and the decoder outputs over {@code windows} (one batch), and argmax agreement. */
    static Map<String, Object> parity(NDManager manager, BassConfig config, Map<String, float[]> weights, ModelBundle bundle,
                                      List<SlakhDataset.Window> windows) throws Exception {
        JniUtils.setGradMode(false);
        BassVae djl = new BassVae(NamedWeights.of(manager, config.layout(), weights), config);
        int b = windows.size();
        float[] x = TrainBass.lines(windows);
        float[] c = TrainBass.conditions(windows);
        BassVae.Posterior q = djl.encode(manager.create(x, new ai.djl.ndarray.types.Shape(b, STEPS, FEATURES)), false);
        float[] z = q.mean().toFloatArray();
        float[] out = djl.decode(q.mean(), manager.create(c, new ai.djl.ndarray.types.Shape(b, STEPS, CONDITION)), false).toFloatArray();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float latentDifference, outputDifference;
        int sameTokens = 0;
        try (OrtSession encoder = env.createSession(bundle.file("encoder"));
             OrtSession decoder = env.createSession(bundle.file("decoder"));
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[]{b, STEPS, FEATURES});
             OnnxTensor condition = OnnxTensor.createTensor(env, FloatBuffer.wrap(c), new long[]{b, STEPS, CONDITION});
             OrtSession.Result encoded = encoder.run(Map.of(BassOnnxExport.LINE, in));
             OrtSession.Result decoded = decoder.run(Map.of(BassOnnxExport.LATENT, (OnnxTensor) encoded.get(BassOnnxExport.LATENT).orElseThrow(),
                     BassOnnxExport.CONDITION_INPUT, condition))) {
            latentDifference = maxDifference(((OnnxTensor) encoded.get(BassOnnxExport.LATENT).orElseThrow()).getFloatBuffer(), z);
            FloatBuffer ort = ((OnnxTensor) decoded.get(BassOnnxExport.OUTPUTS_NAME).orElseThrow()).getFloatBuffer();
            outputDifference = maxDifference(ort, out);
            float[] ortValues = new float[out.length];
            ort.get(ortValues);
            for (int i = 0; i < b; i++) {
                BassLine fromOrt = BassLine.ofDecoderOutputs(ortValues, i * STEPS * OUTPUTS);
                BassLine fromDjl = BassLine.ofDecoderOutputs(out, i * STEPS * OUTPUTS);
                for (int t = 0; t < STEPS; t++) if (fromOrt.token(t) == fromDjl.token(t)) sameTokens++;
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("windows", b);
        entry.put("maxLatentDifference", latentDifference);
        entry.put("maxOutputDifference", outputDifference);
        entry.put("sameDecodedTokens", BundleExport.round((double) sameTokens / (b * STEPS)));
        return entry;
    }
}
