package org.analogy.engine.time;

/** The meters Analogy plays in. Musical time is counted in 16th-note steps, four to a beat. */
public enum Meter {
    FOUR_FOUR(4),
    THREE_FOUR(3);

    public static final int STEPS_PER_BEAT = 4;

    private final int beatsPerBar;

    Meter(int beatsPerBar) {
        this.beatsPerBar = beatsPerBar;
    }

    public int beatsPerBar() {
        return beatsPerBar;
    }

    public int stepsPerBar() {
        return beatsPerBar * STEPS_PER_BEAT;
    }

    /** Parses "4/4" or "3/4". */
    public static Meter parse(String text) {
        switch (text.trim()) {
            case "4/4": return FOUR_FOUR;
            case "3/4": return THREE_FOUR;
            default: throw new IllegalArgumentException("unsupported meter '" + text + "': use 4/4 or 3/4");
        }
    }

    public static Meter ofBeatsPerBar(int beats) {
        for (Meter m : values()) {
            if (m.beatsPerBar == beats) return m;
        }
        throw new IllegalArgumentException("unsupported meter " + beats + "/4: use 4/4 or 3/4");
    }

    @Override
    public String toString() {
        return beatsPerBar + "/4";
    }
}
