package org.analogy.engine.melody;

import static org.analogy.engine.melody.MelodyTokens.HOLD;
import static org.analogy.engine.melody.MelodyTokens.REST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import org.analogy.engine.repr.GridNote;

class MelodyTokensTest {

    private static GridNote note(int pitch, int start, int duration) {
        return new GridNote(pitch, 90, start, duration);
    }

    @Test
    void aSingleNoteIsAnOnsetThenHoldsThenRests() {
        int[] tokens = MelodyTokens.encode(List.of(note(60, 1, 3)), 0, 6);
        assertThat(tokens).containsExactly(REST, 60, HOLD, HOLD, REST, REST);
    }

    @Test
    void aWindowIsThirtyTwoStepsOfTwoBars() {
        assertThat(MelodyTokens.WINDOW_STEPS).isEqualTo(32);
        assertThat(MelodyTokens.STEPS_PER_BAR).isEqualTo(16);
        assertThat(MelodyTokens.CLASSES).isEqualTo(130);
        assertThat(MelodyTokens.encodeWindow(List.of(), 0)).hasSize(32).containsOnly(REST);
    }

    @Test
    void theHighestNoteOfASimultaneousChordIsTheMelody() {
        int[] tokens = MelodyTokens.encode(List.of(note(60, 0, 4), note(67, 0, 2), note(64, 0, 4)), 0, 4);
        // 67 ends at step 2; 60 and 64 began with it under it, so they never become melody.
        assertThat(tokens).containsExactly(67, HOLD, REST, REST);
    }

    @Test
    void aLowerOnsetDoesNotInterruptAHigherSustainingNote() {
        int[] tokens = MelodyTokens.encode(List.of(note(72, 0, 4), note(60, 2, 4)), 0, 6);
        assertThat(tokens).containsExactly(72, HOLD, HOLD, HOLD, REST, REST);
    }

    @Test
    void aHigherOnsetCutsTheLowerSustainingNote() {
        int[] tokens = MelodyTokens.encode(List.of(note(60, 0, 6), note(65, 2, 2)), 0, 6);
        // 60 is cut at step 2 and does not come back when 65 ends: it would read as 65 being held.
        assertThat(tokens).containsExactly(60, HOLD, 65, HOLD, REST, REST);
    }

    @Test
    void theSamePitchStruckAgainIsANewOnset() {
        int[] tokens = MelodyTokens.encode(List.of(note(62, 0, 4), note(62, 2, 2)), 0, 4);
        assertThat(tokens).containsExactly(62, HOLD, 62, HOLD);
    }

    @Test
    void aNoteStartedBeforeTheWindowIsAnOnsetAtStepZero() {
        int[] tokens = MelodyTokens.encode(List.of(note(64, 30, 4), note(67, 34, 1)), 32, 4);
        assertThat(tokens).containsExactly(64, HOLD, 67, REST);
    }

    @Test
    void aNoteRunningPastTheWindowEndIsCut() {
        int[] tokens = MelodyTokens.encode(List.of(note(64, 2, 10)), 0, 4);
        assertThat(tokens).containsExactly(REST, REST, 64, HOLD);
    }

    @Test
    void notesOutsideTheWindowLeaveItSilent() {
        int[] tokens = MelodyTokens.encode(List.of(note(64, 0, 4), note(65, 12, 2)), 4, 8);
        assertThat(tokens).containsOnly(REST);
    }

    @Test
    void anIgnoredLowerNoteStaysIgnoredAcrossAWindowStart() {
        // 60 starts under the sustaining 72; 72 ends before the window, 60 sounds on into it.
        List<GridNote> notes = List.of(note(72, 0, 6), note(60, 2, 10));
        assertThat(MelodyTokens.encode(notes, 8, 4)).containsOnly(REST);
        assertThat(MelodyTokens.encode(notes, 0, 12))
                .containsExactly(72, HOLD, HOLD, HOLD, HOLD, HOLD, REST, REST, REST, REST, REST, REST);
    }

    @Test
    void aWindowNeverStartsWithHold() {
        List<GridNote> notes = List.of(note(60, 0, 40), note(62, 40, 8));
        for (int start = 0; start < 48; start++) {
            assertThat(MelodyTokens.encode(notes, start, 8)[0]).isNotEqualTo(HOLD);
        }
    }

    @Test
    void topVoiceCutsAndDropsNotes() {
        List<GridNote> melody = MelodyTokens.topVoice(List.of(
                note(60, 0, 8), note(55, 0, 8), note(67, 4, 2), note(50, 5, 10), note(64, 8, 2)));
        assertThat(melody).containsExactly(note(60, 0, 4), note(67, 4, 2), note(64, 8, 2));
    }

    @Test
    void decodeTurnsTokensIntoNotesFromStepZero() {
        int[] tokens = {REST, 60, HOLD, HOLD, 62, 62, REST, HOLD};
        assertThat(MelodyTokens.decode(tokens, 80)).containsExactly(
                new GridNote(60, 80, 1, 3), new GridNote(62, 80, 4, 1), new GridNote(62, 80, 5, 1));
        assertThat(MelodyTokens.decode(tokens)).allMatch(n -> n.velocity() == MelodyTokens.DEFAULT_VELOCITY);
    }

    @Test
    void anOrphanHoldDecodesAsRest() {
        assertThat(MelodyTokens.decode(new int[]{HOLD, HOLD, 60, REST, HOLD})).containsExactly(new GridNote(60, 100, 2, 1));
    }

    @Test
    void aNoteHeldToTheLastStepIsClosedThere() {
        assertThat(MelodyTokens.decode(new int[]{REST, 70, HOLD})).containsExactly(new GridNote(70, 100, 1, 2));
    }

    @Test
    void rhythmMapsOnsetHoldAndRest() {
        int[] rhythm = MelodyTokens.rhythm(new int[]{0, 127, HOLD, REST});
        assertThat(rhythm).containsExactly(MelodyTokens.Rhythm.ONSET, MelodyTokens.Rhythm.ONSET,
                MelodyTokens.Rhythm.HOLD, MelodyTokens.Rhythm.REST);
        assertThat(MelodyTokens.Rhythm.ONSET).isZero();
        assertThat(MelodyTokens.Rhythm.HOLD).isEqualTo(1);
        assertThat(MelodyTokens.Rhythm.REST).isEqualTo(2);
    }

    @Test
    void onsetCountCountsPitchTokensOnly() {
        assertThat(MelodyTokens.onsetCount(new int[]{60, HOLD, REST, 61, 0})).isEqualTo(3);
    }

    @Test
    void invalidTokensAndLengthsAreRejected() {
        assertThatThrownBy(() -> MelodyTokens.decode(new int[]{60, 130}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("130").hasMessageContaining("step 1");
        assertThatThrownBy(() -> MelodyTokens.rhythm(new int[]{-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> MelodyTokens.encode(List.of(), 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void tokensWithoutOrphanHoldsSurviveDecodeThenEncode(@ForAll("melodies") int[] tokens) {
        assertThat(MelodyTokens.encode(MelodyTokens.decode(tokens), 0, tokens.length)).containsExactly(tokens);
    }

    @Property
    void encodeThenDecodeGivesTheTopVoiceInsideTheWindow(@ForAll("notes") List<GridNote> notes) {
        List<GridNote> expected = new ArrayList<>();
        for (GridNote n : MelodyTokens.topVoice(notes)) {
            if (n.end() > 32) n = new GridNote(n.pitch(), n.velocity(), n.start(), 32 - n.start());
            expected.add(new GridNote(n.pitch(), 100, n.start(), n.duration()));
        }
        assertThat(MelodyTokens.decode(MelodyTokens.encodeWindow(notes, 0))).isEqualTo(expected);
    }

    @Property
    void theMelodyIsMonophonicAndMadeOfInputPitches(@ForAll("notes") List<GridNote> notes) {
        List<GridNote> melody = MelodyTokens.topVoice(notes);
        for (int i = 1; i < melody.size(); i++) {
            assertThat(melody.get(i).start()).isGreaterThanOrEqualTo(melody.get(i - 1).end());
        }
        assertThat(melody).allMatch(m -> notes.stream().anyMatch(n -> n.pitch() == m.pitch() && n.start() == m.start()));
    }

    @Provide
    Arbitrary<int[]> melodies() {
        Arbitrary<Integer> token = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 127)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(HOLD)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(REST)));
        return token.array(int[].class).ofSize(32).filter(MelodyTokensTest::hasNoOrphanHold);
    }

    @Provide
    Arbitrary<List<GridNote>> notes() {
        Arbitrary<GridNote> note = net.jqwik.api.Combinators.combine(
                Arbitraries.integers().between(40, 90),
                Arbitraries.integers().between(0, 31),
                Arbitraries.integers().between(1, 12)).as((p, s, d) -> new GridNote(p, 100, s, d));
        return note.list().ofMaxSize(12);
    }

    private static boolean hasNoOrphanHold(int[] tokens) {
        boolean sounding = false;
        for (int token : tokens) {
            if (token == HOLD && !sounding) return false;
            sounding = token != REST;
        }
        return true;
    }
}
