package org.analogy.engine.midi;

/** A tempo change: from {@code tick} on, a quarter note lasts {@code microsPerQuarter} microseconds. */
public record TempoChange(long tick, int microsPerQuarter) {

    public static final int DEFAULT_MICROS_PER_QUARTER = 500_000; // 120 BPM, the SMF default

    public TempoChange {
        if (tick < 0) throw new IllegalArgumentException("tick " + tick + " is negative");
        if (microsPerQuarter <= 0) throw new IllegalArgumentException("microsPerQuarter must be positive, was " + microsPerQuarter);
    }

    public static TempoChange ofBpm(long tick, double bpm) {
        return new TempoChange(tick, (int) Math.round(60_000_000.0 / bpm));
    }

    public double bpm() {
        return 60_000_000.0 / microsPerQuarter;
    }
}
