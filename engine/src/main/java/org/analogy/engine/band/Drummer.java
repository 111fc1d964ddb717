package org.analogy.engine.band;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.melody.LatentMath;
import org.analogy.engine.process.NoteSink;
import org.analogy.engine.process.Part;
import org.analogy.engine.style.BandSettings;
import org.analogy.engine.style.OutputSettings;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;
import org.analogy.engine.transform.LatentTransforms;
import org.analogy.engine.transform.TransformKind;

/**
 * The drums part, one bar at a time: the style's groove latent (the {@code groove} factor's transform over its
 * reference clips: swap, slerp, XY pad, sample, freeze), moved toward the performer's density and syncopation by
 * the preset's {@code follow}, decoded by the groove model into two bars with velocities and micro-timing, of which
 * the bar's half is played; in the last bar of every 4 or 8 the fill instead (the fill clip's second bar, decoded
 * from its latent blended with the style's groove so the fill keeps the groove's feel). Hits are written as
 * General MIDI notes with their micro-timing as fractional steps, which the scheduler plays at their exact time.
 *
 * <p>One per mode instance: it holds what a freeze keeps and the last decode (a bar whose latent did not move is
 * not decoded again).
 */
public final class Drummer {

    /** How far a fill's latent goes from the style's groove toward the fill clip's (1 = the fill clip alone). */
    static final double FILL_BLEND = 0.9;
    /**
     * How far the performer at the far end of the scale (amount ±1, follow 1) moves the groove, in units of the
     * measured attribute direction. GroovesTest measured one whole unit of density to about double the hits, too
     * much for following; half of it changes a groove's busyness by about a third and keeps its figure.
     */
    static final double FOLLOW_REACH = 0.5;
    /** Drums ring on their own; a note-off half a step later keeps the books tidy without cutting anything. */
    static final double HIT_STEPS = 0.5;
    /** Two strikes of one drum closer than this (after micro-timing) are one strike. */
    static final double SAME_STRIKE_STEPS = 0.1;

    private final Grooves grooves;
    private float[] held;
    private float[] lastLatent;
    private DrumPattern lastPattern;
    private volatile String lastDescription = "";

    public Drummer(Grooves grooves) {
        this.grooves = grooves;
    }

    /** What the last bar played from, e.g. "groove swap → drums-funk, followed +0.4 density" (for the window). */
    public String lastDescription() {
        return lastDescription;
    }

    /**
     * Writes the drums of {@code window.targetBar()} and marks, in {@code kicks}, the steps where the kick strikes
     * (for the bass). Writes nothing when the style has no drums.
     */
    public void play(BarWindow window, ControlSnapshot controls, NoteSink out, boolean[] kicks) throws Exception {
        Style style = controls.style();
        BandSettings.Drums drums = style.band().drums();
        if (drums == null) return;
        long bar = window.targetBar();
        boolean fillBar = drums.fillEvery() > 0 && drums.fill() != null && (bar + 1) % drums.fillEvery() == 0;
        PerformerFeel feel = PerformerFeel.of(window);
        DrumPattern pattern = grooves.learned() ? learned(style, drums, bar, feel, fillBar) : written(style, drums, fillBar);
        int half = fillBar ? 1 : (int) Math.floorMod(bar, 2L);
        write(pattern, half, window.targetBarStartStep(), drums.channel(), drums.sound(), controls.velocityScale(), out, kicks);
        lastDescription = (fillBar ? "fill, " : "") + style.transform(Factor.GROOVE).describe()
                + (grooves.learned() && !feel.isNone() && drums.follow() > 0
                        ? String.format(java.util.Locale.ROOT, ", following density %+.2f syncopation %+.2f",
                        FOLLOW_REACH * drums.follow() * feel.densityAmount(), FOLLOW_REACH * drums.follow() * feel.syncopationAmount()) : "");
    }

    private DrumPattern learned(Style style, BandSettings.Drums drums, long bar, PerformerFeel feel, boolean fillBar) throws Exception {
        FactorTransform t = style.transform(Factor.GROOVE);
        List<float[]> refs = new ArrayList<>();
        for (ReferenceClip clip : style.references(Factor.GROOVE)) refs.add(grooves.latent(clip));
        // A sampled groove draws once per 2-bar pattern, so both of its bars are played.
        float[] base = LatentTransforms.apply(Factor.GROOVE, t, grooves.plainLatent(), refs, held, Math.floorDiv(bar, 2L), AttributeOffsets.NONE);
        held = base;
        float[] z = base;
        // A frozen groove holds still; otherwise it leans toward how the performer plays.
        if (t.kind() != TransformKind.FREEZE && drums.follow() > 0 && !feel.isNone()) {
            z = base.clone();
            float[] d = grooves.densityDirection();
            float[] s = grooves.syncopationDirection();
            double a = FOLLOW_REACH * drums.follow() * feel.densityAmount();
            double b = FOLLOW_REACH * drums.follow() * feel.syncopationAmount();
            for (int k = 0; k < z.length; k++) z[k] += (float) (a * d[k] + b * s[k]);
        }
        if (fillBar) z = LatentMath.slerp(z, grooves.latent(drums.fill()), FILL_BLEND);
        if (lastLatent != null && java.util.Arrays.equals(lastLatent, z)) return lastPattern;
        DrumPattern p = grooves.decode(z);
        lastLatent = z;
        lastPattern = p;
        return p;
    }

    /** The stand-in: the reference that weighs most in the transform, as written (the plain beat for live). */
    private static DrumPattern written(Style style, BandSettings.Drums drums, boolean fillBar) {
        if (fillBar) return drums.fill().drums();
        List<ReferenceClip> refs = style.references(Factor.GROOVE);
        double[] w = style.transform(Factor.GROOVE).mixWeights();
        int best = 0;
        for (int i = 1; i < w.length; i++) if (w[i] > w[best]) best = i;
        return best == 0 || refs.isEmpty() ? Grooves.plainBeat() : refs.get(best - 1).drums();
    }

    /**
     * One bar (half {@code half} of the 2-bar pattern) as notes from {@code barStart}: each hit at its step plus its
     * micro-timing offset (an early hit on the bar's first step starts on the downbeat, since the bar before is
     * already decided), velocity scaled by the part and the global scale.
     */
    static void write(DrumPattern p, int half, double barStart, int channel, OutputSettings sound, double velocityScale,
                      NoteSink out, boolean[] kicks) {
        int spb = DrumPattern.STEPS_PER_BAR;
        double[] lastStart = new double[128];
        java.util.Arrays.fill(lastStart, Double.NEGATIVE_INFINITY);
        List<double[]> hits = new ArrayList<>(); // start, note, velocity
        for (int s = 0; s < spb; s++) {
            int step = half * spb + s;
            for (DrumVoice v : DrumVoice.values()) {
                if (!p.hit(step, v)) continue;
                double start = Math.max(0, Math.min(spb - HIT_STEPS - 0.01, s + p.offset(step, v)));
                int velocity = Math.max(1, Math.min(127, Math.round(p.velocity(step, v) * 127f)));
                hits.add(new double[] {start, v.generalMidiNote(), velocity});
                if (v == DrumVoice.KICK && kicks != null && s < kicks.length) kicks[s] = true;
            }
        }
        hits.sort((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < hits.size(); i++) {
            double[] h = hits.get(i);
            int note = (int) h[1];
            if (h[0] - lastStart[note] < SAME_STRIKE_STEPS) continue;
            lastStart[note] = h[0];
            double duration = HIT_STEPS;
            for (int j = i + 1; j < hits.size(); j++) {
                if ((int) hits.get(j)[1] == note && hits.get(j)[0] - h[0] >= SAME_STRIKE_STEPS) {
                    duration = Math.min(duration, (hits.get(j)[0] - h[0]) * 0.9);
                    break;
                }
            }
            out.note(Part.DRUMS, channel, note, sound.velocity((int) h[2], velocityScale), barStart + h[0], duration);
        }
    }
}
