package org.analogy.engine.chords;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.Windows;
import org.analogy.engine.repr.GridNote;

/** The harmony follower decides from the melody heard, never a chord before any melody, and again mid-bar. */
class HarmonyFollowerTest {

    static final Chord C = Chord.parseSymbol("C");
    static final Chord F = Chord.parseSymbol("F");

    /** A predictor that always says C# minor, as the learned one did on an empty state. */
    static final class WrongPrior implements ChordPredictor {
        @Override
        public Chord predictNext(List<Chord> pastBarChords, List<GridNote> recentNotes, int stepsPerBar) {
            return Chord.parseSymbol("C#m");
        }

        @Override
        public String name() {
            return "always C# minor";
        }
    }

    @Test
    void beforeAnyMelodyNoChordIsPlayedWhateverThePredictorSays() {
        HarmonyFollower follower = new HarmonyFollower(new WrongPrior());
        Chord[] bar0 = follower.predictBeats(new Windows(0, 2).build(), List.of());
        assertThat(bar0).containsOnly(Chord.NONE);
        assertThat(follower.redecidesAt(0, 4)).as("every beat while nothing has been heard").isTrue();
    }

    @Test
    void theFirstBeatsOfAMelodyInCMajorAreAccompaniedInCNotCSharpMinor() {
        HarmonyFollower follower = new HarmonyFollower(new WrongPrior());
        follower.predictBeats(new Windows(0, 2).build(), List.of());
        // Half of beat 1 of bar 0: a C, heard before beat 2's decision (root and fifth only: so little to go on).
        BarWindow beat2 = new Windows(1, 2).note(60, 0, 2).build().asRevision(4);
        Chord[] afterBeat1 = follower.redecide(beat2, 0, 4);
        assertThat(afterBeat1[0]).isEqualTo(Chord.NONE);
        assertThat(afterBeat1[1].root()).isZero();
        assertThat(afterBeat1[1].pitchClasses()).containsExactly(0, 7);
        // A bar of C E G C: the next bar is C major.
        BarWindow bar1 = new Windows(1, 2).note(60, 0, 4).note(64, 4, 4).note(67, 8, 4).note(72, 12, 3).build();
        assertThat(follower.predictBeats(bar1, List.of())).containsOnly(C);
    }

    @Test
    void beatsThreeAndFourAreDecidedAgainFromBeatsOneAndTwo() {
        HarmonyFollower follower = new HarmonyFollower(null);
        Windows played = new Windows(2, 2);
        for (int bar = 0; bar < 2; bar++) played.note(60, bar * 16, 4).note(64, bar * 16 + 4, 4).note(67, bar * 16 + 8, 4).note(72, bar * 16 + 12, 4);
        assertThat(follower.predictBeats(played.build(), List.of())).containsOnly(C);
        assertThat(follower.redecidesAt(2, 8)).isTrue();
        assertThat(follower.redecidesAt(2, 4)).as("only mid-bar once the song is under way").isFalse();
        // Bar 2, beats 1–2: F A C F — from beat 3 on the bar becomes F major, beats 1–2 stay as played.
        Windows withF = new Windows(3, 3);
        for (int bar = 0; bar < 2; bar++) withF.note(60, bar * 16, 4).note(64, bar * 16 + 4, 4).note(67, bar * 16 + 8, 4).note(72, bar * 16 + 12, 4);
        withF.note(65, 32, 2).note(69, 34, 2).note(72, 36, 2).note(77, 38, 2);
        Chord[] revised = follower.redecide(withF.build().asRevision(40), 2, 8);
        assertThat(revised).containsExactly(C, C, F, F);
        assertThat(follower.chosenFor(2)).containsExactly(C, C, F, F);
    }

    @Test
    void aPassagePlayedAgainRecallsTheChordsThatFittedItTheFirstTime() {
        // A phrase of four bars: a held C, a held C, an A minor arpeggio, a held C; then the phrase again. Before
        // its third bar the second time only the held Cs have been heard (C, F, A minor... all fit them), and the
        // memory of the first time says A minor.
        Windows w = new Windows(6, 6);
        for (int rep = 0; rep < 2; rep++) {
            for (int b = 0; b < 4 && rep * 4 + b < 6; b++) {
                int start = (rep * 4 + b) * 16;
                if (b == 2) {
                    int[] arpeggio = {69, 72, 76, 69, 72, 76, 69, 72};
                    for (int i = 0; i < arpeggio.length; i++) w.note(arpeggio[i], start + 2 * i, 2);
                } else {
                    w.note(72, start, 16);
                }
            }
        }
        Chord[] bar6 = new HarmonyFollower(null).predictBeats(w.build(), List.of());
        assertThat(bar6[0]).isEqualTo(Chord.parseSymbol("Am"));
        // Without the first time (a fresh follower that hears only bars 4–5 of the window) nothing recalls it.
        Windows once = new Windows(6, 2).note(72, 64, 16).note(72, 80, 16);
        assertThat(new HarmonyFollower(null).predictBeats(once.build(), List.of())[0]).isNotEqualTo(Chord.parseSymbol("Am"));
    }
}
