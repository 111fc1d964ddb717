package org.analogy.engine;

/**
 * The largest inputs Analogy accepts, by design and in one place. Each is checked where the data enters (a
 * MIDI file read, a chord chart parsed, a preset or OSC message taken in, a number on the command line), and
 * a refusal is one line naming the input and the limit. Nothing is allocated in proportion to a number read
 * from a file or a message before that number has been checked against these.
 *
 * <p>The figures are far above any musical use (a song or chart of 8192 bars: four and a half hours at 120 BPM)
 * and far below what would exhaust memory or time on the 2-core machines the project runs on.
 */
public final class Limits {

    private Limits() {}

    /** Bytes of a MIDI file (song, clip, chord file); read in full only after the size is known. */
    public static final long MAX_MIDI_FILE_BYTES = 32L * 1024 * 1024;

    /** Bars of 4/4 in a song (file, render, swap, arrange): 8192 bars are 4.5 hours at 120 BPM. */
    public static final int MAX_SONG_BARS = 8192;

    /** The same as 16th-note steps, meter-free: no note of a file may start or end later than this. */
    public static final int MAX_SONG_STEPS = MAX_SONG_BARS * 16;

    /** Bars of a chord chart (a chart repeats when the music is longer); a chart read from a file is a song. */
    public static final int MAX_CHART_BARS = MAX_SONG_BARS;

    /** Chords in one bar of a chart: at most one per beat-step of a 3/4 bar, so none is ever skipped. */
    public static final int MAX_CHORDS_PER_BAR = 12;

    /** Characters of a chord chart as text (command line, preset, OSC). */
    public static final int MAX_CHART_CHARS = 64 * 1024;

    /** Bytes of a preset file (JSON), read only after the size is known. */
    public static final long MAX_PRESET_BYTES = 256 * 1024;

    /** Bytes of a model bundle's manifest. */
    public static final long MAX_MANIFEST_BYTES = 1024 * 1024;

    /** Bytes of one model file in a bundle (the shipped ones are tens of MB); its size is checked before it is read. */
    public static final long MAX_MODEL_FILE_BYTES = 1024L * 1024 * 1024;

    /** Seconds a verb may be asked to run ({@code --seconds}, {@code --minutes}): one year. */
    public static final double MAX_RUN_SECONDS = 366.0 * 24 * 3600;

    /** Nesting of OSC bundles inside bundles; deeper packets are refused before they are parsed. */
    public static final int MAX_OSC_BUNDLE_DEPTH = 8;

    /** Messages handled from one OSC packet (a bundle); the rest are refused in one error. */
    public static final int MAX_OSC_MESSAGES_PER_PACKET = 64;

    /** Replies (errors, state) sent for one OSC packet, however many messages it holds. */
    public static final int MAX_OSC_REPLIES_PER_PACKET = 8;

    /** Bytes of one OSC datagram sent back: a larger reply is split into bundles of at most this. */
    public static final int MAX_OSC_DATAGRAM_BYTES = 8192;

    /** Characters of free text shown to a user from a file (a preset's description). */
    public static final int MAX_DESCRIPTION_CHARS = 500;

    /**
     * A length of time given on the command line, checked: a finite number from 0 to {@link #MAX_RUN_SECONDS}.
     *
     * @throws IllegalArgumentException in one line naming the option and the range
     */
    public static double seconds(String option, double seconds) {
        if (!(seconds >= 0 && seconds <= MAX_RUN_SECONDS)) {
            throw new IllegalArgumentException(option + " " + seconds + ": allowed 0 to " + (long) MAX_RUN_SECONDS
                    + " seconds (one year)");
        }
        return seconds;
    }

    /** One line describing a limit, for refusals: "(the limit is N bars, about H hours at 120 BPM)". */
    public static String songLimit() {
        return "the longest song Analogy takes is " + MAX_SONG_BARS + " bars of 4/4 (" + MAX_SONG_STEPS
                + " sixteenths, 4.5 hours at 120 BPM)";
    }
}
