package org.analogy.train.latent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.analogy.engine.latent.LatentFeatures;
import org.analogy.engine.melody.MelodyLatents;

/**
 * The predictor's sequences cut from a {@link LatentCorpus.Run}: windows two bars apart (bars p, p+2, p+4 …
 * for each phase p of 0 and 1), read forwards or backwards. Position t's target is the next window of the
 * sequence in its direction: the one two bars later (forward) or earlier (backward).
 */
final class LatentSequences {

    /** One direction's view of a run: its windows in reading order. */
    record Sequence(LatentCorpus.Run run, int[] windows, boolean forward) {
        int length() {
            return windows.length;
        }

        /** The window position t predicts, or -1 past the end. */
        int target(int t) {
            return t + 1 < windows.length ? windows[t + 1] : -1;
        }
    }

    private LatentSequences() {
    }

    /** Both phases of every run, in the given direction; sequences of fewer than 2 windows are left out. */
    static List<Sequence> of(List<LatentCorpus.Run> runs, boolean forward) {
        List<Sequence> out = new ArrayList<>();
        for (LatentCorpus.Run run : runs) {
            for (int phase = 0; phase < 2; phase++) {
                List<Integer> w = new ArrayList<>();
                for (int k = phase; k < run.windows(); k += 2) w.add(k);
                if (w.size() < 2) continue;
                int[] windows = w.stream().mapToInt(Integer::intValue).toArray();
                if (!forward) reverse(windows);
                out.add(new Sequence(run, windows, forward));
            }
        }
        return out;
    }

    /** The run's latents of window w. */
    static MelodyLatents latents(LatentCorpus.Run run, int w, int zPitch, int zRhythm) {
        int z = zPitch + zRhythm;
        return new MelodyLatents(Arrays.copyOfRange(run.z(), w * z, w * z + zPitch), Arrays.copyOfRange(run.z(), w * z + zPitch, (w + 1) * z));
    }

    /** Features of window w of {@code run} predicting in the given direction, at {@code out[offset …]}. */
    static void features(LatentCorpus.Run run, int w, boolean forward, int zPitch, int zRhythm, float[] out, int offset) {
        int targetBar = forward ? w + 2 : w - 2;
        LatentFeatures.write(latents(run, w, zPitch, zRhythm), run.windowChroma(w), run.windowChroma(targetBar), w, out, offset);
    }

    /** A whole sequence's features, {@code [length * F]}. */
    static float[] features(Sequence s, int zPitch, int zRhythm) {
        int f = LatentFeatures.size(zPitch, zRhythm);
        float[] out = new float[s.length() * f];
        for (int t = 0; t < s.length(); t++) features(s.run(), s.windows()[t], s.forward(), zPitch, zRhythm, out, t * f);
        return out;
    }

    private static void reverse(int[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
