package org.analogy.engine.chords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.Windows;

/** The learned predictor follows the performance bar by bar, on a model that shows what it was fed. */
class LearnedChordPredictorTest {

    static final Chord[] KEYS = {Chord.parseSymbol("C"), Chord.parseSymbol("F"), Chord.parseSymbol("G"), Chord.parseSymbol("Am")};

    /** Answers with beat chords that count the bars fed since the last reset: C C F F after one bar, F F G G after two… */
    static final class CountingModel implements LearnedChordPredictor.BarModel {
        final List<float[]> fed = new ArrayList<>();
        int sinceReset;
        int resets;

        @Override
        public Chord[] observe(float[] barFeatures) {
            fed.add(barFeatures.clone());
            sinceReset++;
            Chord a = KEYS[(sinceReset - 1) % 4];
            Chord b = KEYS[sinceReset % 4];
            return new Chord[] {a, a, b, b};
        }

        @Override
        public void reset() {
            sinceReset = 0;
            resets++;
        }
    }

    /** The root the fed bar's first beat chord names (−1 for no chord). */
    static int fedRoot(float[] features) {
        for (int pc = 0; pc < 12; pc++) if (features[PredictorFeatures.MELODY_FEATURES + pc] == 1f) return pc;
        return -1;
    }

    @Test
    void eachBarIsFedOnceInOrderWithWhatWasHeardAndAPredictedBarComesBackWithItsChosenChords() {
        CountingModel model = new CountingModel();
        PredictedChords source = new PredictedChords(new LearnedChordPredictor(model));
        // bar 0: the melody E E (a C-ish bar) — nothing was predicted for it, so its heard chords are fed
        BarWindow first = new Windows(2, 2).note(64, 0, 4).note(60, 4, 4).note(67, 8, 8).build();
        Chord[] bar2 = source.chords(first, 2, 1);
        assertThat(model.fed).hasSize(2); // bars 0 and 1
        assertThat(model.resets).isEqualTo(1);
        assertThat(bar2).hasSize(16);
        assertThat(Arrays.copyOfRange(bar2, 0, 8)).containsOnly(KEYS[1]);   // beats 1–2
        assertThat(Arrays.copyOfRange(bar2, 8, 16)).containsOnly(KEYS[2]);  // beats 3–4
        assertThat(model.fed.get(0)[PredictorFeatures.MELODY_FEATURES - 1]).as("bar 0 has melody").isEqualTo(1f);
        assertThat(model.fed.get(0)[4]).as("E sounds 4 of 16 steps").isEqualTo(0.25f);
        assertThat(fedRoot(model.fed.get(0))).as("chord heard in bar 0").isEqualTo(0);
        assertThat(model.fed.get(1)[PredictorFeatures.MELODY_FEATURES - 1]).as("bar 1 is silent").isEqualTo(0f);

        // asked again for bar 2 (another processor in the same bar): nothing new is fed, the answer stands
        assertThat(source.chords(first, 2, 1)).isEqualTo(bar2);
        assertThat(model.fed).hasSize(2);

        // next bar: bar 2 is fed with the chords heard in it (not the F predicted for it), and comes back as the
        // chords chosen for it as a past bar
        BarWindow second = new Windows(3, 2).note(72, 32, 4).build();
        Chord[] bars2and3 = source.chords(second, 2, 2);
        assertThat(model.fed).hasSize(3);
        assertThat(fedRoot(model.fed.get(2))).as("bar 2 fed with what was heard in it, not the F predicted for it").isNotEqualTo(5);
        assertThat(Arrays.copyOfRange(bars2and3, 0, 16)).isEqualTo(bar2);
        assertThat(bars2and3[16]).isEqualTo(KEYS[2]);
    }

    @Test
    void anEarlierBarStartsAgainAndAGapIsFedAsBarsWithoutMelody() {
        CountingModel model = new CountingModel();
        PredictedChords source = new PredictedChords(new LearnedChordPredictor(model));
        source.chords(new Windows(2, 2).note(60, 0, 4).build(), 2, 1);
        assertThat(model.fed).hasSize(2);
        // bar 6 after bar 2 (a looper that did not ask in between): bars 2–5 are fed, 2–3 from outside the window
        source.chords(new Windows(6, 2).note(62, 64, 4).build(), 6, 1);
        assertThat(model.fed).hasSize(6);
        assertThat(model.fed.get(2)[PredictorFeatures.MELODY_FEATURES - 1]).isEqualTo(0f);
        assertThat(model.fed.get(4)[PredictorFeatures.MELODY_FEATURES - 1]).as("bar 4 is in the window").isEqualTo(1f);
        // a new render from bar 0: the state starts again
        int resets = model.resets;
        source.chords(new Windows(1, 2).note(60, 0, 4).build(), 1, 1);
        assertThat(model.resets).isEqualTo(resets + 1);
        assertThat(model.sinceReset).isEqualTo(2); // bars −1 and 0
    }

    @Test
    void aFailingModelIsReportedAndTheNextCallStartsClean() {
        CountingModel model = new CountingModel();
        LearnedChordPredictor predictor = new LearnedChordPredictor(new LearnedChordPredictor.BarModel() {
            boolean fail = true;

            @Override
            public Chord[] observe(float[] f) throws Exception {
                if (fail) {
                    fail = false;
                    throw new IllegalStateException("session closed");
                }
                return model.observe(f);
            }

            @Override
            public void reset() {
                model.reset();
            }
        });
        PredictedChords source = new PredictedChords(predictor);
        BarWindow w = new Windows(2, 2).note(60, 0, 4).build();
        assertThatThrownBy(() -> source.chords(w, 2, 1)).hasMessageContaining("chord predictor failed").hasMessageContaining("session closed");
        assertThat(source.chords(w, 2, 1)).hasSize(16).doesNotContainNull();
        assertThat(model.sinceReset).isEqualTo(2);
    }
}
