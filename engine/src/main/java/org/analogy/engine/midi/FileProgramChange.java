package org.analogy.engine.midi;

/** A program (instrument) change read from a MIDI file; {@code program} is 0-based (0 = GM piano). */
public record FileProgramChange(long tick, int channel, int program) {}
