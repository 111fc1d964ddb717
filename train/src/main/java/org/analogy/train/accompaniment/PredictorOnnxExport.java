package org.analogy.train.accompaniment;

import static ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT;
import static org.analogy.train.accompaniment.PredictorConfig.BEATS;
import static org.analogy.train.accompaniment.PredictorConfig.ROOTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;

import org.analogy.engine.chords.PredictorFeatures;
import org.analogy.train.onnx.OnnxGraph;
import org.analogy.train.onnx.OnnxOp;
import org.analogy.train.onnx.TrainedLayers;

/**
 * The chord predictor as one ONNX graph (opset 17): {@code bars} [batch,T,F] and the carried {@code state}
 * [1,batch,H] → {@code root_logits} [batch,T,4,13], {@code chroma_logits} [batch,T,4,12], optionally
 * {@code z_chord} [batch,T,Zc], and {@code next_state} [1,batch,H]. The engine runs it with T = 1 once per bar.
 */
public final class PredictorOnnxExport {

    public static final String BARS = "bars";
    public static final String STATE = "state";
    public static final String ROOT_LOGITS = "root_logits";
    public static final String CHROMA_LOGITS = "chroma_logits";
    public static final String Z_CHORD = "z_chord";
    public static final String NEXT_STATE = "next_state";

    private PredictorOnnxExport() {
    }

    public static OnnxMl.ModelProto graph(PredictorConfig c, Map<String, float[]> w) {
        OnnxGraph g = new OnnxGraph("chord_predictor");
        int h = c.hidden();
        g.input(BARS, FLOAT, "batch", "bars", PredictorFeatures.BAR_FEATURES);
        g.input(STATE, FLOAT, 1, "batch", h);
        g.output(ROOT_LOGITS, FLOAT, "batch", "bars", BEATS, ROOTS);
        g.output(CHROMA_LOGITS, FLOAT, "batch", "bars", BEATS, 12);
        if (c.zChord() > 0) g.output(Z_CHORD, FLOAT, "batch", "bars", c.zChord());
        g.output(NEXT_STATE, FLOAT, 1, "batch", h);

        String timeMajor = g.node(OnnxOp.TRANSPOSE, List.of(BARS), Map.of("perm", new long[]{1, 0, 2}));
        String gw = g.floats("pred_W", TrainedLayers.swapResetAndUpdate(w.get("pred.gru.w_ih"), h), 1, 3L * h, PredictorFeatures.BAR_FEATURES);
        String gr = g.floats("pred_R", TrainedLayers.swapResetAndUpdate(w.get("pred.gru.w_hh"), h), 1, 3L * h, h);
        String gb = g.floats("pred_B", TrainedLayers.concat(TrainedLayers.swapResetAndUpdate(w.get("pred.gru.b_ih"), h),
                TrainedLayers.swapResetAndUpdate(w.get("pred.gru.b_hh"), h)), 1, 6L * h);
        List<String> gruOut = new ArrayList<>(List.of("pred_gru_y", NEXT_STATE));
        g.namedNode(OnnxOp.GRU, List.of(timeMajor, gw, gr, gb, "", STATE), gruOut,
                Map.of("hidden_size", (long) h, "linear_before_reset", 1L));
        String states = g.node(OnnxOp.SQUEEZE, "pred_gru_y", g.longs("axis1", new long[]{1}, 1));           // [T,B,H]
        String batchMajor = g.node(OnnxOp.TRANSPOSE, List.of(states), Map.of("perm", new long[]{1, 0, 2}));
        String hidden = g.node(OnnxOp.RELU, TrainedLayers.matMulAdd(g, batchMajor, w, "pred.mlp"));
        g.namedNode(OnnxOp.RESHAPE, List.of(TrainedLayers.matMulAdd(g, hidden, w, "pred.root"), g.longs("root_shape", new long[]{0, 0, BEATS, ROOTS}, 4)),
                List.of(ROOT_LOGITS), Map.of());
        g.namedNode(OnnxOp.RESHAPE, List.of(TrainedLayers.matMulAdd(g, hidden, w, "pred.chroma"), g.longs("chroma_shape", new long[]{0, 0, BEATS, 12}, 4)),
                List.of(CHROMA_LOGITS), Map.of());
        if (c.zChord() > 0) {
            TrainedLayers.matMulAddTo(g, hidden, w, "pred.z", Z_CHORD);
        }
        return g.build(AccompanimentOnnxExport.PRODUCER);
    }
}
