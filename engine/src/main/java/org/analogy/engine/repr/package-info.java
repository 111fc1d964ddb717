/**
 * Representations every part shares: a note on the 16th grid, and transposition.
 */
package org.analogy.engine.repr;
