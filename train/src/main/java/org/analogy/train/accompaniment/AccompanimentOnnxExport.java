package org.analogy.train.accompaniment;

import ai.onnx.proto.OnnxMl;
import org.analogy.train.onnx.OnnxGraph;
import org.analogy.train.onnx.OnnxOp;

import java.util.List;
import java.util.Map;

import static ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT;
import static org.analogy.train.accompaniment.AccompanimentConfig.BEATS;
import static org.analogy.train.accompaniment.AccompanimentConfig.CHORD_FORM;
import static org.analogy.train.accompaniment.AccompanimentConfig.KERNEL_PITCHES;
import static org.analogy.train.accompaniment.AccompanimentConfig.OUTPUTS_PER_PITCH;
import static org.analogy.train.accompaniment.AccompanimentConfig.PITCHES;
import static org.analogy.train.accompaniment.AccompanimentConfig.POOL_PITCHES;
import static org.analogy.train.accompaniment.AccompanimentConfig.ROLL_CHANNELS;
import static org.analogy.train.accompaniment.AccompanimentConfig.STEPS;
import static org.analogy.train.accompaniment.AccompanimentConfig.STEPS_PER_BEAT;
import static org.analogy.train.onnx.TrainedLayers.concat;
import static org.analogy.train.onnx.TrainedLayers.gemm;
import static org.analogy.train.onnx.TrainedLayers.gemmTo;
import static org.analogy.train.onnx.TrainedLayers.gruBias;
import static org.analogy.train.onnx.TrainedLayers.gruInput;
import static org.analogy.train.onnx.TrainedLayers.gruRecurrent;
import static org.analogy.train.onnx.TrainedLayers.matMulAdd;

/**
 * Turns accompaniment weights into three ONNX graphs (opset 17) that compute what {@link AccompanimentVae}
 * computes, so the engine can mix the latents of different windows between the calls:
 *
 * <ul>
 *   <li>Chord encoder: {@code chord_form} [batch,8,36] → {@code z_chord} [batch,Zc] (posterior mean).</li>
 *   <li>Texture encoder: {@code texture} [batch,2,32,128] (see {@code AccompanimentCodec}) →
 *       {@code z_texture} [batch,Zt] (posterior mean).</li>
 *   <li>Decoder: {@code z_chord}, {@code z_texture} → {@code logits} [batch,32,128,6] (onset, 5 duration bits);
 *       the engine thresholds them with {@code AccompanimentCodec}.</li>
 * </ul>
 *
 * <p>GRU weights go from PyTorch's gate order (r, z, n) to ONNX's (z, r, h) with {@code linear_before_reset=1},
 * as for the melody model.
 */
public final class AccompanimentOnnxExport {

    public static final String CHORD_INPUT = "chord_form";
    public static final String TEXTURE_INPUT = "texture";
    public static final String CHORD_LATENT = "z_chord";
    public static final String TEXTURE_LATENT = "z_texture";
    public static final String LOGITS_OUTPUT = "logits";
    static final String PRODUCER = "analogy-train AccompanimentOnnxExport";

    private AccompanimentOnnxExport() {
    }

    public static OnnxMl.ModelProto chordEncoder(AccompanimentConfig c, Map<String, float[]> w) {
        OnnxGraph g = new OnnxGraph("accompaniment_chord_encoder");
        g.input(CHORD_INPUT, FLOAT, "batch", BEATS, CHORD_FORM);
        g.output(CHORD_LATENT, FLOAT, "batch", c.chordLatent());
        String timeMajor = g.node(OnnxOp.TRANSPOSE, List.of(CHORD_INPUT), Map.of("perm", new long[]{1, 0, 2}));
        String encoded = bidirectionalFinalStates(g, timeMajor, w, "chord", CHORD_FORM, c.chordHidden());
        gemmTo(g, encoded, w, "chord.mu", CHORD_LATENT);
        return g.build(PRODUCER);
    }

    public static OnnxMl.ModelProto textureEncoder(AccompanimentConfig c, Map<String, float[]> w) {
        OnnxGraph g = new OnnxGraph("accompaniment_texture_encoder");
        g.input(TEXTURE_INPUT, FLOAT, "batch", ROLL_CHANNELS, STEPS, PITCHES);
        g.output(TEXTURE_LATENT, FLOAT, "batch", c.textureLatent());
        String convW = g.floats("tex_conv_w", w.get("tex.conv.w"), c.convChannels(), ROLL_CHANNELS, STEPS_PER_BEAT, KERNEL_PITCHES);
        String convB = g.floats("tex_conv_b", w.get("tex.conv.b"), c.convChannels());
        String conv = g.node(OnnxOp.CONV, List.of(TEXTURE_INPUT, convW, convB), Map.of(
                "kernel_shape", new long[]{STEPS_PER_BEAT, KERNEL_PITCHES}, "strides", new long[]{STEPS_PER_BEAT, 1},
                "pads", new long[]{0, 0, 0, 0}));                                                        // [B,C,8,117]
        String pooled = g.node(OnnxOp.MAX_POOL, List.of(g.node(OnnxOp.RELU, conv)), Map.of(
                "kernel_shape", new long[]{1, POOL_PITCHES}, "strides", new long[]{1, POOL_PITCHES}));     // [B,C,8,29]
        String beatsTimeMajor = g.node(OnnxOp.TRANSPOSE, List.of(pooled), Map.of("perm", new long[]{2, 0, 1, 3}));   // [8,B,C,29]
        String flat = g.node(OnnxOp.RESHAPE, List.of(beatsTimeMajor,
                g.longs("beat_shape", new long[]{BEATS, -1, c.textureFeatures()}, 3)), Map.of());          // [8,B,F]
        String beats = g.node(OnnxOp.RELU, matMulAdd(g, flat, w, "tex.beat"));                           // [8,B,E]
        String encoded = bidirectionalFinalStates(g, beats, w, "tex", c.textureBeat(), c.textureHidden());
        gemmTo(g, encoded, w, "tex.mu", TEXTURE_LATENT);
        return g.build(PRODUCER);
    }

    public static OnnxMl.ModelProto decoder(AccompanimentConfig c, Map<String, float[]> w) {
        OnnxGraph g = new OnnxGraph("accompaniment_decoder");
        g.input(CHORD_LATENT, FLOAT, "batch", c.chordLatent());
        g.input(TEXTURE_LATENT, FLOAT, "batch", c.textureLatent());
        g.output(LOGITS_OUTPUT, FLOAT, "batch", STEPS, PITCHES, OUTPUTS_PER_PITCH);
        int h = c.decoderHidden();
        int zSize = c.chordLatent() + c.textureLatent();
        String axis0 = g.longs("axis0", new long[]{0}, 1);
        String z = g.node(OnnxOp.CONCAT, List.of(CHORD_LATENT, TEXTURE_LATENT), Map.of("axis", 1L));     // [B,Z]
        String h0 = g.node(OnnxOp.UNSQUEEZE, g.node(OnnxOp.TANH, gemm(g, z, w, "dec.init")), axis0);      // [1,B,H]
        String zAlongTime = g.node(OnnxOp.EXPAND, g.node(OnnxOp.UNSQUEEZE, z, axis0),
                g.longs("time_shape", new long[]{STEPS, 1, 1}, 3));                                       // [32,B,Z]
        // The step's one-hot position for any batch size: zeros [32,B,32] from a product, plus the identity.
        String zeros = g.node(OnnxOp.MAT_MUL, zAlongTime, g.floats("position_zeros", new float[zSize * STEPS], zSize, STEPS));
        float[] eye = new float[STEPS * STEPS];
        for (int t = 0; t < STEPS; t++) eye[t * STEPS + t] = 1f;
        String positions = g.node(OnnxOp.ADD, zeros, g.floats("positions", eye, STEPS, 1, STEPS));
        String input = g.node(OnnxOp.CONCAT, List.of(zAlongTime, positions), Map.of("axis", 2L));       // [32,B,Z+32]
        String gw = g.floats("dec_W", gruInput(w, "dec.gru", h), 1, 3L * h, c.decoderInput());
        String gr = g.floats("dec_R", gruRecurrent(w, "dec.gru", h), 1, 3L * h, h);
        String gb = g.floats("dec_B", gruBias(w, "dec.gru", h), 1, 6L * h);
        List<String> gru = g.nodeWithOutputs(OnnxOp.GRU, List.of(input, gw, gr, gb, "", h0), 2,
                Map.of("hidden_size", (long) h, "linear_before_reset", 1L));
        String states = g.node(OnnxOp.SQUEEZE, gru.get(0), g.longs("axis1", new long[]{1}, 1));         // [32,B,H]
        String batchMajor = g.node(OnnxOp.TRANSPOSE, List.of(states), Map.of("perm", new long[]{1, 0, 2}));   // [B,32,H]
        String hidden = g.node(OnnxOp.RELU, matMulAdd(g, batchMajor, w, "dec.mlp"));
        String out = matMulAdd(g, hidden, w, "dec.out");                                                  // [B,32,128*6]
        g.namedNode(OnnxOp.RESHAPE, List.of(out, g.longs("logits_shape", new long[]{-1, STEPS, PITCHES, OUTPUTS_PER_PITCH}, 4)),
                List.of(LOGITS_OUTPUT), Map.of());
        return g.build(PRODUCER);
    }

    /** A bidirectional GRU over time-major {@code input}; both final states side by side, {@code [B, 2H]}. */
    private static String bidirectionalFinalStates(OnnxGraph g, String input, Map<String, float[]> w, String prefix, int inputSize, int h) {
        String key = prefix.replace('.', '_');
        String weights = g.floats(key + "_W", concat(gruInput(w, prefix + ".fwd", h), gruInput(w, prefix + ".bwd", h)), 2, 3L * h, inputSize);
        String recurrent = g.floats(key + "_R", concat(gruRecurrent(w, prefix + ".fwd", h), gruRecurrent(w, prefix + ".bwd", h)), 2, 3L * h, h);
        String bias = g.floats(key + "_B", concat(gruBias(w, prefix + ".fwd", h), gruBias(w, prefix + ".bwd", h)), 2, 6L * h);
        List<String> gru = g.nodeWithOutputs(OnnxOp.GRU, List.of(input, weights, recurrent, bias), 2,
                Map.of("hidden_size", (long) h, "direction", "bidirectional", "linear_before_reset", 1L));
        String finals = g.node(OnnxOp.TRANSPOSE, List.of(gru.get(1)), Map.of("perm", new long[]{1, 0, 2}));   // [B,2,H]
        return g.node(OnnxOp.RESHAPE, List.of(finals, g.longs(key + "_encoded_shape", new long[]{0, 2L * h}, 2)), Map.of());
    }

}
