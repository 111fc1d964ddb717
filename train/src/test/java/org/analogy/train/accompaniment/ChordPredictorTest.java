package org.analogy.train.accompaniment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordPredictorModel;
import org.analogy.engine.chords.PredictorFeatures;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.repr.GridNote;
import org.analogy.train.nn.NamedWeights;

/**
 * The predictor's pieces on a small random model: bar features, the ONNX export run bar by bar in the engine
 * runtime against the DJL model run over the whole sequence at once, and the metrics' baseline.
 */
class ChordPredictorTest {

    private static final PredictorConfig SMALL = new PredictorConfig(12, 10, 5);

    @Test
    void barFeaturesHoldTheMelodyProfileAndTheBeatChords() {
        float[] f = new float[PredictorFeatures.BAR_FEATURES + 2];
        Chord c = Chord.parseSymbol("C");
        Chord am = Chord.parseSymbol("Am");
        PredictorFeatures.bar(List.of(new GridNote(60, 90, 0, 4), new GridNote(64, 90, 12, 8)), List.of(c, c, am, am), f, 2);
        assertThat(f[2]).isEqualTo(0.5f);        // C sounds 4 of 8 steps inside the bar
        assertThat(f[2 + 4]).isEqualTo(0.5f);    // E: 4 steps inside the bar, the rest is cut off
        assertThat(f[2 + 12]).isEqualTo(1f);
        assertThat(f[2 + 13 + 2 * 36 + 9]).as("beat 3 root A").isEqualTo(1f);
        assertThat(f[0]).isZero();
        assertThat(PredictorFeatures.rootClass(Chord.NONE)).isEqualTo(PredictorFeatures.NO_CHORD);
    }

    @Test
    void chordsAreReadOffLogits() {
        float[] roots = new float[13];
        float[] chroma = new float[12];
        java.util.Arrays.fill(chroma, -1f);
        roots[7] = 3f;
        chroma[11] = 1f;
        chroma[2] = 1f;
        assertThat(PredictorFeatures.chord(roots, 0, chroma, 0).pitchClassMask()).isEqualTo(1 << 7 | 1 << 11 | 1 << 2);
        roots[12] = 5f;
        assertThat(PredictorFeatures.chord(roots, 0, chroma, 0).isNone()).isTrue();
    }

    @Test
    void aChordToPlayIsTheBestRealRootWithAtLeastItsTriad() {
        float[] roots = new float[13];
        float[] chroma = new float[12];
        java.util.Arrays.fill(chroma, -1f);
        roots[12] = 5f;                 // "no chord" wins…
        roots[9] = 2f;                  // …A is the best real root
        chroma[0] = -0.5f;              // minor third favoured over the major one (C# at -1)
        chroma[7] = 0.5f;               // a seventh above 0 joins
        Chord c = PredictorFeatures.playableChord(roots, 0, chroma, 0);
        assertThat(c.isNone()).isFalse();
        assertThat(c.root()).isEqualTo(9);
        assertThat(c.pitchClassMask()).isEqualTo(1 << 9 | 1 << 0 | 1 << 4 | 1 << 7);
    }

    @Test
    void engineRuntimeBarByBarMatchesDjlOverTheWholeSequence(@TempDir Path dir) throws Exception {
        int bars = 6;
        float[] features = new float[bars * PredictorFeatures.BAR_FEATURES];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < features.length; i++) features[i] = random.nextInt(4) == 0 ? 1f : 0f;
        float[] roots, chroma, z;
        try (NDManager manager = NDManager.newBaseManager()) {
            NamedWeights weights = NamedWeights.initialise(manager, SMALL.layout(), 4);
            ChordPredictorNet net = new ChordPredictorNet(weights, SMALL);
            JniUtils.setGradMode(false);
            ChordPredictorNet.Output o = net.forward(manager.create(features, new Shape(1, bars, PredictorFeatures.BAR_FEATURES)),
                    manager.zeros(new Shape(1, 1, SMALL.hidden())), false);
            roots = o.rootLogits().toFloatArray();
            chroma = o.chromaLogits().toFloatArray();
            z = o.zChord().toFloatArray();
            ExportPredictor.writeBundle(dir, SMALL, weights.toFloatArrays(), Map.of());
        }
        try (ChordPredictorModel predictor = ChordPredictorModel.load(ModelBundle.load(dir), MelodyModel.Options.DEFAULT)) {
            for (int pass = 0; pass < 2; pass++) {   // the second pass checks that reset() forgets the first
                for (int t = 0; t < bars; t++) {
                    float[] bar = java.util.Arrays.copyOfRange(features, t * PredictorFeatures.BAR_FEATURES, (t + 1) * PredictorFeatures.BAR_FEATURES);
                    ChordPredictorModel.Prediction p = predictor.observe(bar);
                    for (int beat = 0; beat < 4; beat++) {
                        assertThat(p.beats()[beat]).as("bar %d beat %d", t, beat)
                                .isEqualTo(PredictorFeatures.playableChord(roots, (t * 4 + beat) * 13, chroma, (t * 4 + beat) * 12));
                    }
                    for (int i = 0; i < SMALL.zChord(); i++) assertThat(p.zChord()[i]).isCloseTo(z[t * SMALL.zChord() + i], within(1e-4f));
                }
                predictor.reset();
            }
        }
    }

    @Test
    void metricsCompareWithRepeatingTheCurrentChord() {
        PredictorMetrics m = new PredictorMetrics();
        Chord c = Chord.parseSymbol("C"), g = Chord.parseSymbol("G"), am = Chord.parseSymbol("Am");
        m.add(g, c, g);          // model right, repeat wrong
        m.add(am, c, c);         // model wrong, repeat right
        m.add(g, g, Chord.NONE); // not judged: nothing annotated
        assertThat(m.positions()).isEqualTo(2);
        assertThat(m.rootAccuracy()).isEqualTo(0.5);
        assertThat(m.baselineRootAccuracy()).isEqualTo(0.5);
        assertThat(m.chordToneAgreement()).isEqualTo((1.0 + 2.0 / 4) / 2, within(1e-9));   // Am vs C share C and E
    }
}
