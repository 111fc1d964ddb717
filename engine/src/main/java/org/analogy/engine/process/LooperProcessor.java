package org.analogy.engine.process;

import java.util.Arrays;
import java.util.List;

import org.analogy.engine.accompaniment.Accompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.melody.MelodyTransformer;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.Style;

/**
 * The latent looper. It waits for the performer to play, then records {@link Style#loopBars()} bars
 * (2–8) from the first bar with melody, storing each 2-bar window as latents and the chords it was played
 * over. From then on it loops: every bar is decoded afresh from the stored latents through the current
 * melody transforms, so moving a control morphs the loop while it plays. With overdub on, a loop bar the
 * performer plays over replaces that bar in the loop: its window is re-encoded from the new bar and the
 * other bar as last heard. The accompanist plays along throughout.
 */
public final class LooperProcessor implements BarProcessor {

    /** Where the looper is. */
    public enum Phase { WAITING, RECORDING, LOOPING }

    private final Band band;
    private final MelodyTransformer transformer;
    private final Accompanist accompanist;
    private final PartWriter melodyWriter = new PartWriter(Part.MELODY);
    private final PartWriter accompanimentWriter = new PartWriter(Part.ACCOMPANIMENT);
    private volatile Chord chordInUse = Chord.NONE;
    private volatile Phase phase = Phase.WAITING;

    private long start;
    private int length;
    private MelodyLatents[] latents;
    private Chord[][] chords;      // per window, 32 steps
    private int[][] lastTokens;    // per window, as last decoded (or played)
    private int velocity = MelodyTokens.DEFAULT_VELOCITY;
    private Chord[] previousBarChords;

    public LooperProcessor(Band band) {
        if (!band.hasMelodyModel()) {
            throw new IllegalArgumentException("mode looper needs the melody model (presets/models/melody, or --model DIR)");
        }
        this.band = band;
        this.transformer = new MelodyTransformer(band);
        this.accompanist = band.newAccompanist();
    }

    @Override
    public String name() {
        return "looper";
    }

    @Override
    public Chord chordInUse() {
        return chordInUse;
    }

    public Phase phase() {
        return phase;
    }

    @Override
    public void process(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
        Bars.requireFourFour(window, name());
        Style style = controls.style();
        long bar = window.targetBar();
        int spb = window.stepsPerBar();
        if (phase == Phase.WAITING && bar >= 1 && !Bars.melodyBar(window, bar - 1, style.chords()).isEmpty()) {
            start = bar - 1;
            length = style.loopBars();
            latents = new MelodyLatents[length / 2];
            chords = new Chord[length / 2][];
            lastTokens = new int[length / 2][];
            phase = Phase.RECORDING;
        }
        if (phase == Phase.RECORDING && (bar - start) % 2 == 0 && bar - start >= 2) {
            int w = (int) (bar - start) / 2 - 1;
            List<GridNote> played = Bars.melodyWindow(window, style.chords());
            chords[w] = style.chords().chords(window, bar - 2, 2);
            lastTokens[w] = MelodyTokens.encode(played, 0, 2 * spb);
            latents[w] = band.encode(lastTokens[w], ChordFeatures.chroma(List.of(chords[w])));
            if (w == 0) velocity = Bars.meanVelocity(played, velocity);
            if (w == latents.length - 1) phase = Phase.LOOPING;
        }

        Chord[] barChords;
        if (phase == Phase.LOOPING) {
            if (style.overdub()) overdub(window, style, bar - 1, spb);
            int position = (int) Math.floorMod(bar - start, length);
            int w = position / 2;
            int half = position % 2;
            barChords = Arrays.copyOfRange(chords[w], half * spb, (half + 1) * spb);
            MelodyLatents z = transformer.transform(latents[w], style, bar - half);
            int[] tokens = band.decode(z, ChordFeatures.chroma(List.of(chords[w])));
            lastTokens[w] = tokens;
            melodyWriter.write(out, controls.melodyChannel(), style.melody(), controls, window.targetBarStartStep(),
                    Bars.decodedBar(tokens, half, spb, velocity), spb);
        } else {
            barChords = style.chords().chords(window, bar, 1);
        }
        chordInUse = barChords[0];
        out.chords(window.targetBarStartStep(), barChords);
        Chord[] context = previousBarChords != null ? previousBarChords : style.chords().chords(window, bar - 1, 1);
        List<GridNote> accompaniment = accompanist.accompany(Bars.concat(context, barChords), window.modelWindowNotes(), style, bar);
        accompanimentWriter.write(out, controls.accompanimentChannel(), style.accompaniment(), controls,
                window.targetBarStartStep(), accompaniment, spb);
        previousBarChords = barChords;
    }

    /** The performer played over loop bar {@code played}: that bar's half of its window is replaced. */
    private void overdub(BarWindow window, Style style, long played, int spb) throws Exception {
        if (played < start + length) return; // still the recording pass
        List<GridNote> notes = Bars.melodyBar(window, played, style.chords());
        if (notes.isEmpty()) return;
        int position = (int) Math.floorMod(played - start, length);
        int w = position / 2;
        int half = position % 2;
        int[] tokens = lastTokens[w].clone();
        int[] bar = MelodyTokens.encode(notes, 0, spb);
        System.arraycopy(bar, 0, tokens, half * spb, spb);
        // A note held over from the other bar cannot continue into a bar that starts with a hold.
        if (tokens[spb] == MelodyTokens.HOLD && tokens[spb - 1] == MelodyTokens.REST) tokens[spb] = MelodyTokens.REST;
        latents[w] = band.encode(tokens, ChordFeatures.chroma(List.of(chords[w])));
        lastTokens[w] = tokens;
    }
}
