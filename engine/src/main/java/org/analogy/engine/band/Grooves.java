package org.analogy.engine.band;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.analogy.engine.drums.DrumModel;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.Factor;

/**
 * What the drums part plays with: the learned groove model (encode a clip's 2-bar pattern into its groove latent,
 * decode a latent into a pattern with velocities and micro-timing) or, when its bundle is not installed, the
 * reference grooves as written. Shared by every drummer of a band; calls into the model are serialised on it, so
 * the control thread can encode a new preset's clips ({@link #prepare}) while the inference thread decodes.
 *
 * <p>The performer is followed along two attribute directions in the groove latent, found here once as GrooVAE's
 * authors and the melody bundle's attributes do: the mean latent difference between pairs of grooves that differ in
 * one thing only. {@code density}: the same kick and snare under quarter, 8th and 16th hats with and without ghost
 * notes and extra kicks; {@code syncopation}: the same density with kicks and snares on the beats against anticipated
 * ones. {@code GroovesTest} measures what a step along each does to the decoded patterns.
 */
public final class Grooves {

    private final DrumModel model;
    private final String description;
    private final Map<String, float[]> latents = new HashMap<>();
    private final float[] plain;
    private final float[] density;
    private final float[] syncopation;

    private Grooves(DrumModel model, String description) throws Exception {
        this.model = model;
        this.description = description;
        if (model == null) {
            plain = density = syncopation = null;
            return;
        }
        plain = encode(plainBeat());
        density = meanDifference(GroovePairs.sparse(), GroovePairs.dense());
        syncopation = meanDifference(GroovePairs.onTheBeat(), GroovePairs.syncopated());
    }

    /** On the learned model. */
    public static Grooves learned(DrumModel model, String description) throws Exception {
        return new Grooves(model, description);
    }

    /** The stand-in: reference grooves as written, the performer not followed. */
    public static Grooves written(String description) {
        try {
            return new Grooves(null, description);
        } catch (Exception e) {
            throw new IllegalStateException(e); // nothing is encoded without a model
        }
    }

    public boolean learned() {
        return model != null;
    }

    public String describe() {
        return description;
    }

    /**
     * The groove "live" stands for (drums are not captured from the performer): a plain 8th-note rock beat, kick on
     * 1 and 3, snare on 2 and 4; the performer then moves it by {@code follow}.
     */
    public static DrumPattern plainBeat() {
        DrumPattern p = new DrumPattern();
        for (int s = 0; s < DrumPattern.STEPS; s += 2) p.set(s, DrumVoice.CLOSED_HAT, s % 4 == 0 ? 0.7f : 0.5f, 0f);
        for (int s = 0; s < DrumPattern.STEPS; s += 8) p.set(s, s % 16 == 0 ? DrumVoice.KICK : DrumVoice.SNARE, 0.85f, 0f);
        return p;
    }

    public float[] plainLatent() {
        return plain.clone();
    }

    public float[] densityDirection() {
        return density.clone();
    }

    public float[] syncopationDirection() {
        return syncopation.clone();
    }

    /** A reference clip's groove latent, encoded once per clip content. */
    public float[] latent(ReferenceClip clip) throws Exception {
        requireModel();
        synchronized (latents) {
            float[] z = latents.get(clip.sha256());
            if (z != null) return z;
        }
        if (!clip.hasDrums()) throw new IllegalArgumentException(clip.name() + ": no drums to take a groove from");
        float[] z = encode(clip.drums());
        synchronized (latents) {
            latents.put(clip.sha256(), z);
        }
        return z;
    }

    public float[] encode(DrumPattern pattern) throws Exception {
        requireModel();
        synchronized (model) {
            return model.encode(pattern);
        }
    }

    public DrumPattern decode(float[] z) throws Exception {
        requireModel();
        synchronized (model) {
            return model.decode(z);
        }
    }

    /** Encodes the style's groove and fill clips now, so the bar that first uses them spends no time on it. */
    public void prepare(Style style) throws Exception {
        if (model == null || !style.band().hasDrums()) return;
        for (ReferenceClip clip : style.references(Factor.GROOVE)) latent(clip);
        if (style.band().drums().fill() != null) latent(style.band().drums().fill());
    }

    private float[] meanDifference(List<DrumPattern> from, List<DrumPattern> to) throws Exception {
        float[] sum = new float[model.latentSize()];
        for (int i = 0; i < from.size(); i++) {
            float[] a = encode(from.get(i));
            float[] b = encode(to.get(i));
            for (int k = 0; k < sum.length; k++) sum[k] += (b[k] - a[k]) / from.size();
        }
        return sum;
    }

    private void requireModel() {
        if (model == null) throw new IllegalStateException("no groove model is loaded");
    }

    /**
     * The pairs the attribute directions are measured on: each list's i-th pattern differs from the other list's
     * i-th in the one attribute only.
     */
    static final class GroovePairs {
        private GroovePairs() {}

        /** Kick and snare figures the pairs are built on: rock, half-time, four-on-the-floor, two-step. */
        private static final int[][] KICKS = {{0, 8}, {0}, {0, 4, 8, 12}, {0, 10}};
        private static final int[][] SNARES = {{4, 12}, {8}, {4, 12}, {4, 12}};

        static List<DrumPattern> sparse() {
            List<DrumPattern> out = new ArrayList<>();
            for (int i = 0; i < KICKS.length; i++) out.add(figure(i, 4, false, false));
            for (int i = 0; i < KICKS.length; i++) out.add(figure(i, 2, false, false));
            return out;
        }

        static List<DrumPattern> dense() {
            List<DrumPattern> out = new ArrayList<>();
            for (int i = 0; i < KICKS.length; i++) out.add(figure(i, 2, true, false));
            for (int i = 0; i < KICKS.length; i++) out.add(figure(i, 1, true, false));
            return out;
        }

        static List<DrumPattern> onTheBeat() {
            List<DrumPattern> out = new ArrayList<>();
            for (int i = 0; i < KICKS.length; i++) out.add(figure(i, 2, false, false));
            return out;
        }

        static List<DrumPattern> syncopated() {
            List<DrumPattern> out = new ArrayList<>();
            for (int i = 0; i < KICKS.length; i++) out.add(figure(i, 2, false, true));
            return out;
        }

        /**
         * Two bars of figure {@code i}: hats every {@code hatEvery} steps; {@code busy} adds ghost snares and a kick
         * on the 8th before each beat-3 kick; {@code pushed} moves every kick and snare off the beat by an 8th or a
         * 16th earlier (anticipations) and opens the hat on the off-beats.
         */
        static DrumPattern figure(int i, int hatEvery, boolean busy, boolean pushed) {
            DrumPattern p = new DrumPattern();
            for (int bar = 0; bar < 2; bar++) {
                int o = bar * 16;
                for (int s = 0; s < 16; s += hatEvery) {
                    boolean off = pushed && s % 4 == 2;
                    p.set(o + s, off ? DrumVoice.OPEN_HAT : DrumVoice.CLOSED_HAT, s % 4 == 0 ? 0.7f : 0.5f, 0f);
                }
                for (int k : KICKS[i]) p.set(o + push(k, pushed, bar), DrumVoice.KICK, 0.9f, 0f);
                for (int sn : SNARES[i]) p.set(o + push(sn, pushed, bar + 1), DrumVoice.SNARE, 0.85f, 0f);
                if (busy) {
                    for (int g : new int[] {3, 7, 11, 15}) if (!p.hit(o + g, DrumVoice.SNARE)) p.set(o + g, DrumVoice.SNARE, 0.3f, 0f);
                    p.set(o + 6, DrumVoice.KICK, 0.75f, 0f);
                    p.set(o + 14, DrumVoice.KICK, 0.75f, 0f);
                }
            }
            return p;
        }

        private static int push(int step, boolean pushed, int which) {
            if (!pushed || step == 0) return step;
            return Math.floorMod(step - (which % 2 == 0 ? 2 : 1), 16);
        }
    }
}
