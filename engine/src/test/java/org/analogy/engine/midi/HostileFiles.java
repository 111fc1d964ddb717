package org.analogy.engine.midi;

/** Small hostile Standard MIDI Files found by a red-team pass, kept as bytes for every test that needs one. */
public final class HostileFiles {

    private HostileFiles() {}

    /**
     * 40 bytes: format 0, one tick per quarter, a note-on, then one delta of 0x0FFFFFFF ticks (about 268
     * million quarters) before its note-off. Once it exhausted memory in {@code swap} and kept
     * {@code render} busy for minutes.
     */
    public static byte[] farOffNoteOff() {
        return SmfBytes.file(0, 1, SmfBytes.track(
                0, 0x90, 60, 100,
                0xFF, 0xFF, 0xFF, 0x7F, 0x80, 60, 0,
                0, 0xFF, 0x2F, 0));
    }
}
