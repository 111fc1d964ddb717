/**
 * Harmony: the chord and its labels and features, recognition from notes, charts, and the chord sources a style
 * plays to (chart, split keyboard, predicted), with the learned next-bar predictor and its stand-in, and the harmony follower (measured, not yet the default).
 */
package org.analogy.engine.chords;
