package org.analogy.train.bass;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.analogy.engine.bass.BassConditioning;
import org.analogy.engine.bass.BassLine;
import org.analogy.engine.bass.BassModel;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelBundleException;
import org.analogy.train.nn.NamedWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.analogy.train.bass.BassConfig.CONDITION;
import static org.analogy.train.bass.BassConfig.FEATURES;
import static org.analogy.train.bass.BassConfig.STEPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The export path and the engine's {@link BassModel} on a small randomly initialised model (test only; a bundle
 * with random weights is never shipped): ONNX Runtime must agree with DJL on the same weights, at batch 1 through
 * the engine's adapter and at a larger batch through the graphs.
 */
class BassBundleTest {

    private static final BassConfig SMALL = new BassConfig(24, 6, 20, 16);
    private static final String[] ROOTS = {"C", "F", "G", "A", "Eb", "B"};

    static List<SlakhDataset.Window> randomWindows(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<SlakhDataset.Window> windows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] tokens = new int[STEPS];
            float[] velocities = new float[STEPS];
            Chord[] chords = new Chord[STEPS];
            float[] onsets = new float[STEPS];
            for (int t = 0; t < STEPS; t++) {
                tokens[t] = t == 0 ? BassLine.ONSET : random.nextInt(BassLine.TOKENS);
                velocities[t] = BassLine.isOnset(tokens[t]) ? (float) random.nextDouble() : 0f;
                chords[t] = Chord.parseSymbol(ROOTS[(i + t / 8) % ROOTS.length] + (t % 16 < 8 ? "" : "m7"));
                onsets[t] = random.nextInt(4);
            }
            windows.add(new SlakhDataset.Window("random", 0, new BassLine(tokens, velocities), chords, onsets));
        }
        return windows;
    }

    @Test
    void exportedGraphsAndTheEnginesBassModelMatchDjl(@TempDir Path out) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            JniUtils.setGradMode(false);
            Map<String, float[]> weights = NamedWeights.initialise(manager, SMALL.layout(), 7).toFloatArrays();
            ExportBass.writeBundle(out, SMALL, weights, Map.of("note", "test bundle, random weights"));
            ModelBundle bundle = ModelBundle.load(out);
            assertThat(bundle.manifest().at("/credits/0/licence").asText()).isEqualTo("CC BY 4.0");
            assertThat(bundle.manifest().at("/credits/0/attribution").asText()).contains("Slakh2100", "Manilow", "Q&A");

            Map<String, Object> parity = ExportBass.parity(manager, SMALL, weights, bundle, randomWindows(5, 1));
            assertThat((float) parity.get("maxLatentDifference")).isLessThanOrEqualTo(1e-4f);
            assertThat((float) parity.get("maxOutputDifference")).isLessThanOrEqualTo(1e-4f);

            BassVae djl = new BassVae(NamedWeights.of(manager, SMALL.layout(), weights), SMALL);
            SlakhDataset.Window w = randomWindows(1, 2).get(0);
            float[] line = new float[STEPS * FEATURES];
            w.bass().writeFeatures(line, 0);
            float[] condition = new float[STEPS * CONDITION];
            BassConditioning.write(w.chords(), w.onsets(), condition, 0);
            float[] z = djl.encode(manager.create(line, new Shape(1, STEPS, FEATURES)), false).mean().toFloatArray();
            float[] raw = djl.decode(manager.create(z, new Shape(1, SMALL.latent())), manager.create(condition, new Shape(1, STEPS, CONDITION)), false)
                    .toFloatArray();
            try (BassModel model = BassModel.load(bundle, MelodyModel.Options.DEFAULT)) {
                assertThat(model.latentSize()).isEqualTo(SMALL.latent());
                float[] zOrt = model.encode(w.bass());
                for (int i = 0; i < z.length; i++) assertThat(Math.abs(zOrt[i] - z[i])).as("z[%d]", i).isLessThanOrEqualTo(1e-4f);
                BassLine fromOrt = model.decodeLine(z, w.chords(), w.onsets());
                assertThat(fromOrt.tokens()).isEqualTo(BassLine.ofDecoderOutputs(raw, 0).tokens());
                assertThatThrownBy(() -> model.decodeLine(new float[SMALL.latent() + 1], w.chords(), w.onsets())).hasMessageContaining("style latent needs");
            }
        }
    }

    @Test
    void aBundleOfAnotherGridOrKindIsRefusedByName(@TempDir Path out) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ExportBass.writeBundle(out, SMALL, NamedWeights.initialise(manager, SMALL.layout(), 3).toFloatArrays(), Map.of());
        }
        Path manifest = out.resolve(ModelBundle.MANIFEST);
        String original = Files.readString(manifest);
        Files.writeString(manifest, original.replace("\"tokens\" : " + BassLine.TOKENS, "\"tokens\" : 30"));
        assertThatThrownBy(() -> BassModel.load(ModelBundle.load(out), MelodyModel.Options.DEFAULT))
                .isInstanceOf(ModelBundleException.class).hasMessageContaining("grid is not 32 steps");
        Files.writeString(manifest, original.replace("\"kind\" : \"bass\"", "\"kind\" : \"drums\""));
        assertThatThrownBy(() -> BassModel.load(ModelBundle.load(out), MelodyModel.Options.DEFAULT))
                .isInstanceOf(ModelBundleException.class).hasMessageContaining("not a bass model");
    }
}
