/**
 * The training data as read from disk: POP909 songs, their beats, chords and tracks on the 16th grid, splits and
 * batches.
 */
package org.analogy.train.data;
