package org.analogy.engine.process;

/** The voices a session produces; each becomes a track of the same name in renders and recordings. */
public enum Part {
    INPUT("input"),
    MELODY("melody"),
    ACCOMPANIMENT("accompaniment"),
    /** The band's bass line (a style whose band has a bass). */
    BASS("bass"),
    /** The band's drums, General MIDI percussion (a style whose band has drums). */
    DRUMS("drums"),
    /** Count-in and metronome clicks: heard, never written to files. */
    CLICK("click");

    private final String trackName;

    Part(String trackName) {
        this.trackName = trackName;
    }

    public String trackName() {
        return trackName;
    }

    public boolean isRecorded() {
        return this != CLICK;
    }
}
