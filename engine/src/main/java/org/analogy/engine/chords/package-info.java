/**
 * Harmony: the chord and its labels and features, recognition from notes, charts, and the chord sources a style
 * plays to (chart, split keyboard, predicted), with the harmony follower that finds chords for a melody as it is played (and the learned next-bar predictor it can take as a vote).
 */
package org.analogy.engine.chords;
