package org.analogy.train.melody;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** What the DJL model computes for a batch: posterior means, greedy tokens and their logits, flat. */
record DjlReference(float[] pitch, float[] rhythm, int[] tokens, float[] logits) {

    static DjlReference run(NDManager manager, MelodyVae model, int[] tokens, float[] chroma, int batch) {
        try (NDManager scope = manager.newSubManager()) {
            model.weights().tempAttach(scope);
            NDArray oneHot = scope.create(OneHots.of(tokens, MelodyVaeConfig.TOKENS), new Shape(batch, 32, MelodyVaeConfig.TOKENS));
            NDArray chromaArray = scope.create(chroma, new Shape(batch, 32, 12));
            MelodyVae.Posterior posterior = model.encode(oneHot, chromaArray, false);
            MelodyVae.Decoded decoded = model.decodeGreedy(posterior.pitchMean(), posterior.rhythmMean(), chromaArray);
            return new DjlReference(posterior.pitchMean().toFloatArray(), posterior.rhythmMean().toFloatArray(),
                    decoded.tokens(), decoded.tokenLogits().toFloatArray());
        }
    }
}
