package org.analogy.engine.process;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.accompaniment.Accompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CapturedNote;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.latent.LatentFeatures;
import org.analogy.engine.latent.LatentPredictorModel;
import org.analogy.engine.latent.MelodyContinuation;
import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.Style;

/**
 * Answer: the band accompanies, and when the performer rests for {@code restBars} whole bars it answers their
 * phrase. The windows they played (two bars each, up to four, the last ending with the rest) are encoded by the
 * melody model, the latent predictor continues them window by window, and each predicted window is decoded under
 * the chords the band plays there, for up to {@code answerBars} bars, with the predicted pitch and the nearest of
 * the performer's own rhythms ({@link MelodyContinuation#withNearestRhythm}). The answer gives way as soon as the performer
 * plays again: the capture stage reports their note ({@link #yieldsToPerformer}), and the answer's queued notes
 * from that point are withdrawn and its sounding ones released. One answer per rest; each answered bar is marked
 * "answer" in the recording.
 *
 * <p>Model calls: every bar the accompaniment's; when an answer starts, one encoder call per context window, one
 * predictor call and one decoder call; then one predictor and one decoder call per further 2-bar window.
 */
public final class AnswerProcessor implements BarProcessor {

    /** How long a rest starts an answer, and how long the answer may last. */
    public record Settings(int restBars, int answerBars) {
        public static final Settings DEFAULT = new Settings(1, 4);

        public Settings {
            if (restBars < 1 || restBars > 4) throw new IllegalArgumentException("answer after " + restBars + " bars of rest: allowed 1–4");
            if (answerBars != 2 && answerBars != 4 && answerBars != 8) {
                throw new IllegalArgumentException("answer of " + answerBars + " bars: allowed 2, 4 or 8");
            }
        }
    }

    /** Windows of context read before an answer: as many as the capture history holds, up to this. */
    static final int MAX_CONTEXT_WINDOWS = 4;
    public static final String MARKER = "answer";

    private final Band band;
    private final Settings settings;
    private final MelodyContinuation continuation;
    private final Accompanist accompanist;
    private final PartWriter melodyWriter = new PartWriter(Part.MELODY);
    private final PartWriter accompanimentWriter = new PartWriter(Part.ACCOMPANIMENT);
    private volatile Chord chordInUse = Chord.NONE;
    private volatile boolean answering;

    private long answerStart = Long.MIN_VALUE;
    private MelodyContinuation.Chain chain;
    /** The performer's windows the answer continues; each answer window takes the nearest of their rhythms. */
    private List<MelodyLatents> contextLatents = List.of();
    private int[] windowTokens;
    private int velocity;
    /** True once the performer has played since the last answer began: a rest then earns an answer. */
    private boolean phrasePlayed;
    /** Where the performer last came back in while the band answered (inference thread). */
    private double performerReturnedAt = Double.NEGATIVE_INFINITY;

    public AnswerProcessor(Band band) {
        this(band, Settings.DEFAULT);
    }

    public AnswerProcessor(Band band, Settings settings) {
        if (!band.hasMelodyModel()) {
            throw new IllegalArgumentException("mode answer needs the melody model (presets/models/melody, or --model DIR)");
        }
        if (band.latentPredictor() == null) {
            throw new IllegalArgumentException("mode answer needs the latent predictor (presets/models/latent)");
        }
        this.band = band;
        this.settings = settings;
        this.continuation = new MelodyContinuation(band.latentPredictor());
        this.accompanist = band.newAccompanist();
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "answer";
    }

    @Override
    public Chord chordInUse() {
        return chordInUse;
    }

    /** True while an answer may be sounding. */
    public boolean isAnswering() {
        return answering;
    }

    @Override
    public boolean yieldsToPerformer() {
        return answering;
    }

    @Override
    public boolean performerPlayed(double step) {
        if (!answering) return false;
        answering = false;
        performerReturnedAt = step;
        chain = null;
        return true;
    }

    @Override
    public void process(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
        Bars.requireFourFour(window, name());
        Style style = controls.style();
        long bar = window.targetBar();
        int spb = window.stepsPerBar();

        Chord[] chords = style.chords().chords(window, bar - 1, 2);
        Chord[] barChords = java.util.Arrays.copyOfRange(chords, spb, 2 * spb);
        chordInUse = barChords[0];
        out.chords((double) bar * spb, barChords);
        List<GridNote> accompaniment = accompanist.accompany(chords, window.modelWindowNotes(), style, bar);
        accompanimentWriter.write(out, controls.accompanimentChannel(), style.accompaniment(), controls, (double) bar * spb, accompaniment, spb);

        boolean playedLastBar = plays(window, bar - 1, style.chords());
        if (playedLastBar) phrasePlayed = true;
        if (answering && (playedLastBar || bar - answerStart >= settings.answerBars())) stopAnswer();
        if (!answering && phrasePlayed && rested(window, bar, style.chords()) && performerReturnedAt < window.publishedStep()) {
            startAnswer(window, style, bar);
        }
        if (!answering) return;

        int k = (int) (bar - answerStart);
        if (k % 2 == 0) {
            Chord[] windowChords = style.chords().chords(window, bar, 2);
            float[] stepChroma = ChordFeatures.chroma(List.of(windowChords));
            MelodyLatents z = k == 0 ? chain.latest() : chain.next(new MelodyContinuation.Target(LatentFeatures.barChroma(stepChroma), bar));
            windowTokens = band.decode(MelodyContinuation.withNearestRhythm(z, contextLatents), stepChroma);
        }
        List<GridNote> notes = Bars.decodedBar(windowTokens, k % 2, spb, velocity);
        melodyWriter.write(out, controls.melodyChannel(), style.melody(), controls, (double) bar * spb, notes, spb);
        out.marker((double) bar * spb, MARKER);
    }

    private void stopAnswer() {
        answering = false;
        chain = null;
    }

    /**
     * Begins an answer at {@code bar}: the context windows end with the bar before it, two bars apart, oldest first;
     * the first predicted window starts at {@code bar}.
     */
    private void startAnswer(BarWindow window, Style style, long bar) throws Exception {
        int spb = window.stepsPerBar();
        List<MelodyContinuation.Window> context = new ArrayList<>();
        List<GridNote> melody = melodyNotes(window, style.chords());
        List<MelodyLatents> played = new ArrayList<>();
        for (long first = bar - 2L * MAX_CONTEXT_WINDOWS; first <= bar - 2; first += 2) {
            if (first < window.firstBar() || first < 0) continue;
            int from = (int) ((first - window.firstBar()) * spb);
            int[] tokens = MelodyTokens.encode(melody, from, 2 * spb);
            float[] chroma = ChordFeatures.chroma(List.of(style.chords().chords(window, first, 2)));
            context.add(new MelodyContinuation.Window(band.encode(tokens, chroma), LatentFeatures.barChroma(chroma), first));
            if (MelodyTokens.onsetCount(tokens) >= 2) played.add(context.get(context.size() - 1).latents());
        }
        if (context.isEmpty()) return;
        contextLatents = played;
        Chord[] firstChords = style.chords().chords(window, bar, 2);
        chain = continuation.begin(LatentPredictorModel.Direction.FORWARD, context,
                new MelodyContinuation.Target(LatentFeatures.barChroma(ChordFeatures.chroma(List.of(firstChords))), bar));
        velocity = Bars.meanVelocity(melody, MelodyTokens.DEFAULT_VELOCITY);
        answerStart = bar;
        phrasePlayed = false;
        answering = true;
    }

    /** True when no melody note starts in, or sounds into, any of the {@code restBars} bars before {@code bar}. */
    private boolean rested(BarWindow window, long bar, ChordSource chords) {
        if (bar - settings.restBars() < window.firstBar()) return false;
        for (long b = bar - settings.restBars(); b < bar; b++) if (plays(window, b, chords)) return false;
        return true;
    }

    /** Whether a melody note starts in bar {@code b} or sounds into it from before. */
    private static boolean plays(BarWindow window, long b, ChordSource chords) {
        int spb = window.stepsPerBar();
        int from = (int) ((b - window.firstBar()) * spb);
        for (CapturedNote n : window.notes()) {
            if (!chords.isMelody(n.pitch())) continue;
            if (n.start() < from + spb && (n.open() || n.start() + n.duration() > from)) return true;
        }
        return false;
    }

    private static List<GridNote> melodyNotes(BarWindow window, ChordSource chords) {
        List<GridNote> out = new ArrayList<>();
        for (CapturedNote n : window.notes()) if (chords.isMelody(n.pitch())) out.add(n.toGridNote());
        return out;
    }
}
