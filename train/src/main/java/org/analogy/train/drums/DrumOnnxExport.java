package org.analogy.train.drums;

import ai.onnx.proto.OnnxMl;
import org.analogy.train.onnx.OnnxGraph;
import org.analogy.train.onnx.OnnxOp;

import java.util.List;
import java.util.Map;

import static ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT;
import static org.analogy.train.drums.DrumConfig.FEATURES;
import static org.analogy.train.drums.DrumConfig.STEPS;
import static org.analogy.train.onnx.TrainedLayers.concat;
import static org.analogy.train.onnx.TrainedLayers.gemm;
import static org.analogy.train.onnx.TrainedLayers.gemmTo;
import static org.analogy.train.onnx.TrainedLayers.gruBias;
import static org.analogy.train.onnx.TrainedLayers.gruInput;
import static org.analogy.train.onnx.TrainedLayers.gruRecurrent;
import static org.analogy.train.onnx.TrainedLayers.matMulAdd;
import static org.analogy.train.onnx.TrainedLayers.matMulAddTo;

/**
 * The groove model as two ONNX graphs (opset 17) computing what {@link DrumVae} computes:
 *
 * <ul>
 *   <li>Encoder: {@code pattern} [batch,32,27] ({@code DrumPattern.features()}) → {@code z} [batch,Z], the
 *       posterior mean.</li>
 *   <li>Decoder: {@code z} [batch,Z] → {@code outputs} [batch,32,27]: hit logits, velocity logits and offset
 *       pre-activations, read by {@code DrumPattern.ofDecoderOutputs}.</li>
 * </ul>
 */
public final class DrumOnnxExport {

    public static final String PATTERN = "pattern";
    public static final String LATENT = "z";
    public static final String OUTPUTS = "outputs";
    static final String PRODUCER = "analogy-train DrumOnnxExport";

    private DrumOnnxExport() {
    }

    public static OnnxMl.ModelProto encoder(DrumConfig c, Map<String, float[]> w) {
        OnnxGraph g = new OnnxGraph("drums_encoder");
        int h = c.encoderHidden();
        g.input(PATTERN, FLOAT, "batch", STEPS, FEATURES);
        g.output(LATENT, FLOAT, "batch", c.latent());
        String timeMajor = g.node(OnnxOp.TRANSPOSE, List.of(PATTERN), Map.of("perm", new long[]{1, 0, 2}));
        String weights = g.floats("enc_W", concat(gruInput(w, "enc.fwd", h), gruInput(w, "enc.bwd", h)), 2, 3L * h, FEATURES);
        String recurrent = g.floats("enc_R", concat(gruRecurrent(w, "enc.fwd", h), gruRecurrent(w, "enc.bwd", h)), 2, 3L * h, h);
        String bias = g.floats("enc_B", concat(gruBias(w, "enc.fwd", h), gruBias(w, "enc.bwd", h)), 2, 6L * h);
        List<String> gru = g.nodeWithOutputs(OnnxOp.GRU, List.of(timeMajor, weights, recurrent, bias), 2,
                Map.of("hidden_size", (long) h, "direction", "bidirectional", "linear_before_reset", 1L));
        String finals = g.node(OnnxOp.TRANSPOSE, List.of(gru.get(1)), Map.of("perm", new long[]{1, 0, 2}));      // [B,2,H]
        String encoded = g.node(OnnxOp.RESHAPE, List.of(finals, g.longs("encoded_shape", new long[]{0, 2L * h}, 2)), Map.of());
        gemmTo(g, encoded, w, "enc.mu", LATENT);
        return g.build(PRODUCER);
    }

    public static OnnxMl.ModelProto decoder(DrumConfig c, Map<String, float[]> w) {
        OnnxGraph g = new OnnxGraph("drums_decoder");
        int h = c.decoderHidden();
        g.input(LATENT, FLOAT, "batch", c.latent());
        g.output(OUTPUTS, FLOAT, "batch", STEPS, FEATURES);
        String axis0 = g.longs("axis0", new long[]{0}, 1);
        String h0 = g.node(OnnxOp.UNSQUEEZE, g.node(OnnxOp.TANH, gemm(g, LATENT, w, "dec.init")), axis0);          // [1,B,H]
        String zAlongTime = g.node(OnnxOp.EXPAND, g.node(OnnxOp.UNSQUEEZE, LATENT, axis0),
                g.longs("time_shape", new long[]{STEPS, 1, 1}, 3));                                                 // [32,B,Z]
        // The step's one-hot position for any batch size: zeros [32,B,32] from a product, plus the identity.
        String zeros = g.node(OnnxOp.MAT_MUL, zAlongTime, g.floats("position_zeros", new float[c.latent() * STEPS], c.latent(), STEPS));
        float[] eye = new float[STEPS * STEPS];
        for (int t = 0; t < STEPS; t++) eye[t * STEPS + t] = 1f;
        String positions = g.node(OnnxOp.ADD, zeros, g.floats("positions", eye, STEPS, 1, STEPS));
        String input = g.node(OnnxOp.CONCAT, List.of(zAlongTime, positions), Map.of("axis", 2L));                 // [32,B,Z+32]
        String gw = g.floats("dec_W", gruInput(w, "dec.gru", h), 1, 3L * h, c.decoderInput());
        String gr = g.floats("dec_R", gruRecurrent(w, "dec.gru", h), 1, 3L * h, h);
        String gb = g.floats("dec_B", gruBias(w, "dec.gru", h), 1, 6L * h);
        List<String> gru = g.nodeWithOutputs(OnnxOp.GRU, List.of(input, gw, gr, gb, "", h0), 2,
                Map.of("hidden_size", (long) h, "linear_before_reset", 1L));
        String states = g.node(OnnxOp.SQUEEZE, gru.get(0), g.longs("axis1", new long[]{1}, 1));                   // [32,B,H]
        String batchMajor = g.node(OnnxOp.TRANSPOSE, List.of(states), Map.of("perm", new long[]{1, 0, 2}));     // [B,32,H]
        String hidden = g.node(OnnxOp.RELU, matMulAdd(g, batchMajor, w, "dec.mlp"));
        matMulAddTo(g, hidden, w, "dec.out", OUTPUTS);
        return g.build(PRODUCER);
    }
}
