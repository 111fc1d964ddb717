package org.analogy.train.melody;

import ai.onnx.proto.OnnxMl;
import org.analogy.train.onnx.OnnxGraph;
import org.analogy.train.onnx.OnnxOp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT;
import static ai.onnx.proto.OnnxMl.TensorProto.DataType.INT64;
import static org.analogy.train.melody.MelodyVaeConfig.CHROMA;
import static org.analogy.train.melody.MelodyVaeConfig.RHYTHM;
import static org.analogy.train.melody.MelodyVaeConfig.STEPS;
import static org.analogy.train.melody.MelodyVaeConfig.TOKENS;

/**
 * Turns trained weights into two ONNX graphs (opset 17) that compute exactly what {@link MelodyVae} computes.
 *
 * <ul>
 *   <li>Encoder: {@code tokens} int64 [batch,32] + {@code chroma} float [batch,32,12] →
 *       {@code z_pitch} [batch,Zp], {@code z_rhythm} [batch,Zr] (posterior means).</li>
 *   <li>Decoder: {@code z_pitch}, {@code z_rhythm}, {@code chroma} → {@code tokens} int64 [batch,32] and
 *       {@code token_logits} float [batch,32,130]. Greedy decoding is unrolled inside the graph: 32 steps of
 *       the rhythm GRU, then 32 of the melody GRU, each step's ArgMax → OneHot fed to the next, so one
 *       {@code run} call decodes a window with no Java round trips.</li>
 * </ul>
 * The batch dimension is symbolic ("batch"); the engine runs batch 1.
 *
 * <p>PyTorch stacks GRU gates (r, z, n), ONNX expects (z, r, h): the first two H-row blocks of every GRU weight
 * and bias are swapped, biases become {@code B = [b_ih, b_hh]}, and {@code linear_before_reset=1} matches
 * PyTorch's placement of the reset gate.
 */
public final class MelodyOnnxExport {

    public static final String TOKENS_INPUT = "tokens";
    public static final String CHROMA_INPUT = "chroma";
    public static final String PITCH_LATENT = "z_pitch";
    public static final String RHYTHM_LATENT = "z_rhythm";
    public static final String TOKENS_OUTPUT = "tokens";
    public static final String LOGITS_OUTPUT = "token_logits";
    static final String PRODUCER = "analogy-train MelodyOnnxExport";

    private MelodyOnnxExport() {
    }

    public static OnnxMl.ModelProto encoder(MelodyVaeConfig c, Map<String, float[]> w) {
        OnnxGraph g = new OnnxGraph("melody_encoder");
        g.input(TOKENS_INPUT, INT64, "batch", STEPS);
        g.input(CHROMA_INPUT, FLOAT, "batch", STEPS, CHROMA);
        g.output(PITCH_LATENT, FLOAT, "batch", c.pitchLatent());
        g.output(RHYTHM_LATENT, FLOAT, "batch", c.rhythmLatent());

        int h = c.encoderHidden();
        int in = c.encoderInput();
        String oneHotValues = g.floats("one_hot_values", new float[]{0f, 1f}, 2);
        String oneHot = g.node(OnnxOp.ONE_HOT, List.of(TOKENS_INPUT, g.longs("token_depth", new long[]{TOKENS}, 1), oneHotValues), Map.of());
        String x = g.node(OnnxOp.CONCAT, List.of(oneHot, CHROMA_INPUT), Map.of("axis", 2L));
        String timeMajor = g.node(OnnxOp.TRANSPOSE, List.of(x), Map.of("perm", new long[]{1, 0, 2}));
        String weights = g.floats("enc_W", concat(gruInput(w, "enc.fwd", h), gruInput(w, "enc.bwd", h)), 2, 3L * h, in);
        String recurrent = g.floats("enc_R", concat(gruRecurrent(w, "enc.fwd", h), gruRecurrent(w, "enc.bwd", h)), 2, 3L * h, h);
        String bias = g.floats("enc_B", concat(gruBias(w, "enc.fwd", h), gruBias(w, "enc.bwd", h)), 2, 6L * h);
        List<String> gru = g.nodeWithOutputs(OnnxOp.GRU, List.of(timeMajor, weights, recurrent, bias), 2,
                Map.of("hidden_size", (long) h, "direction", "bidirectional", "linear_before_reset", 1L));
        String finals = g.node(OnnxOp.TRANSPOSE, List.of(gru.get(1)), Map.of("perm", new long[]{1, 0, 2}));   // [B,2,H]
        String encoded = g.node(OnnxOp.RESHAPE, List.of(finals, g.longs("encoded_shape", new long[]{0, 2L * h}, 2)), Map.of());
        gemmTo(g, encoded, w, "pitch.mu", PITCH_LATENT);
        gemmTo(g, encoded, w, "rhythm.mu", RHYTHM_LATENT);
        return g.build(PRODUCER);
    }

    public static OnnxMl.ModelProto decoder(MelodyVaeConfig c, Map<String, float[]> w) {
        OnnxGraph g = new OnnxGraph("melody_decoder");
        g.input(PITCH_LATENT, FLOAT, "batch", c.pitchLatent());
        g.input(RHYTHM_LATENT, FLOAT, "batch", c.rhythmLatent());
        g.input(CHROMA_INPUT, FLOAT, "batch", STEPS, CHROMA);
        g.output(TOKENS_OUTPUT, INT64, "batch", STEPS);
        g.output(LOGITS_OUTPUT, FLOAT, "batch", STEPS, TOKENS);

        String axis0 = g.longs("axis0", new long[]{0}, 1);
        String oneHotValues = g.floats("one_hot_values", new float[]{0f, 1f}, 2);

        // Rhythm decoder: x_t = [previous rhythm one-hot, z_rhythm]
        int hr = c.rhythmHidden();
        String zRhythm = g.node(OnnxOp.UNSQUEEZE, RHYTHM_LATENT, axis0);                                  // [1,B,Zr]
        String hidden = g.node(OnnxOp.UNSQUEEZE, g.node(OnnxOp.TANH, gemm(g, RHYTHM_LATENT, w, "rdec.init")), axis0);
        // Zeros of shape [1,B,3] for any batch: the start symbol.
        String previous = g.node(OnnxOp.MAT_MUL, zRhythm, g.floats("rhythm_start", new float[c.rhythmLatent() * RHYTHM], c.rhythmLatent(), RHYTHM));
        String rW = g.floats("rdec_W", gruInput(w, "rdec.gru", hr), 1, 3L * hr, c.rhythmDecoderInput());
        String rR = g.floats("rdec_R", gruRecurrent(w, "rdec.gru", hr), 1, 3L * hr, hr);
        String rB = g.floats("rdec_B", gruBias(w, "rdec.gru", hr), 1, 6L * hr);
        String rOutW = g.floats("rdec_out_W", transpose(w.get("rdec.out.w"), RHYTHM, hr), hr, RHYTHM);
        String rOutB = g.floats("rdec_out_b", w.get("rdec.out.b"), RHYTHM);
        String rhythmDepth = g.longs("rhythm_depth", new long[]{RHYTHM}, 1);
        List<String> rhythmSteps = new ArrayList<>(STEPS);
        for (int t = 0; t < STEPS; t++) {
            String x = g.node(OnnxOp.CONCAT, List.of(previous, zRhythm), Map.of("axis", 2L));
            hidden = gruStep(g, x, rW, rR, rB, hidden, hr);
            String logits = g.node(OnnxOp.ADD, g.node(OnnxOp.MAT_MUL, hidden, rOutW), rOutB);               // [1,B,3]
            String index = g.node(OnnxOp.ARG_MAX, List.of(logits), Map.of("axis", 2L, "keepdims", 0L));    // [1,B]
            previous = g.node(OnnxOp.ONE_HOT, List.of(index, rhythmDepth, oneHotValues), Map.of());
            rhythmSteps.add(previous);
        }

        // Melody decoder: x_t = [previous token one-hot, rhythm_t, z_pitch, chroma_t]; the last two are
        // laid out for all steps at once and split, so each step only concatenates.
        int hm = c.melodyHidden();
        String zPitch = g.node(OnnxOp.UNSQUEEZE, PITCH_LATENT, axis0);                                     // [1,B,Zp]
        String zAlongTime = g.node(OnnxOp.EXPAND, zPitch, g.longs("time_shape", new long[]{STEPS, 1, 1}, 3));
        String chromaTime = g.node(OnnxOp.TRANSPOSE, List.of(CHROMA_INPUT), Map.of("perm", new long[]{1, 0, 2}));
        String conditions = g.node(OnnxOp.CONCAT, List.of(zAlongTime, chromaTime), Map.of("axis", 2L));  // [32,B,Zp+12]
        long[] ones = new long[STEPS];
        Arrays.fill(ones, 1);
        List<String> conditionSteps = g.nodeWithOutputs(OnnxOp.SPLIT,
                List.of(conditions, g.longs("split_steps", ones, STEPS)), STEPS, Map.of("axis", 0L));
        hidden = g.node(OnnxOp.UNSQUEEZE, g.node(OnnxOp.TANH, gemm(g, PITCH_LATENT, w, "mdec.init")), axis0);
        String previousToken = g.node(OnnxOp.MAT_MUL, zPitch, g.floats("token_start", new float[c.pitchLatent() * TOKENS], c.pitchLatent(), TOKENS));
        String mW = g.floats("mdec_W", gruInput(w, "mdec.gru", hm), 1, 3L * hm, c.melodyDecoderInput());
        String mR = g.floats("mdec_R", gruRecurrent(w, "mdec.gru", hm), 1, 3L * hm, hm);
        String mB = g.floats("mdec_B", gruBias(w, "mdec.gru", hm), 1, 6L * hm);
        String mOutW = g.floats("mdec_out_W", transpose(w.get("mdec.out.w"), TOKENS, hm), hm, TOKENS);
        String mOutB = g.floats("mdec_out_b", w.get("mdec.out.b"), TOKENS);
        String tokenDepth = g.longs("token_depth", new long[]{TOKENS}, 1);
        List<String> stepLogits = new ArrayList<>(STEPS);
        List<String> stepTokens = new ArrayList<>(STEPS);
        for (int t = 0; t < STEPS; t++) {
            String x = g.node(OnnxOp.CONCAT, List.of(previousToken, rhythmSteps.get(t), conditionSteps.get(t)), Map.of("axis", 2L));
            hidden = gruStep(g, x, mW, mR, mB, hidden, hm);
            String logits = g.node(OnnxOp.ADD, g.node(OnnxOp.MAT_MUL, hidden, mOutW), mOutB);               // [1,B,130]
            String index = g.node(OnnxOp.ARG_MAX, List.of(logits), Map.of("axis", 2L, "keepdims", 0L));    // [1,B]
            stepLogits.add(logits);
            stepTokens.add(index);
            if (t + 1 < STEPS) previousToken = g.node(OnnxOp.ONE_HOT, List.of(index, tokenDepth, oneHotValues), Map.of());
        }
        String tokensTimeMajor = g.node(OnnxOp.CONCAT, stepTokens, Map.of("axis", 0L));                    // [32,B]
        g.namedNode(OnnxOp.TRANSPOSE, List.of(tokensTimeMajor), List.of(TOKENS_OUTPUT), Map.of("perm", new long[]{1, 0}));
        String logitsTimeMajor = g.node(OnnxOp.CONCAT, stepLogits, Map.of("axis", 0L));                    // [32,B,130]
        g.namedNode(OnnxOp.TRANSPOSE, List.of(logitsTimeMajor), List.of(LOGITS_OUTPUT), Map.of("perm", new long[]{1, 0, 2}));
        return g.build(PRODUCER);
    }

    /** One GRU step (sequence length 1) from hidden state [1,B,H]; returns the new state [1,B,H]. */
    private static String gruStep(OnnxGraph g, String x, String w, String r, String b, String hidden, int size) {
        List<String> out = g.nodeWithOutputs(OnnxOp.GRU, List.of(x, w, r, b, "", hidden), 2,
                Map.of("hidden_size", (long) size, "linear_before_reset", 1L));
        return out.get(1);
    }

    private static String gemm(OnnxGraph g, String input, Map<String, float[]> w, String layer) {
        String[] names = linearInitialisers(g, w, layer);
        return g.node(OnnxOp.GEMM, List.of(input, names[0], names[1]), Map.of("transB", 1L));
    }

    private static void gemmTo(OnnxGraph g, String input, Map<String, float[]> w, String layer, String output) {
        String[] names = linearInitialisers(g, w, layer);
        g.namedNode(OnnxOp.GEMM, List.of(input, names[0], names[1]), List.of(output), Map.of("transB", 1L));
    }

    private static String[] linearInitialisers(OnnxGraph g, Map<String, float[]> w, String layer) {
        float[] bias = w.get(layer + ".b");
        float[] weight = w.get(layer + ".w");
        int out = bias.length;
        int in = weight.length / out;
        String key = layer.replace('.', '_');
        return new String[]{g.floats(key + "_w", weight, out, in), g.floats(key + "_b", bias, out)};
    }

    /** PyTorch (r, z, n) row blocks → ONNX (z, r, h) for a [3H, cols] matrix or a [3H] vector. */
    static float[] swapResetAndUpdate(float[] pytorch, int hidden) {
        int block = pytorch.length / 3;
        if (block % hidden != 0) throw new IllegalArgumentException("GRU tensor of " + pytorch.length + " values is not 3 × " + hidden + " rows");
        float[] onnx = pytorch.clone();
        System.arraycopy(pytorch, block, onnx, 0, block);
        System.arraycopy(pytorch, 0, onnx, block, block);
        return onnx;
    }

    private static float[] gruInput(Map<String, float[]> w, String gru, int hidden) {
        return swapResetAndUpdate(w.get(gru + ".w_ih"), hidden);
    }

    private static float[] gruRecurrent(Map<String, float[]> w, String gru, int hidden) {
        return swapResetAndUpdate(w.get(gru + ".w_hh"), hidden);
    }

    private static float[] gruBias(Map<String, float[]> w, String gru, int hidden) {
        return concat(swapResetAndUpdate(w.get(gru + ".b_ih"), hidden), swapResetAndUpdate(w.get(gru + ".b_hh"), hidden));
    }

    private static float[] transpose(float[] matrix, int rows, int cols) {
        float[] out = new float[matrix.length];
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) out[c * rows + r] = matrix[r * cols + c];
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
