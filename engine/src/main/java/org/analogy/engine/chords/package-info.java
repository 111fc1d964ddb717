/**
 * Harmony: the chord and its labels and features, recognition from notes, charts, and the chord sources a style
 * plays to (chart, split keyboard, predicted), with the learned next-bar predictor and its stand-in, and the harmony follower (the predicted chords, with the learned predictor as one vote).
 */
package org.analogy.engine.chords;
