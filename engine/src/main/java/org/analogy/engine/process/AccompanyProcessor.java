package org.analogy.engine.process;

import java.util.List;

import org.analogy.engine.accompaniment.Accompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.Style;

/**
 * Accompany: the performer plays the melody (and, with a split keyboard, the chords); at the trigger point
 * before each bar line the chord source decides the next bar's harmony from what has been captured so far,
 * and the accompanist writes that bar in the style's texture, in time for its downbeat.
 */
public final class AccompanyProcessor implements BarProcessor {

    private final Accompanist accompanist;
    private final PartWriter writer = new PartWriter(Part.ACCOMPANIMENT);
    private volatile Chord chordInUse = Chord.NONE;

    public AccompanyProcessor(Band band) {
        this.accompanist = band.newAccompanist();
    }

    @Override
    public String name() {
        return "accompany";
    }

    @Override
    public Chord chordInUse() {
        return chordInUse;
    }

    @Override
    public void process(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
        Bars.requireFourFour(window, name());
        accompany(window, window.targetBar(), controls, out);
    }

    /** A chord played mid-bar: the bar playing is accompanied again, under the chords as they now stand. */
    @Override
    public boolean revisesOnChordChange() {
        return true;
    }

    @Override
    public void revise(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
        Bars.requireFourFour(window, name());
        accompany(window, window.targetBar() - 1, controls, out);
    }

    private void accompany(BarWindow window, long bar, ControlSnapshot controls, NoteSink out) throws Exception {
        Style style = controls.style();
        int spb = window.stepsPerBar();
        Chord[] chords = style.chords().chords(window, bar - 1, 2);
        double now = window.isRevision() ? window.reviseFromStep() : bar * spb;
        int nowInBar = (int) Math.min(spb - 1, Math.max(0, Math.ceil(now - bar * spb)));
        chordInUse = chords[spb + nowInBar];
        out.chords((double) bar * spb + nowInBar, java.util.Arrays.copyOfRange(chords, spb + nowInBar, 2 * spb));
        List<GridNote> notes = accompanist.accompany(chords, window.modelWindowNotes(), style, bar);
        writer.write(out, controls.accompanimentChannel(), style.accompaniment(), controls, (double) bar * spb, notes, spb);
    }
}
