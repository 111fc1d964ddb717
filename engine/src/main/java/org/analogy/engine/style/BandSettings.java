package org.analogy.engine.style;

import java.util.EnumSet;
import java.util.Set;

import org.analogy.engine.process.Part;
import org.analogy.engine.transform.Range;

/**
 * The parts of the band beyond the piano that a style plays, and how each sounds: drums (on the groove factor's
 * latent, with fills and a hi-hat count-in) and bass, each off unless the preset names it; and which parts are
 * muted or soloed (any generated part: melody, accompaniment, bass, drums). Immutable, like the style that holds it.
 *
 * @param drums  the drums part, or null when the style has no drums
 * @param bass   the bass part, or null when the style has no bass
 * @param muted  parts not heard
 * @param soloed parts heard alone: when any is soloed, every generated part not in this set is silent
 */
public record BandSettings(Drums drums, Bass bass, Set<Part> muted, Set<Part> soloed) {

    /** The band of a style that names no band part: the piano alone, nothing muted. */
    public static final BandSettings NONE = new BandSettings(null, null, Set.of(), Set.of());

    /** The parts a preset or a control can mute, solo or set the volume of, in the order they are shown. */
    public static final java.util.List<Part> MIXABLE = java.util.List.of(Part.MELODY, Part.ACCOMPANIMENT, Part.BASS, Part.DRUMS);

    public BandSettings {
        muted = Set.copyOf(muted);
        soloed = Set.copyOf(soloed);
        for (Part p : muted) requireMixable(p);
        for (Part p : soloed) requireMixable(p);
    }

    private static void requireMixable(Part p) {
        if (!MIXABLE.contains(p)) throw new IllegalArgumentException(p.trackName() + " cannot be muted or soloed: allowed melody, accompaniment, bass, drums");
    }

    /** True when notes of {@code part} are heard under these mute and solo settings. */
    public boolean audible(Part part) {
        if (!MIXABLE.contains(part)) return true;
        if (!soloed.isEmpty()) return soloed.contains(part);
        return !muted.contains(part);
    }

    public boolean hasDrums() {
        return drums != null;
    }

    public boolean hasBass() {
        return bass != null;
    }

    /** True when nothing here changes what a style without a band plays. */
    public boolean isNone() {
        return drums == null && bass == null && muted.isEmpty() && soloed.isEmpty();
    }

    public BandSettings withMute(Part part, boolean on) {
        requireMixable(part);
        Set<Part> m = muted.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(muted);
        if (on) m.add(part);
        else m.remove(part);
        return new BandSettings(drums, bass, m, soloed);
    }

    public BandSettings withSolo(Part part, boolean on) {
        requireMixable(part);
        Set<Part> s = soloed.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(soloed);
        if (on) s.add(part);
        else s.remove(part);
        return new BandSettings(drums, bass, muted, s);
    }

    public BandSettings withDrums(Drums value) {
        return new BandSettings(value, bass, muted, soloed);
    }

    public BandSettings withBass(Bass value) {
        return new BandSettings(drums, value, muted, soloed);
    }

    /**
     * The drums: the groove comes from the style's {@code groove} factor (its transform and reference clips).
     *
     * @param channel    output channel 0–15 (General MIDI percussion is 9, "channel 10")
     * @param sound      velocity scale; program and register are not used by drums (each drum is one GM note)
     * @param fillEvery  0 for no fills, else a fill in the last bar of every 4 or 8 bars
     * @param fill       the clip whose second bar shows the fill (its groove latent is blended with the style's),
     *                   or null for the built-in tom fill clip named by the preset loader
     * @param follow     0 = the groove as the style sets it … 1 = moved fully toward the performer's density and
     *                   syncopation (see {@code band.PerformerFeel})
     * @param countIn    the engine's count-in bars are played on the hi-hat by this part instead of the click
     */
    public record Drums(int channel, OutputSettings sound, int fillEvery, ReferenceClip fill, double follow, boolean countIn) {
        public static final Range FOLLOW = new Range(0, 1);
        public static final OutputSettings SOUND = new OutputSettings(-1, 1.0, 35, 81);

        public Drums {
            if (channel < 0 || channel > 15) throw new IllegalArgumentException("drums channel " + (channel + 1) + ": allowed 1–16");
            if (fillEvery != 0 && fillEvery != 4 && fillEvery != 8) {
                throw new IllegalArgumentException("fill every " + fillEvery + " bars: allowed 0 (no fills), 4 or 8");
            }
            FOLLOW.check("follow", follow);
            if (fill != null && !fill.hasDrums()) throw new IllegalArgumentException("fill clip " + fill.name() + " has no drums on channel 10");
        }

        public Drums withSound(OutputSettings value) {
            return new Drums(channel, value, fillEvery, fill, follow, countIn);
        }

        public Drums withFollow(double value) {
            return new Drums(channel, sound, fillEvery, fill, value, countIn);
        }
    }

    /**
     * The bass.
     *
     * @param channel   output channel 0–15
     * @param sound     program, velocity scale and register (its notes are folded into it by octaves)
     * @param reference the bass clip that sets the part's style for a learned bass model, or null
     */
    public record Bass(int channel, OutputSettings sound, ReferenceClip reference) {
        public static final OutputSettings SOUND = new OutputSettings(33, 0.9, 28, 52);

        public Bass {
            if (channel < 0 || channel > 15) throw new IllegalArgumentException("bass channel " + (channel + 1) + ": allowed 1–16");
        }

        public Bass withSound(OutputSettings value) {
            return new Bass(channel, value, reference);
        }
    }
}
