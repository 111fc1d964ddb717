package org.analogy.train.drums;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.analogy.engine.drums.DrumModel;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
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

import static org.analogy.train.drums.DrumConfig.FEATURES;
import static org.analogy.train.drums.DrumConfig.STEPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The export path and the engine's {@link DrumModel} on a small randomly initialised model (test only; a bundle
 * with random weights is never shipped): ONNX Runtime must agree with DJL on the same weights, at batch 1 through
 * the engine's adapter and at a larger batch through the graphs.
 */
class DrumBundleTest {

    private static final DrumConfig SMALL = new DrumConfig(24, 6, 20, 16);

    private static List<DrumPattern> randomPatterns(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<DrumPattern> patterns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DrumPattern p = new DrumPattern();
            for (int s = 0; s < STEPS; s++) {
                for (DrumVoice v : DrumVoice.values()) {
                    if (random.nextInt(5) == 0) p.set(s, v, (float) random.nextDouble(), (float) random.nextDouble(-0.5, 0.5));
                }
            }
            patterns.add(p);
        }
        return patterns;
    }

    @Test
    void exportedGraphsAndTheEnginesDrumModelMatchDjl(@TempDir Path out) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            JniUtils.setGradMode(false);
            Map<String, float[]> weights = NamedWeights.initialise(manager, SMALL.layout(), 7).toFloatArrays();
            ExportDrums.writeBundle(out, SMALL, weights, Map.of("note", "test bundle, random weights"));
            ModelBundle bundle = ModelBundle.load(out);
            assertThat(bundle.manifest().at("/credits/0/licence").asText()).isEqualTo("CC BY 4.0");
            assertThat(bundle.manifest().at("/credits/0/attribution").asText()).contains("Groove MIDI Dataset", "Gillick");

            Map<String, Object> parity = ExportDrums.parity(manager, SMALL, weights, bundle, randomPatterns(5, 1));
            assertThat((float) parity.get("maxLatentDifference")).isLessThanOrEqualTo(1e-4f);
            assertThat((float) parity.get("maxOutputDifference")).isLessThanOrEqualTo(1e-4f);

            DrumVae djl = new DrumVae(NamedWeights.of(manager, SMALL.layout(), weights), SMALL);
            DrumPattern pattern = randomPatterns(1, 2).get(0);
            float[] z = djl.encode(manager.create(pattern.features(), new Shape(1, STEPS, FEATURES)), false).mean().toFloatArray();
            float[] raw = djl.decode(manager.create(z, new Shape(1, SMALL.latent())), false).toFloatArray();
            try (DrumModel model = DrumModel.load(bundle, MelodyModel.Options.DEFAULT)) {
                assertThat(model.latentSize()).isEqualTo(SMALL.latent());
                float[] zOrt = model.encode(pattern);
                for (int i = 0; i < z.length; i++) assertThat(Math.abs(zOrt[i] - z[i])).as("z[%d]", i).isLessThanOrEqualTo(1e-4f);
                float[] rawOrt = model.decodeRaw(z);
                for (int i = 0; i < raw.length; i++) assertThat(Math.abs(rawOrt[i] - raw[i])).as("output %d", i).isLessThanOrEqualTo(1e-4f);
                // The adapter reads its outputs with the bundle's threshold (logit 0) exactly as DrumPattern does.
                assertThat(model.decode(z)).isEqualTo(DrumPattern.ofDecoderOutputs(rawOrt, 0, 0f));
                assertThatThrownBy(() -> model.decodeRaw(new float[SMALL.latent() + 1])).hasMessageContaining("groove latent needs");
                float[] bad = new float[SMALL.latent()];
                bad[0] = Float.NaN;
                assertThatThrownBy(() -> model.decodeRaw(bad)).hasMessageContaining("finite");
            }
        }
    }

    @Test
    void aBundleOfAnotherGridIsRefusedByName(@TempDir Path out) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ExportDrums.writeBundle(out, SMALL, NamedWeights.initialise(manager, SMALL.layout(), 3).toFloatArrays(), Map.of());
        }
        Path manifest = out.resolve(ModelBundle.MANIFEST);
        Files.writeString(manifest, Files.readString(manifest).replace("\"voices\" : 9", "\"voices\" : 10"));
        assertThatThrownBy(() -> DrumModel.load(ModelBundle.load(out), MelodyModel.Options.DEFAULT))
                .isInstanceOf(ModelBundleException.class).hasMessageContaining("grid is not 32 steps");
    }
}
