package org.analogy.engine.process;

import java.util.Arrays;
import java.util.List;

import org.analogy.engine.band.Band;
import org.analogy.engine.band.BassBar;
import org.analogy.engine.band.BassLine;
import org.analogy.engine.band.Drummer;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordRecognizer;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.BandSettings;
import org.analogy.engine.style.Style;

/**
 * A mode with the band around it: the mode decides the bar's piano (melody, accompaniment) and its chords, then
 * in the same call, so with the same deadline before the same downbeat, the drums decide the bar and the bass
 * plays it over the chords the piano reported and the kicks the drums struck. Muted parts (and parts not soloed
 * while another is) are left out here, where every part passes. A style with no band parts and nothing muted goes
 * straight to the mode, so it plays exactly as before.
 *
 * <p>The band plays in 4/4 only (the groove model's bars are 16 steps); in another meter its parts are silent.
 * A chord played mid-bar (split keyboard) revises the piano; the bass keeps the line it was given for that bar.
 */
public final class BandProcessor implements BarProcessor {

    private static final System.Logger LOG = System.getLogger("analogy.band");

    private final BarProcessor mode;
    private final Drummer drummer;
    private final BassLine bassLine;
    private final PartWriter bassWriter = new PartWriter(Part.BASS);
    private Chord[] previousChords;
    private boolean meterWarned;

    public BandProcessor(BarProcessor mode, Band band) {
        this.mode = mode;
        this.drummer = band.newDrummer();
        this.bassLine = band.newBassLine();
    }

    /** The mode inside (what a caller that needs the mode's own figures, such as echo's folded notes, asks for). */
    public static BarProcessor unwrap(BarProcessor p) {
        return p instanceof BandProcessor b ? b.mode : p;
    }

    public BarProcessor mode() {
        return mode;
    }

    public Drummer drummer() {
        return drummer;
    }

    @Override
    public String name() {
        return mode.name();
    }

    @Override
    public boolean requiresCompleteBar(ControlSnapshot controls) {
        return mode.requiresCompleteBar(controls);
    }

    @Override
    public boolean revisesOnChordChange() {
        return mode.revisesOnChordChange();
    }

    @Override
    public void revise(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
        BandSettings band = controls.style().band();
        mode.revise(window, controls, band.isNone() ? out : new Mixer(out, band, window.stepsPerBar()));
    }

    @Override
    public Chord chordInUse() {
        return mode.chordInUse();
    }

    @Override
    public void process(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
        Style style = controls.style();
        BandSettings band = style.band();
        if (band.isNone()) {
            mode.process(window, controls, out);
            previousChords = null;
            return;
        }
        int spb = window.stepsPerBar();
        Mixer mixer = new Mixer(out, band, spb);
        mode.process(window, controls, mixer);
        if (!band.hasDrums() && !band.hasBass()) return;
        if (spb != 16) {
            if (!meterWarned) LOG.log(System.Logger.Level.WARNING, "the band's drums and bass play in 4/4 only; silent in this meter");
            meterWarned = true;
            return;
        }
        boolean[] kicks = new boolean[spb];
        drummer.play(window, controls, mixer, kicks);
        Chord[] chords = mixer.barChords(window.targetBarStartStep());
        if (chords == null) chords = heardChords(window);
        Chord[] previous = previousChords != null ? previousChords : chords;
        previousChords = chords;
        BandSettings.Bass bass = band.bass();
        if (bass == null) return;
        List<GridNote> line = bassLine.play(new BassBar(window.targetBar(), spb, chords, previous, kicks, window.modelWindowNotes(),
                bass.reference()));
        bassWriter.write(mixer, bass.channel(), bass.sound(), controls, window.targetBarStartStep(), line, spb);
    }

    /** A mode that reports no chords (echo): the harmony heard in the bar just played, per half bar. */
    private static Chord[] heardChords(BarWindow window) {
        int spb = window.stepsPerBar();
        List<GridNote> played = window.notesInBar(window.targetBar() - 1).stream().map(n -> n.toGridNote()).toList();
        List<Chord> halves = ChordRecognizer.recognizeSpans(played, spb, spb / 2);
        Chord[] out = new Chord[spb];
        Chord last = Chord.NONE;
        for (int h = 0; h < halves.size(); h++) {
            if (!halves.get(h).isNone()) last = halves.get(h);
            Arrays.fill(out, h * spb / 2, Math.min(spb, (h + 1) * spb / 2), last);
        }
        for (int i = 0; i < spb; i++) if (out[i] == null) out[i] = last;
        return out;
    }

    /**
     * Passes the bar on, leaving out notes of parts that are not heard, and keeps the chords the mode reported for
     * the bass.
     */
    private static final class Mixer implements NoteSink {
        private final NoteSink out;
        private final BandSettings band;
        private final int stepsPerBar;
        private double chordsFrom = Double.NaN;
        private Chord[] chords;

        Mixer(NoteSink out, BandSettings band, int stepsPerBar) {
            this.out = out;
            this.band = band;
            this.stepsPerBar = stepsPerBar;
        }

        @Override
        public void note(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps) {
            if (band.audible(part)) out.note(part, channel, pitch, velocity, startStep, durationSteps);
        }

        @Override
        public void control(Part part, int channel, int controller, int value, double atStep) {
            out.control(part, channel, controller, value, atStep);
        }

        @Override
        public void chords(double fromStep, Chord[] perStep) {
            chordsFrom = fromStep;
            chords = perStep.clone();
            out.chords(fromStep, perStep);
        }

        /** The chord of each step of the bar from {@code barStart}, or null when the mode reported none for it. */
        Chord[] barChords(double barStart) {
            if (chords == null || chordsFrom < barStart || chordsFrom >= barStart + stepsPerBar) return null;
            Chord[] bar = new Chord[stepsPerBar];
            int from = (int) Math.round(chordsFrom - barStart);
            for (int i = 0; i < stepsPerBar; i++) {
                int k = Math.max(0, i - from);
                bar[i] = k < chords.length ? chords[k] : chords[chords.length - 1];
            }
            return bar;
        }
    }
}
