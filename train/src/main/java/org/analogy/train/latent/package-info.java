/**
 * The latent predictor: songs encoded window by window with the shipped melody encoder ({@link
 * org.analogy.train.latent.LatentCorpus}), a forward and a backward GRU over those latents trained to predict
 * the next and the previous 2-bar window ({@link org.analogy.train.latent.TrainLatent}), their ONNX export and
 * the measures against the baselines.
 */
package org.analogy.train.latent;
