package org.analogy.train.bass;

import ai.onnx.proto.OnnxMl;
import org.analogy.train.onnx.OnnxGraph;
import org.analogy.train.onnx.OnnxOp;

import java.util.List;
import java.util.Map;

import static ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT;
import static org.analogy.train.bass.BassConfig.CONDITION;
import static org.analogy.train.bass.BassConfig.FEATURES;
import static org.analogy.train.bass.BassConfig.OUTPUTS;
import static org.analogy.train.bass.BassConfig.STEPS;
import static org.analogy.train.onnx.TrainedLayers.concat;
import static org.analogy.train.onnx.TrainedLayers.gemmTo;
import static org.analogy.train.onnx.TrainedLayers.gruBias;
import static org.analogy.train.onnx.TrainedLayers.gruInput;
import static org.analogy.train.onnx.TrainedLayers.gruRecurrent;
import static org.analogy.train.onnx.TrainedLayers.matMulAdd;
import static org.analogy.train.onnx.TrainedLayers.matMulAddTo;

/**
 * The bass model as two ONNX graphs (opset 17) computing what {@link BassVae} computes:
 *
 * <ul>
 *   <li>Encoder: {@code line} [batch,32,FEATURES] ({@code BassLine.writeFeatures}) → {@code z} [batch,Z], the
 *       posterior mean.</li>
 *   <li>Decoder: {@code z} [batch,Z] and {@code condition} [batch,32,CONDITION] ({@code BassConditioning}) →
 *       {@code outputs} [batch,32,TOKENS+1]: token logits and a velocity logit, read by
 *       {@code BassLine.ofDecoderOutputs}.</li>
 * </ul>
 */
public final class BassOnnxExport {

    public static final String LINE = "line";
    public static final String LATENT = "z";
    public static final String CONDITION_INPUT = "condition";
    public static final String OUTPUTS_NAME = "outputs";
    static final String PRODUCER = "analogy-train BassOnnxExport";

    private BassOnnxExport() {
    }

    public static OnnxMl.ModelProto encoder(BassConfig c, Map<String, float[]> w) {
        OnnxGraph g = new OnnxGraph("bass_encoder");
        int h = c.encoderHidden();
        g.input(LINE, FLOAT, "batch", STEPS, FEATURES);
        g.output(LATENT, FLOAT, "batch", c.latent());
        String timeMajor = g.node(OnnxOp.TRANSPOSE, List.of(LINE), Map.of("perm", new long[]{1, 0, 2}));
        List<String> gru = bidirectionalGru(g, timeMajor, w, "enc", h, FEATURES);
        String finals = g.node(OnnxOp.TRANSPOSE, List.of(gru.get(1)), Map.of("perm", new long[]{1, 0, 2}));      // [B,2,H]
        String encoded = g.node(OnnxOp.RESHAPE, List.of(finals, g.longs("encoded_shape", new long[]{0, 2L * h}, 2)), Map.of());
        gemmTo(g, encoded, w, "enc.mu", LATENT);
        return g.build(PRODUCER);
    }

    public static OnnxMl.ModelProto decoder(BassConfig c, Map<String, float[]> w) {
        OnnxGraph g = new OnnxGraph("bass_decoder");
        int h = c.decoderHidden();
        g.input(LATENT, FLOAT, "batch", c.latent());
        g.input(CONDITION_INPUT, FLOAT, "batch", STEPS, CONDITION);
        g.output(OUTPUTS_NAME, FLOAT, "batch", STEPS, OUTPUTS);
        String zAlongTime = g.node(OnnxOp.EXPAND, g.node(OnnxOp.UNSQUEEZE, LATENT, g.longs("axis1", new long[]{1}, 1)),
                g.longs("time_shape", new long[]{1, STEPS, 1}, 3));                                                 // [B,32,Z]
        String input = g.node(OnnxOp.CONCAT, List.of(zAlongTime, CONDITION_INPUT), Map.of("axis", 2L));           // [B,32,Z+C]
        String timeMajor = g.node(OnnxOp.TRANSPOSE, List.of(input), Map.of("perm", new long[]{1, 0, 2}));
        List<String> gru = bidirectionalGru(g, timeMajor, w, "dec", h, c.decoderInput());                          // Y [32,2,B,H]
        String batchMajor = g.node(OnnxOp.TRANSPOSE, List.of(gru.get(0)), Map.of("perm", new long[]{2, 0, 1, 3}));  // [B,32,2,H]
        String states = g.node(OnnxOp.RESHAPE, List.of(batchMajor, g.longs("states_shape", new long[]{0, 0, 2L * h}, 3)), Map.of());
        String hidden = g.node(OnnxOp.RELU, matMulAdd(g, states, w, "dec.mlp"));
        matMulAddTo(g, hidden, w, "dec.out", OUTPUTS_NAME);
        return g.build(PRODUCER);
    }

    /** One bidirectional GRU node over a time-major input from {@code prefix.fwd} and {@code prefix.bwd}; outputs (Y, Y_h). */
    private static List<String> bidirectionalGru(OnnxGraph g, String input, Map<String, float[]> w, String prefix, int h, int inputSize) {
        String weights = g.floats(prefix + "_W", concat(gruInput(w, prefix + ".fwd", h), gruInput(w, prefix + ".bwd", h)), 2, 3L * h, inputSize);
        String recurrent = g.floats(prefix + "_R", concat(gruRecurrent(w, prefix + ".fwd", h), gruRecurrent(w, prefix + ".bwd", h)), 2, 3L * h, h);
        String bias = g.floats(prefix + "_B", concat(gruBias(w, prefix + ".fwd", h), gruBias(w, prefix + ".bwd", h)), 2, 6L * h);
        return g.nodeWithOutputs(OnnxOp.GRU, List.of(input, weights, recurrent, bias), 2,
                Map.of("hidden_size", (long) h, "direction", "bidirectional", "linear_before_reset", 1L));
    }
}
