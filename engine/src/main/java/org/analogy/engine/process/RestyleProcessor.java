package org.analogy.engine.process;

import java.util.List;
import java.util.concurrent.Future;

import org.analogy.engine.accompaniment.Accompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.melody.MelodyTransformer;
import org.analogy.engine.pipeline.PartThread;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.Style;

/**
 * Re-style: the performer's last two bars come back in the next two, re-composed. Bars pair up from bar 0
 * (0–1, 2–3, …); at the trigger before an even bar the pair just played is encoded under the harmony it was
 * played over, and each of the next two bars is decoded from those latents through the melody transforms
 * (read afresh for each bar) under the chords the chord source gives for the new bars, which re-harmonises
 * it. The accompaniment plays under both. A pair with no melody comes back as accompaniment only.
 */
public final class RestyleProcessor implements BarProcessor {

    private final Band band;
    private final MelodyTransformer transformer;
    private final Accompanist accompanist;
    private final PartWriter melodyWriter = new PartWriter(Part.MELODY);
    private final PartWriter accompanimentWriter = new PartWriter(Part.ACCOMPANIMENT);
    private volatile Chord chordInUse = Chord.NONE;

    /** The pair being played back: its first bar, its latents, the chords it is decoded under. */
    private long pairStart = Long.MIN_VALUE;
    private MelodyLatents pairLatents;
    private Chord[] pairChords;
    private int pairVelocity;
    private Chord[] previousBarChords;

    public RestyleProcessor(Band band) {
        if (!band.hasMelodyModel()) {
            throw new IllegalArgumentException("mode restyle needs the melody model (presets/models/melody, or --model DIR)");
        }
        this.band = band;
        this.transformer = new MelodyTransformer(band);
        this.accompanist = band.newAccompanist();
    }

    @Override
    public String name() {
        return "restyle";
    }

    @Override
    public Chord chordInUse() {
        return chordInUse;
    }

    @Override
    public void process(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
        Bars.requireFourFour(window, name());
        Style style = controls.style();
        long bar = window.targetBar();
        int spb = window.stepsPerBar();
        int[] pairTokens = null;
        float[] pairPlayedOver = null;
        if (Math.floorMod(bar, 2) == 0) {
            pairStart = bar;
            pairChords = style.chords().chords(window, bar, 2);
            List<GridNote> played = Bars.melodyWindow(window, style.chords());
            pairLatents = null;
            if (bar >= 2 && MelodyTokens.onsetCount(MelodyTokens.encode(played, 0, 2 * spb)) > 0) {
                Chord[] playedOver = style.chords().chords(window, bar - 2, 2);
                pairTokens = MelodyTokens.encode(played, 0, 2 * spb); // encoded below, beside the accompaniment
                pairPlayedOver = ChordFeatures.chroma(List.of(playedOver));
                pairVelocity = Bars.meanVelocity(played, MelodyTokens.DEFAULT_VELOCITY);
            }
        }
        int half = (int) (bar - pairStart);
        Chord[] barChords = pairStart == Long.MIN_VALUE || half > 1
                ? style.chords().chords(window, bar, 1)
                : java.util.Arrays.copyOfRange(pairChords, half * spb, (half + 1) * spb);
        chordInUse = barChords[0];
        out.chords(window.targetBarStartStep(), barChords);

        // The accompaniment decodes on the part thread while the melody decodes here: two models, two cores.
        Chord[] context = previousBarChords != null ? previousBarChords : style.chords().chords(window, bar - 1, 1);
        Chord[] accompanimentChords = Bars.concat(context, barChords);
        Future<List<GridNote>> accompaniment = PartThread.start(
                () -> accompanist.accompany(accompanimentChords, window.modelWindowNotes(), style, bar));
        List<GridNote> melody = null;
        try {
            if (pairTokens != null) pairLatents = band.encode(pairTokens, pairPlayedOver);
            if (pairLatents != null && half >= 0 && half <= 1) {
                MelodyLatents z = transformer.transform(pairLatents, style, pairStart);
                melody = Bars.decodedBar(band.decode(z, ChordFeatures.chroma(List.of(pairChords))), half, spb, pairVelocity);
            }
        } catch (Exception | Error e) {
            accompaniment.cancel(true); // the bar is lost either way: the part thread is free for the next one
            throw e;
        }
        List<GridNote> accompanimentNotes = PartThread.join(accompaniment);
        if (melody != null) {
            melodyWriter.write(out, controls.melodyChannel(), style.melody(), controls, window.targetBarStartStep(), melody, spb);
        }
        accompanimentWriter.write(out, controls.accompanimentChannel(), style.accompaniment(), controls,
                window.targetBarStartStep(), accompanimentNotes, spb);
        previousBarChords = barChords;
    }
}
