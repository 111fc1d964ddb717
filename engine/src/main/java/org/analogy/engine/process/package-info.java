/**
 * The performance modes (echo, accompany, restyle, latent looper): each turns a bar window into the next bar's
 * notes with what the band gives it.
 */
package org.analogy.engine.process;
