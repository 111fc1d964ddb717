package org.analogy.engine.accompaniment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordRecognizer;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;
import org.analogy.engine.transform.TransformKind;

/**
 * The accompanist without a learned model, as arranger keyboards work: the texture's reference clips are
 * turned into {@link ChordPattern}s and played over the bar's chords. Texture transforms mix material
 * instead of latents: swap plays the reference; slerp and the XY pad cross-fade between the live texture
 * (what was played, re-voiced) and the references by velocity, dropping a source whose weight falls below
 * {@value #AUDIBLE_WEIGHT}; freeze repeats the previous bar's mix. Chord transforms pick the nearest of the
 * live and reference progressions. Sampling and attribute offsets need the learned model and act as live here.
 */
public final class PatternAccompanist implements Accompanist {

    static final double AUDIBLE_WEIGHT = 0.2;
    static final int BAR = 16;

    private final Map<String, ChordPattern[]> clipPatterns = new HashMap<>();
    private List<ChordPattern> heldPatterns = List.of();
    private List<Double> heldWeights = List.of();

    @Override
    public List<GridNote> accompany(Chord[] chords, List<GridNote> played, Style style, long bar) {
        if (chords.length != 2 * BAR) throw new IllegalArgumentException("accompany needs 32 chord steps, not " + chords.length);
        Chord[] target = java.util.Arrays.copyOfRange(chords, BAR, 2 * BAR);
        target = chordTransform(style, target, bar);

        FactorTransform texture = style.transform(Factor.TEXTURE);
        List<ChordPattern> patterns = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        if (texture.kind() == TransformKind.FREEZE && !heldPatterns.isEmpty()) {
            patterns.addAll(heldPatterns);
            weights.addAll(heldWeights);
        } else {
            double[] w = texture.mixWeights();
            List<ReferenceClip> refs = style.references(Factor.TEXTURE);
            if (w[0] >= AUDIBLE_WEIGHT) {
                patterns.add(livePattern(played));
                weights.add(w[0]);
            }
            for (int i = 0; i < refs.size(); i++) {
                if (w[i + 1] < AUDIBLE_WEIGHT) continue;
                patterns.add(clipPattern(refs.get(i), bar));
                weights.add(w[i + 1]);
            }
            heldPatterns = List.copyOf(patterns);
            heldWeights = List.copyOf(weights);
        }
        Map<Long, GridNote> merged = new java.util.LinkedHashMap<>();
        for (int i = 0; i < patterns.size(); i++) {
            double weight = weights.get(i);
            // Full weight plays as written; a cross-fade keeps both audible but neither at full level.
            double scale = weight >= 1 ? 1 : 0.55 + 0.45 * weight;
            for (GridNote n : patterns.get(i).realise(target, BAR, scale)) {
                long key = (long) n.start() << 8 | n.pitch();
                GridNote had = merged.get(key);
                if (had == null || had.velocity() < n.velocity()) merged.put(key, n);
            }
        }
        return new ArrayList<>(merged.values());
    }

    /** The live chords, or the reference progression when a chord transform leans to it. */
    private static Chord[] chordTransform(Style style, Chord[] live, long bar) {
        FactorTransform t = style.transform(Factor.CHORD);
        List<ReferenceClip> refs = style.references(Factor.CHORD);
        if (refs.isEmpty()) return live;
        double[] w = t.mixWeights();
        int best = 0;
        for (int i = 1; i < w.length; i++) if (w[i] > w[best]) best = i;
        if (best == 0) return live;
        List<Chord> clip = refs.get(best - 1).chordPerStep();
        int from = (int) Math.floorMod(bar, 2) * BAR;
        return clip.subList(from, from + BAR).toArray(Chord[]::new);
    }

    private ChordPattern clipPattern(ReferenceClip clip, long bar) {
        ChordPattern[] bars = clipPatterns.computeIfAbsent(clip.sha256(), k -> {
            Chord[] chords = clip.chords();
            return new ChordPattern[] {ChordPattern.of(clip.notes(), chords, 0, BAR), ChordPattern.of(clip.notes(), chords, BAR, BAR)};
        });
        return bars[(int) Math.floorMod(bar, 2)];
    }

    /** The last captured bar as a pattern, over the harmony heard in it. */
    private static ChordPattern livePattern(List<GridNote> played) {
        Chord[] heard = new Chord[2 * BAR];
        for (int half = 0; half < 4; half++) {
            Chord c = ChordRecognizer.recognize(played, half * 8, half * 8 + 8);
            java.util.Arrays.fill(heard, half * 8, half * 8 + 8, c);
        }
        return ChordPattern.of(played, heard, BAR, BAR);
    }

    @Override
    public String describe() {
        return "reference textures re-voiced to the chords";
    }
}
