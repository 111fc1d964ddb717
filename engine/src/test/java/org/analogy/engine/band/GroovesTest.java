package org.analogy.engine.band;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.analogy.engine.drums.DrumModel;
import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.melody.LatentMath;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.ReferenceClips;

/**
 * The drums part on the shipped groove model, measured: each band clip's groove comes back from its latent, the
 * attribute directions the performer is followed along move the decoded density and syncopation the way they say,
 * and a fill bar holds more tom and snare hits than the groove's. Skipped when the drums bundle is not installed.
 */
class GroovesTest {

    static DrumModel model;
    static Grooves grooves;
    static ReferenceClips clips = new ReferenceClips(List.of(Path.of("../presets/clips")));

    @BeforeAll
    static void load() throws Exception {
        Path dir = ModelStore.bundleDir("drums");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve(ModelBundle.MANIFEST)), "skipped: no drums bundle at " + dir);
        model = DrumModel.load(ModelBundle.load(dir), MelodyModel.Options.DEFAULT);
        grooves = Grooves.learned(model, "test");
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    static final List<String> GROOVES = List.of("drums-pop", "drums-rock", "drums-funk", "drums-bossa", "drums-ballad", "drums-reggae");

    @Test
    void everyBandGrooveComesBackFromItsLatent() throws Exception {
        for (String name : GROOVES) {
            ReferenceClip clip = clips.load(name, null);
            DrumPattern decoded = grooves.decode(grooves.latent(clip));
            double f1 = onsetF1(clip.drums(), decoded);
            System.out.printf("groove %-13s hits %3d → decoded %3d, onset F1 %.2f%n", name, clip.drums().hitCount(), decoded.hitCount(), f1);
            // Measured: 0.98 pop, 0.95 rock and funk, 0.91 bossa, 0.78 ballad, 0.59 reggae (the one drop, with nothing
            // on the one, is far from most of the Groove MIDI Dataset; the model keeps its kick and rim on 3).
            assertThat(f1).as(name).isGreaterThan(0.55);
        }
    }

    @Test
    void theDensityDirectionAddsHitsAndTheSyncopationDirectionMovesThemOffTheBeat() throws Exception {
        for (String name : GROOVES) {
            float[] z = grooves.latent(clips.load(name, null));
            int[] hits = new int[5];
            double[] off = new double[5];
            StringBuilder line = new StringBuilder(String.format("%-13s", name));
            for (int i = 0; i < 5; i++) {
                double a = i - 2;
                hits[i] = grooves.decode(moved(z, grooves.densityDirection(), a)).hitCount();
                off[i] = offBeatShare(grooves.decode(moved(z, grooves.syncopationDirection(), a)));
                line.append(String.format(" | %+.0f: %3d hits, %.2f off-beat", a, hits[i], off[i]));
            }
            System.out.println(line);
            assertThat(hits[4]).as(name + ": density +2 against −2").isGreaterThan(hits[0]);
            assertThat(hits[3]).as(name + ": density +1 against 0").isGreaterThanOrEqualTo(hits[2]);
            assertThat(off[4]).as(name + ": syncopation +2 against −2").isGreaterThan(off[0]);
        }
    }

    @Test
    void aFillBarHoldsMoreTomAndSnareHitsThanTheGroovesBar() throws Exception {
        for (String fill : List.of("drums-fill-toms", "drums-fill-snare", "drums-fill-soft")) {
            float[] f = grooves.latent(clips.load(fill, null));
            for (String name : List.of("drums-pop", "drums-rock", "drums-ballad")) {
                float[] z = grooves.latent(clips.load(name, null));
                DrumPattern groove = grooves.decode(z);
                DrumPattern filled = grooves.decode(LatentMath.slerp(z, f, Drummer.FILL_BLEND));
                int g = fillHits(groove, 1);
                int h = fillHits(filled, 1);
                System.out.printf("fill %-16s over %-13s: tom+snare hits in bar 2 %d (groove %d)%n", fill, name, h, g);
                assertThat(h).as(fill + " over " + name).isGreaterThan(g);
            }
        }
    }

    @Test
    void decodeTimePerBar() throws Exception {
        float[] z = grooves.latent(clips.load("drums-funk", null));
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            float[] moved = moved(z, grooves.densityDirection(), (i % 7 - 3) / 3.0);
            long t0 = System.nanoTime();
            grooves.decode(moved);
            nanos.add(System.nanoTime() - t0);
        }
        nanos.sort(null);
        System.out.printf("drums decode per bar: median %.2f ms, p99 %.2f ms (informational: timing targets live in the benchmarks)%n",
                nanos.get(150) / 1e6, nanos.get(296) / 1e6);
        assertThat(nanos).isNotEmpty();
    }

    static float[] moved(float[] z, float[] direction, double amount) {
        float[] out = z.clone();
        for (int k = 0; k < out.length; k++) out[k] += (float) (amount * direction[k]);
        return out;
    }

    /** Onset F1 over (step, drum) between a pattern and its reconstruction. */
    static double onsetF1(DrumPattern a, DrumPattern b) {
        int tp = 0;
        for (int s = 0; s < DrumPattern.STEPS; s++) for (DrumVoice v : DrumVoice.values()) if (a.hit(s, v) && b.hit(s, v)) tp++;
        if (a.hitCount() + b.hitCount() == 0) return 1;
        return 2.0 * tp / (a.hitCount() + b.hitCount());
    }

    static double offBeatShare(DrumPattern p) {
        int all = 0;
        int off = 0;
        for (int s = 0; s < DrumPattern.STEPS; s++) {
            for (DrumVoice v : List.of(DrumVoice.KICK, DrumVoice.SNARE)) {
                if (!p.hit(s, v)) continue;
                all++;
                if (s % 4 != 0) off++;
            }
        }
        return all == 0 ? 0 : off / (double) all;
    }

    static int fillHits(DrumPattern p, int bar) {
        int n = 0;
        for (int s = bar * 16; s < bar * 16 + 16; s++) {
            for (DrumVoice v : List.of(DrumVoice.SNARE, DrumVoice.LOW_TOM, DrumVoice.MID_TOM, DrumVoice.HIGH_TOM)) if (p.hit(s, v)) n++;
        }
        return n;
    }
}
