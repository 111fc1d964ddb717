package org.analogy.engine.chords;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CapturedNote;
import org.analogy.engine.repr.GridNote;

/**
 * The learned next-bar predictor as a chord source's predictor. The model is recurrent and was trained on
 * songs fed bar by bar from their start, so this follows the performance the same way: every bar up to the
 * one before the bar asked for is fed exactly once, in order, with its melody (from the window) and the
 * chords heard in it (recognised from what was played; the chords predicted for it are remembered only for
 * {@link #chosenFor}).
 * Bars that fell out of the window unseen are fed as bars without melody. Asking for an earlier bar than
 * before (a new render or performance) starts again from an empty state.
 *
 * <p>The bar-less {@link #predictNext} has no place in that sequence; it answers from the window alone
 * (state reset, the window's bars fed), and the performance is followed afresh from the next call.
 */
public final class LearnedChordPredictor implements ChordPredictor {

    /** The recurrent model, one bar at a time ({@link org.analogy.engine.chords.ChordPredictorModel} at run time). */
    public interface BarModel {
        /** Feeds one bar's {@link PredictorFeatures} and returns the chord of each beat of the next bar. */
        Chord[] observe(float[] barFeatures) throws Exception;

        /** Forgets every bar fed. */
        void reset();
    }

    /** How many chosen bars are remembered for {@link #chosenFor} (a window never reaches further back). */
    private static final int REMEMBERED_BARS = 16;
    /** More unseen bars than this (a long loop without predictions) are not fed one by one: the state starts again. */
    private static final int MAX_CATCH_UP_BARS = 8;

    private final BarModel model;
    private final float[] features = new float[PredictorFeatures.BAR_FEATURES];
    private final Map<Long, Chord[]> chosen = new LinkedHashMap<>(32, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Chord[]> eldest) {
            return size() > REMEMBERED_BARS;
        }
    };
    /** The last bar fed to the model; {@code Long.MIN_VALUE} before the first. */
    private long fedThrough = Long.MIN_VALUE;

    public LearnedChordPredictor(BarModel model) {
        this.model = model;
    }

    /** On the ONNX predictor; calls are serialised on it, as one model may serve several sources. */
    public static LearnedChordPredictor of(org.analogy.engine.chords.ChordPredictorModel onnx) {
        return new LearnedChordPredictor(new BarModel() {
            @Override
            public Chord[] observe(float[] barFeatures) throws Exception {
                synchronized (onnx) {
                    return onnx.observe(barFeatures).beats();
                }
            }

            @Override
            public void reset() {
                synchronized (onnx) {
                    onnx.reset();
                }
            }
        });
    }

    @Override
    public synchronized Chord[] predictBeats(BarWindow window, List<Chord> pastBarChords) {
        long target = window.firstBar() + window.historyBars();
        Chord[] known = chosen.get(target);
        if (known != null && fedThrough == target - 1) return known.clone();
        if (fedThrough != Long.MIN_VALUE && fedThrough >= target) restart();
        int spb = window.stepsPerBar();
        List<GridNote> notes = gridNotes(window);
        Chord[] next = null;
        if (fedThrough != Long.MIN_VALUE && target - fedThrough > MAX_CATCH_UP_BARS) restart();
        if (fedThrough == Long.MIN_VALUE) model.reset(); // the model may be shared: start from an empty state
        long from = fedThrough == Long.MIN_VALUE ? window.firstBar() : fedThrough + 1;
        try {
            for (long bar = from; bar < target; bar++) next = feed(window, notes, bar, spb);
        } catch (Exception e) {
            restart();
            throw new IllegalStateException("chord predictor failed: " + e.getMessage(), e);
        }
        if (next == null) next = chosen.get(target); // nothing new to feed: the prediction made before stands
        if (next == null) next = new Chord[] {Chord.NONE, Chord.NONE, Chord.NONE, Chord.NONE};
        chosen.put(target, next);
        return next.clone();
    }

    /** Feeds bar {@code bar} and returns the model's beat chords for the bar after it. */
    private Chord[] feed(BarWindow window, List<GridNote> notes, long bar, int spb) throws Exception {
        int rel = (int) (bar - window.firstBar());
        List<GridNote> melody = new ArrayList<>();
        if (rel >= 0) {
            for (GridNote n : notes) {
                if (n.start() + n.duration() > rel * spb && n.start() < (rel + 1) * spb) melody.add(n.shifted(-rel * spb));
            }
        }
        // The chords heard in the bar, not the ones predicted for it: fed its own predictions the model compounds
        // its errors (accompany eval, songs 851-880: 0.36 chord-tone ratio against 0.51 fed what was heard).
        Chord[] beats = new Chord[PredictorFeatures.BEATS_PER_BAR];
        int perBeat = spb / PredictorFeatures.BEATS_PER_BAR;
        for (int beat = 0; beat < beats.length; beat++) {
            // A half bar's notes name a chord better than one beat's: both beats of a half take it.
            int half = beat / 2;
            beats[beat] = rel < 0 ? Chord.NONE : ChordRecognizer.recognize(notes, rel * spb + half * 2 * perBeat, rel * spb + (half + 1) * 2 * perBeat);
        }
        PredictorFeatures.bar(melody, Arrays.asList(beats), features, 0);
        Chord[] next = model.observe(features);
        fedThrough = bar;
        return next;
    }

    @Override
    public synchronized Chord predictNext(List<Chord> pastBarChords, List<GridNote> recentNotes, int stepsPerBar) {
        // Only used without a bar position: judge from the window's two bars alone.
        model.reset();
        Chord[] next = null;
        try {
            for (int bar = 0; bar * stepsPerBar < 2 * stepsPerBar; bar++) {
                List<GridNote> melody = new ArrayList<>();
                for (GridNote n : recentNotes) {
                    if (n.start() + n.duration() > bar * stepsPerBar && n.start() < (bar + 1) * stepsPerBar) melody.add(n.shifted(-bar * stepsPerBar));
                }
                int index = pastBarChords.size() - 2 + bar;
                Chord heard = index >= 0 && index < pastBarChords.size() ? pastBarChords.get(index) : Chord.NONE;
                PredictorFeatures.bar(melody, List.of(heard, heard, heard, heard), features, 0);
                next = model.observe(features);
            }
        } catch (Exception e) {
            throw new IllegalStateException("chord predictor failed: " + e.getMessage(), e);
        } finally {
            restart();
        }
        return next[0];
    }

    @Override
    public synchronized Chord[] chosenFor(long bar) {
        Chord[] c = chosen.get(bar);
        return c == null ? null : c.clone();
    }

    /** Forgets the performance; the model's state is reset when feeding starts again. */
    private void restart() {
        chosen.clear();
        fedThrough = Long.MIN_VALUE;
    }

    private static List<GridNote> gridNotes(BarWindow window) {
        List<GridNote> out = new ArrayList<>(window.notes().size());
        for (CapturedNote n : window.notes()) out.add(n.toGridNote());
        return out;
    }

    @Override
    public String name() {
        return "learned next-bar predictor";
    }
}
