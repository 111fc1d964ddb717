package org.analogy.engine.chords;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CapturedNote;
import org.analogy.engine.repr.GridNote;

/**
 * Chords for bars already captured, and the predictor's choice for bars to come; a second bar to come
 * repeats the first prediction. A captured bar keeps the chords the predictor chose for it when it was to
 * come (what the accompaniment played there), else the chords heard in what was played (per half bar).
 * A revision window of the bar playing asks the predictor to decide that bar again from the revision step.
 */
public final class PredictedChords implements ChordSource {

    private final ChordPredictor predictor;

    public PredictedChords(ChordPredictor predictor) {
        this.predictor = predictor;
    }

    public ChordPredictor predictor() {
        return predictor;
    }

    @Override
    public Chord[] chords(BarWindow window, long fromBar, int bars) {
        int spb = window.stepsPerBar();
        List<GridNote> all = new ArrayList<>();
        for (CapturedNote n : window.notes()) all.add(n.toGridNote());
        List<Chord> pastBars = new ArrayList<>();
        for (int b = 0; b < window.historyBars(); b++) pastBars.add(ChordRecognizer.recognize(all, b * spb, (b + 1) * spb));
        Chord[] next = null;
        Chord[] out = new Chord[bars * spb];
        for (int i = 0; i < bars; i++) {
            long bar = fromBar + i;
            int rel = (int) (bar - window.firstBar());
            if (window.isRevision() && bar == window.targetBar() - 1) {
                int from = (int) Math.round(window.reviseFromStep() - bar * spb);
                Chord[] revised = predictor.redecide(window, bar, from);
                if (revised == null) revised = predictor.chosenFor(bar);
                if (revised != null) {
                    fillBeats(out, i * spb, spb, revised);
                    continue;
                }
            }
            if (rel >= 0 && rel < window.historyBars()) {
                Chord[] chosen = predictor.chosenFor(bar);
                if (chosen != null) {
                    fillBeats(out, i * spb, spb, chosen);
                } else {
                    int half = spb / 2;
                    Arrays.fill(out, i * spb, i * spb + half, ChordRecognizer.recognize(all, rel * spb, rel * spb + half));
                    Arrays.fill(out, i * spb + half, (i + 1) * spb, ChordRecognizer.recognize(all, rel * spb + half, (rel + 1) * spb));
                }
            } else if (rel >= window.historyBars()) {
                if (next == null) next = predictor.predictBeats(window, pastBars);
                fillBeats(out, i * spb, spb, next);
            } else {
                Arrays.fill(out, i * spb, (i + 1) * spb, Chord.NONE);
            }
        }
        return out;
    }

    /** Beat chords over one bar: beat k covers its share of the bar's steps (a bar of 3 beats takes the first 3). */
    private static void fillBeats(Chord[] out, int from, int stepsPerBar, Chord[] beats) {
        int perBeat = 4;
        for (int step = 0; step < stepsPerBar; step++) out[from + step] = beats[Math.min(beats.length - 1, step / perBeat)];
    }

    @Override
    public boolean decidesWithinBars() {
        return predictor.decidesWithinBars();
    }

    @Override
    public boolean redecidesAt(long bar, int stepInBar) {
        return predictor.redecidesAt(bar, stepInBar);
    }

    @Override
    public String describe() {
        return "predicted (" + predictor.name() + ")";
    }
}
