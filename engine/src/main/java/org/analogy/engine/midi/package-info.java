/**
 * MIDI bytes and files: the byte parser, the Standard MIDI File reader and writer, tempo and meter maps, and the
 * JDK's devices.
 */
package org.analogy.engine.midi;
