/**
 * The accompaniment, one idea in one place: the Poly-dis-like model (chord latent from a progression, texture
 * latent from a piano roll, decoded back to a piano part), its tensor layout, the accompanists the modes play
 * with (learned, or the reference textures re-voiced to the chords as the stand-in), the reference latents
 * cached per clip, and the file verbs' piano parts.
 */
package org.analogy.engine.accompaniment;
