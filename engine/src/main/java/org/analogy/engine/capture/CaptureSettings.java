package org.analogy.engine.capture;

/**
 * How performed notes become grid notes.
 *
 * @param lookaheadSteps   how long before a bar line the window for the next bar is published, in 16ths;
 *                         the models get this much time (one 16th = 83 ms at 180 BPM)
 * @param earlyToleranceSteps a note played up to this many 16ths before a bar line belongs to the next
 *                         bar's downbeat (performers push downbeats); above 0.5 it widens plain rounding
 * @param historyBars      bars of past notes carried in each window (the looper and a 4-bar echo need them)
 * @param channelMask      bit {@code c} set = MIDI channel {@code c} (0–15) is captured
 */
public record CaptureSettings(double lookaheadSteps, double earlyToleranceSteps, int historyBars, int channelMask) {

    public static final CaptureSettings DEFAULT = new CaptureSettings(1.0, 0.6, 8, 0xFFFF);

    public CaptureSettings {
        if (!(lookaheadSteps > 0 && lookaheadSteps <= 8)) {
            throw new IllegalArgumentException("lookahead " + lookaheadSteps + " steps is outside (0, 8]");
        }
        if (!(earlyToleranceSteps >= 0.5 && earlyToleranceSteps < 1.0)) {
            throw new IllegalArgumentException("early tolerance " + earlyToleranceSteps + " steps is outside [0.5, 1)");
        }
        if (historyBars < 2 || historyBars > 16) {
            throw new IllegalArgumentException("history of " + historyBars + " bars is outside 2–16");
        }
    }

    public CaptureSettings withLookahead(double steps) {
        return new CaptureSettings(steps, earlyToleranceSteps, historyBars, channelMask);
    }

    public CaptureSettings withChannelMask(int mask) {
        return new CaptureSettings(lookaheadSteps, earlyToleranceSteps, historyBars, mask);
    }

    public boolean captures(int channel) {
        return (channelMask & (1 << channel)) != 0;
    }

    /**
     * The lookahead actually used: a processor that needs the whole source bar (a one-bar echo) is served
     * no earlier than the point after which every new note belongs to the next bar.
     */
    public double effectiveLookahead(boolean needsCompleteBar) {
        return needsCompleteBar ? Math.min(lookaheadSteps, earlyToleranceSteps) : lookaheadSteps;
    }
}
