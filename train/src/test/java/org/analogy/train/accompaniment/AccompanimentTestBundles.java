package org.analogy.train.accompaniment;

import java.nio.file.Path;
import java.util.Map;

import ai.djl.ndarray.NDManager;
import org.analogy.train.nn.NamedWeights;

/**
 * Small random-weight accompaniment and predictor bundles for plumbing tests of the engine's learned path.
 * They are written only to test temp directories: random weights are never shipped.
 */
public final class AccompanimentTestBundles {

    static final PredictorConfig SMALL_PREDICTOR = new PredictorConfig(12, 10, AccompanimentOnnxExportTest.SMALL.chordLatent());

    private AccompanimentTestBundles() {}

    public static Path writeRandomAccompaniment(Path dir, int seed) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ExportAccompaniment.writeBundle(dir, AccompanimentOnnxExportTest.SMALL,
                    NamedWeights.initialise(manager, AccompanimentOnnxExportTest.SMALL.layout(), seed).toFloatArrays(), 0f,
                    Map.of("note", "random weights for a plumbing test"));
        }
        return dir;
    }

    public static Path writeRandomPredictor(Path dir, int seed) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            ExportPredictor.writeBundle(dir, SMALL_PREDICTOR, NamedWeights.initialise(manager, SMALL_PREDICTOR.layout(), seed).toFloatArrays(),
                    Map.of("note", "random weights for a plumbing test"));
        }
        return dir;
    }
}
