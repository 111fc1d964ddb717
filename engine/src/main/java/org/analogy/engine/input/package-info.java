/**
 * Performers that are not a keyboard: a MIDI file (or the demo) played into the engine in real time.
 */
package org.analogy.engine.input;
