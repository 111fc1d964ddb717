package org.analogy.engine.capture;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.accompaniment.PianoRoll;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.time.Timeline;

/**
 * What the capture stage publishes shortly before each bar line: an immutable snapshot of the last
 * {@code historyBars} bars, for generating bar {@link #targetBar()}. The newest bar may still lack notes
 * played after the publication point (see {@link CaptureSettings#effectiveLookahead}).
 *
 * @param notes   notes with onsets in the history, starts relative to {@link #firstBarStartStep()}, ordered
 *                by capture; notes begun earlier that still sound into the history have negative starts
 */
public record BarWindow(long targetBar, int historyBars, int stepsPerBar, long publishedNanos,
                        double publishedStep, Timeline timeline, List<CapturedNote> notes, double reviseFromStep) {

    /** A model window is two bars: EC2VAE and Poly-dis both work on 32 steps of 4/4. */
    public static final int MODEL_BARS = 2;

    public BarWindow {
        notes = List.copyOf(notes);
    }

    /** A window for generating {@code targetBar} (not a revision). */
    public BarWindow(long targetBar, int historyBars, int stepsPerBar, long publishedNanos, double publishedStep,
                     Timeline timeline, List<CapturedNote> notes) {
        this(targetBar, historyBars, stepsPerBar, publishedNanos, publishedStep, timeline, notes, Double.NaN);
    }

    /**
     * The same snapshot asking for a revision: the bar before {@link #targetBar()}, already generated and
     * playing, is to be rewritten from absolute step {@code fromStep} on (a chord was played mid-bar).
     */
    public BarWindow asRevision(double fromStep) {
        return new BarWindow(targetBar, historyBars, stepsPerBar, publishedNanos, publishedStep, timeline, notes, fromStep);
    }

    public boolean isRevision() {
        return !Double.isNaN(reviseFromStep);
    }

    public long firstBar() {
        return targetBar - historyBars;
    }

    public long firstBarStartStep() {
        return firstBar() * stepsPerBar;
    }

    public long targetBarStartStep() {
        return targetBar * stepsPerBar;
    }

    /** Notes whose onset lies in {@code bar}, with starts relative to that bar's first step. */
    public List<CapturedNote> notesInBar(long bar) {
        int from = (int) ((bar - firstBar()) * stepsPerBar);
        List<CapturedNote> out = new ArrayList<>();
        for (CapturedNote n : notes) {
            if (n.start() >= from && n.start() < from + stepsPerBar) out.add(n.shifted(-from));
        }
        return out;
    }

    /**
     * The last {@value #MODEL_BARS} bars before the target bar as grid notes relative to their start,
     * including notes that began earlier and still sound (negative starts), which the model representation
     * clips at the window edge.
     */
    public List<GridNote> modelWindowNotes() {
        int from = (historyBars - MODEL_BARS) * stepsPerBar;
        int to = historyBars * stepsPerBar;
        List<GridNote> out = new ArrayList<>();
        for (CapturedNote n : notes) {
            if (n.start() < to && n.start() + n.duration() > from) out.add(n.toGridNote().shifted(-from));
        }
        return out;
    }

    /** Steps in the model window: 32 in 4/4 (the models' grid), 24 in 3/4. */
    public int modelWindowSteps() {
        return MODEL_BARS * stepsPerBar;
    }

    /**
     * The melody view: the top voice of the model window as one token per step (pitch onset, hold or rest),
     * exactly as the POP909 loader encodes training data.
     */
    public int[] melodyTokens() {
        return MelodyTokens.encode(modelWindowNotes(), 0, modelWindowSteps());
    }

    /** The piano-roll view of the model window: per step and pitch, the duration of a note starting there. */
    public int[][] pianoRoll() {
        return PianoRoll.durations(modelWindowNotes(), 0);
    }

    public boolean isEmpty() {
        return notes.isEmpty();
    }
}
