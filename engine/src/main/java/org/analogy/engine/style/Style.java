package org.analogy.engine.style;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.chords.PredictedChords;
import org.analogy.engine.chords.RepeatChordPredictor;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;
import org.analogy.engine.transform.Range;

/**
 * A preset as the engine runs it: the mode, where chords come from, a transform per factor with its
 * reference clips already read, and how each part sounds. Immutable: the control API swaps a whole new
 * style into the snapshot and the inference stage sees it at the next bar line.
 *
 * @param loopBars latent looper: bars captured before looping (2, 4, 6 or 8)
 * @param overdub  latent looper: bars played over while looping replace the loop's latents for those bars
 * @param band     the band's parts beyond the piano (drums, bass) and the mute/solo of every part
 */
public record Style(String name, String description, String mode, ChordSource chords,
                    Map<Factor, FactorTransform> transforms, Map<Factor, List<ReferenceClip>> references,
                    OutputSettings melody, OutputSettings accompaniment, int loopBars, boolean overdub, BandSettings band) {

    public static final Range LOOP_BARS = new Range(2, 8);

    public static final Style DEFAULT = new Style("default", "live latents, chords heard in what is played", "echo",
            new PredictedChords(new RepeatChordPredictor()), Map.of(), Map.of(), OutputSettings.MELODY,
            OutputSettings.ACCOMPANIMENT, 4, false, BandSettings.NONE);

    /** A style without band parts (the piano alone). */
    public Style(String name, String description, String mode, ChordSource chords,
                 Map<Factor, FactorTransform> transforms, Map<Factor, List<ReferenceClip>> references,
                 OutputSettings melody, OutputSettings accompaniment, int loopBars, boolean overdub) {
        this(name, description, mode, chords, transforms, references, melody, accompaniment, loopBars, overdub, BandSettings.NONE);
    }

    public Style {
        EnumMap<Factor, FactorTransform> t = new EnumMap<>(Factor.class);
        EnumMap<Factor, List<ReferenceClip>> r = new EnumMap<>(Factor.class);
        for (Factor f : Factor.values()) {
            FactorTransform ft = transforms.getOrDefault(f, FactorTransform.LIVE);
            List<ReferenceClip> refs = List.copyOf(references.getOrDefault(f, List.of()));
            if (refs.size() != ft.references().size()) {
                throw new IllegalArgumentException(f.key() + ": " + ft.references().size() + " reference(s) named but "
                        + refs.size() + " loaded");
            }
            t.put(f, ft);
            r.put(f, refs);
        }
        transforms = Map.copyOf(t);
        references = Map.copyOf(r);
        LOOP_BARS.check("loop bars", loopBars);
        if (loopBars % 2 != 0) throw new IllegalArgumentException("loop bars " + loopBars + ": allowed 2, 4, 6 or 8 (the models work on 2-bar windows)");
        if (band == null) band = BandSettings.NONE;
    }

    public FactorTransform transform(Factor f) {
        return transforms.get(f);
    }

    public List<ReferenceClip> references(Factor f) {
        return references.get(f);
    }

    /** The same style with one factor's transform replaced; {@code refs} are the clips its references name. */
    public Style withTransform(Factor f, FactorTransform transform, List<ReferenceClip> refs) {
        Map<Factor, FactorTransform> t = new EnumMap<>(transforms);
        Map<Factor, List<ReferenceClip>> r = new EnumMap<>(references);
        t.put(f, transform);
        r.put(f, refs);
        return new Style(name, description, mode, chords, t, r, melody, accompaniment, loopBars, overdub, band);
    }

    /** The same style with one factor's transform changed in its settings only (same references). */
    public Style withTransform(Factor f, FactorTransform transform) {
        if (!transform.references().equals(transform(f).references())) {
            throw new IllegalArgumentException(f.key() + ": new references need their clips loaded (use withTransform(f, t, clips))");
        }
        return withTransform(f, transform, references(f));
    }

    public Style withChords(ChordSource source) {
        return new Style(name, description, mode, source, transforms, references, melody, accompaniment, loopBars, overdub, band);
    }

    public Style withMode(String value) {
        return new Style(name, description, value, chords, transforms, references, melody, accompaniment, loopBars, overdub, band);
    }

    public Style withLooper(int bars, boolean overdubbing) {
        return new Style(name, description, mode, chords, transforms, references, melody, accompaniment, bars, overdubbing, band);
    }

    public Style withOutputs(OutputSettings melodyOut, OutputSettings accompanimentOut) {
        return new Style(name, description, mode, chords, transforms, references, melodyOut, accompanimentOut, loopBars, overdub, band);
    }

    /** The same style with other band parts or mute/solo settings; heard from the next bar line. */
    public Style withBand(BandSettings value) {
        return new Style(name, description, mode, chords, transforms, references, melody, accompaniment, loopBars, overdub, value);
    }
}
