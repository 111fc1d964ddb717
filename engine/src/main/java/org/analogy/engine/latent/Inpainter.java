package org.analogy.engine.latent;

import java.util.ArrayList;
import java.util.List;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordFeatures;
import org.analogy.engine.melody.LatentMath;
import org.analogy.engine.melody.MelodyCodec;
import org.analogy.engine.melody.MelodyLatents;
import org.analogy.engine.melody.MelodyTokens;
import org.analogy.engine.repr.GridNote;

/**
 * Fills a gap of bars in a melody from both sides. The gap is covered by 2-bar windows from its first bar; the
 * forward predictor reads up to four windows before the gap and continues into it, the backward predictor reads up
 * to four windows after it and continues back into it, and each gap window takes a blend of the two predictions,
 * weighted toward the nearer side (window i of k: forward (k − i)/(k + 1), backward (i + 1)/(k + 1)). With context
 * on one side only, that side's prediction is used. The blends are decoded under the gap's chords; notes are kept
 * where they begin inside the gap, and end by its end.
 */
public final class Inpainter {

    static final int CONTEXT_WINDOWS = 4;
    private static final int BAR = MelodyTokens.STEPS_PER_BAR;
    private static final int WINDOW = MelodyTokens.WINDOW_STEPS;

    /**
     * How the gap's latents are found: the model from both sides with each window's rhythm the nearest rhythm of the
     * context windows ({@link MelodyContinuation#withNearestRhythm}); the model's own latents as they are; or the
     * baseline, a straight line between the neighbours.
     */
    public enum Method { PREDICT, PREDICT_RAW, INTERPOLATE }

    private final MelodyCodec codec;
    private final MelodyContinuation continuation;

    public Inpainter(MelodyCodec codec, LatentPredictorModel predictor) {
        this.codec = codec;
        this.continuation = predictor == null ? null : new MelodyContinuation(predictor);
    }

    /**
     * The new notes of bars {@code fromBar..toBar} (0-based, inclusive; absolute steps).
     *
     * @param melody       the melody (any voices: the top voice is read), absolute steps
     * @param chordPerStep the chord of every step of the song, at least to the end of the gap's last window
     * @param bars         the song's length in bars (context windows must end within it)
     */
    public List<GridNote> fill(List<GridNote> melody, List<Chord> chordPerStep, int fromBar, int toBar, int bars, int velocity,
                               Method method) throws Exception {
        if (fromBar < 0 || toBar < fromBar || toBar >= bars) {
            throw new IllegalArgumentException("bars " + (fromBar + 1) + "–" + (toBar + 1) + " are not inside the song's " + bars + " bars");
        }
        int k = (toBar - fromBar + 2) / 2;
        List<MelodyContinuation.Window> before = new ArrayList<>();
        for (int first = fromBar - 2 * CONTEXT_WINDOWS; first <= fromBar - 2; first += 2) {
            if (first >= 0) before.add(window(melody, chordPerStep, first));
        }
        List<MelodyContinuation.Window> after = new ArrayList<>();
        for (int first = fromBar + 2 * k + 2 * (CONTEXT_WINDOWS - 1); first >= fromBar + 2 * k; first -= 2) {
            if (first + 1 < bars) after.add(window(melody, chordPerStep, first));
        }
        if (before.isEmpty() && after.isEmpty()) {
            throw new IllegalArgumentException("bars " + (fromBar + 1) + "–" + (toBar + 1) + " leave no whole 2-bar window before or after them to predict from");
        }
        List<MelodyContinuation.Target> targets = new ArrayList<>();
        List<float[]> stepChroma = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int first = fromBar + 2 * i;
            float[] chroma = ChordFeatures.chroma(chords(chordPerStep, first * BAR, WINDOW));
            stepChroma.add(chroma);
            targets.add(new MelodyContinuation.Target(LatentFeatures.barChroma(chroma), first));
        }
        List<MelodyLatents> latents = method == Method.INTERPOLATE ? interpolated(before, after, k) : predicted(before, after, targets);
        if (method == Method.PREDICT) {
            List<MelodyLatents> seen = new ArrayList<>();
            for (MelodyContinuation.Window w : before) seen.add(w.latents());
            for (MelodyContinuation.Window w : after) seen.add(w.latents());
            latents.replaceAll(z -> MelodyContinuation.withNearestRhythm(z, seen));
        }
        List<GridNote> out = new ArrayList<>();
        int gapEnd = (toBar + 1) * BAR;
        for (int i = 0; i < k; i++) {
            int start = (fromBar + 2 * i) * BAR;
            for (GridNote n : MelodyTokens.decode(codec.decode(latents.get(i), stepChroma.get(i)), velocity)) {
                int s = start + n.start();
                if (s >= gapEnd) continue;
                out.add(new GridNote(n.pitch(), n.velocity(), s, Math.min(n.duration(), gapEnd - s)));
            }
        }
        return out;
    }

    private List<MelodyLatents> predicted(List<MelodyContinuation.Window> before, List<MelodyContinuation.Window> after,
                                          List<MelodyContinuation.Target> targets) throws Exception {
        if (continuation == null) throw new IllegalStateException("no latent predictor: only interpolation is possible");
        int k = targets.size();
        List<MelodyLatents> forward = before.isEmpty() ? null : continuation.predict(LatentPredictorModel.Direction.FORWARD, before, targets);
        List<MelodyLatents> backward = null;
        if (!after.isEmpty()) {
            List<MelodyLatents> reversed = continuation.predict(LatentPredictorModel.Direction.BACKWARD, after, reversed(targets));
            backward = reversed(reversed);
        }
        if (forward == null) return new ArrayList<>(backward);
        if (backward == null) return new ArrayList<>(forward);
        List<MelodyLatents> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            double wb = (i + 1.0) / (k + 1.0);
            out.add(mix(forward.get(i), backward.get(i), wb));
        }
        return out;
    }

    /** The baseline: straight lines in latent space from the window before the gap to the window after it. */
    private static List<MelodyLatents> interpolated(List<MelodyContinuation.Window> before, List<MelodyContinuation.Window> after, int k) {
        MelodyLatents left = before.isEmpty() ? null : before.get(before.size() - 1).latents();
        MelodyLatents right = after.isEmpty() ? null : after.get(after.size() - 1).latents();
        List<MelodyLatents> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            if (left == null) out.add(right);
            else if (right == null) out.add(left);
            else out.add(mix(left, right, (i + 1.0) / (k + 1.0)));
        }
        return out;
    }

    private MelodyContinuation.Window window(List<GridNote> melody, List<Chord> chordPerStep, int firstBar) throws Exception {
        int[] tokens = MelodyTokens.encode(melody, firstBar * BAR, WINDOW);
        float[] chroma = ChordFeatures.chroma(chords(chordPerStep, firstBar * BAR, WINDOW));
        return new MelodyContinuation.Window(codec.encode(tokens, chroma), LatentFeatures.barChroma(chroma), firstBar);
    }

    /** {@code steps} chords from {@code from}; past the end of the list, no chord. */
    static List<Chord> chords(List<Chord> perStep, int from, int steps) {
        List<Chord> out = new ArrayList<>(steps);
        for (int i = from; i < from + steps; i++) out.add(i < perStep.size() ? perStep.get(i) : Chord.NONE);
        return out;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    /** {@code (1 − w)·a + w·b}, pitch and rhythm alike. */
    static MelodyLatents mix(MelodyLatents a, MelodyLatents b, double w) {
        return new MelodyLatents(LatentMath.lerp(a.pitch(), b.pitch(), w), LatentMath.lerp(a.rhythm(), b.rhythm(), w));
    }
}
