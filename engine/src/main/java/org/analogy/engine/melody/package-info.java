/**
 * The melody, one idea in one place: the EC2VAE-like model (pitch and rhythm latents, chord-conditioned
 * decoding), its token codec, the latent transforms the modes apply, and the file verbs (swap, interpolate,
 * sample).
 */
package org.analogy.engine.melody;
