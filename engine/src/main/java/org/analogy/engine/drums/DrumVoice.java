package org.analogy.engine.drums;

/**
 * The nine drums the groove model knows, as GrooVAE reduces a kit (Magenta's 9 classes), each played as one
 * General MIDI percussion note on channel 10. The order is the model's: index {@link #ordinal()} is the drum's
 * column in a {@link DrumPattern}.
 */
public enum DrumVoice {
    KICK(36), SNARE(38), CLOSED_HAT(42), OPEN_HAT(46), LOW_TOM(43), MID_TOM(47), HIGH_TOM(50), CRASH(49), RIDE(51);

    /** How many drums a pattern has per step. */
    public static final int COUNT = values().length;

    private static final DrumVoice[] BY_GENERAL_MIDI = new DrumVoice[128];

    static {
        // General MIDI Level 1 percussion (35–81) folded into the nine drums; the rest (hand percussion) stays out.
        assign(KICK, 35, 36);
        assign(SNARE, 37, 38, 39, 40);
        assign(CLOSED_HAT, 42, 44);
        assign(OPEN_HAT, 46);
        assign(LOW_TOM, 41, 43);
        assign(MID_TOM, 45, 47);
        assign(HIGH_TOM, 48, 50);
        assign(CRASH, 49, 52, 55, 57);
        assign(RIDE, 51, 53, 59);
    }

    private final int generalMidiNote;

    DrumVoice(int generalMidiNote) {
        this.generalMidiNote = generalMidiNote;
    }

    /** The General MIDI percussion note that plays this drum. */
    public int generalMidiNote() {
        return generalMidiNote;
    }

    /** The drum a General MIDI percussion note belongs to, or null for notes outside the nine (cowbell, congas …). */
    public static DrumVoice ofGeneralMidi(int note) {
        return note >= 0 && note < 128 ? BY_GENERAL_MIDI[note] : null;
    }

    private static void assign(DrumVoice voice, int... notes) {
        for (int note : notes) BY_GENERAL_MIDI[note] = voice;
    }
}
