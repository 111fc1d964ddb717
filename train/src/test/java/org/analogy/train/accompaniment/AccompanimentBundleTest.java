package org.analogy.train.accompaniment;

import static org.analogy.train.accompaniment.AccompanimentOnnxExportTest.SMALL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.accompaniment.AccompanimentModel;
import org.analogy.engine.accompaniment.AccompanimentTensors;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelBundleException;
import org.analogy.train.data.AccompanimentWindow;
import org.analogy.train.nn.NamedWeights;

/**
 * The engine's {@link AccompanimentModel} on a bundle written by {@link ExportAccompaniment#writeBundle} from a
 * small random model: same latents and notes as DJL, swaps mix windows, and broken bundles or inputs are
 * refused with a message naming the problem.
 */
class AccompanimentBundleTest {

    private static final float THRESHOLD = 0f;

    @Test
    void engineRuntimeReproducesTheTrainingModel(@TempDir Path dir) throws Exception {
        List<AccompanimentWindow> windows = AccompanimentTrainerTest.windows(3, 11);
        try (NDManager manager = NDManager.newBaseManager()) {
            NamedWeights weights = NamedWeights.initialise(manager, SMALL.layout(), 9);
            AccompanimentVae djl = new AccompanimentVae(weights, SMALL);
            ExportAccompaniment.writeBundle(dir, SMALL, weights.toFloatArrays(), THRESHOLD, Map.of("note", "test bundle"));
            ModelBundle bundle = ModelBundle.load(dir);
            assertThat(bundle.manifest().at("/decoding/onsetThreshold").floatValue()).isEqualTo(THRESHOLD);

            AccompanimentBatches.Batch batch = AccompanimentBatches.batchOf(windows, new int[windows.size()]);
            float[] zc, zt, logits;
            JniUtils.setGradMode(false);
            try (NDManager scope = manager.newSubManager()) {
                weights.tempAttach(scope);
                NDArray c = djl.encodeChords(scope.create(batch.chordForm(), new Shape(3, 8, 36)), false).mean();
                NDArray t = djl.encodeTexture(scope.create(batch.texture(), new Shape(3, 2, 32, 128)), false).mean();
                zc = c.toFloatArray();
                zt = t.toFloatArray();
                // chords of window 0 with the texture of window 2: the swap the engine does
                NDArray swapped = djl.decode(c.get(0).expandDims(0), t.get(2).expandDims(0), false);
                logits = swapped.toFloatArray();
            }

            try (AccompanimentModel model = AccompanimentModel.load(bundle, MelodyModel.Options.DEFAULT)) {
                assertThat(model.chordLatentSize()).isEqualTo(SMALL.chordLatent());
                float[] chord0 = model.encodeChords(windows.get(0).chordForm());
                float[] texture2 = model.encodeTexture(windows.get(2).pianoRoll());
                for (int i = 0; i < chord0.length; i++) assertThat(chord0[i]).isCloseTo(zc[i], within(1e-4f));
                for (int i = 0; i < texture2.length; i++) assertThat(texture2[i]).isCloseTo(zt[2 * SMALL.textureLatent() + i], within(1e-4f));
                assertThat(model.decode(chord0, texture2)).isDeepEqualTo(AccompanimentTensors.roll(logits, 0, THRESHOLD));
                assertThat(model.decode(chord0, texture2)).as("buffers are reused, results are stable").isDeepEqualTo(model.decode(chord0, texture2));
            }
        }
    }

    @Test
    void wrongInputSizesAreRefusedByName(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ExportAccompaniment.writeBundle(dir, SMALL, NamedWeights.initialise(manager, SMALL.layout(), 1).toFloatArrays(), 0f, Map.of());
        }
        try (AccompanimentModel model = AccompanimentModel.load(ModelBundle.load(dir), MelodyModel.Options.DEFAULT)) {
            assertThatThrownBy(() -> model.encodeChords(new float[12])).hasMessageContaining("chord form needs 288");
            assertThatThrownBy(() -> model.encodeTexture(new int[16][128])).hasMessageContaining("32 steps");
            assertThatThrownBy(() -> model.decode(new float[3], new float[SMALL.textureLatent()])).hasMessageContaining("z_chord");
        }
    }

    @Test
    void aCorruptedGraphIsNotLoaded(@TempDir Path dir) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ExportAccompaniment.writeBundle(dir, SMALL, NamedWeights.initialise(manager, SMALL.layout(), 1).toFloatArrays(), 0f, Map.of());
        }
        byte[] decoder = Files.readAllBytes(dir.resolve("decoder.onnx"));
        decoder[decoder.length / 2] ^= 1;
        Files.write(dir.resolve("decoder.onnx"), decoder);
        assertThatThrownBy(() -> ModelBundle.load(dir)).isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("decoder.onnx").hasMessageContaining("SHA-256");
    }
}
