package org.analogy.train.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.chords.Chord;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.style.Style;

/** The rule baseline's voicing and what the report says about the path it measured. */
class AccompanyReportTest {

    @Test
    void blockTriadsVoiceRootThirdAndFifthOnEveryBeat() {
        assertThat(BlockTriads.triad(Chord.parseSymbol("C"))).containsExactly(48, 52, 55);
        assertThat(BlockTriads.triad(Chord.parseSymbol("Am"))).containsExactly(57, 60, 64);
        assertThat(BlockTriads.triad(Chord.parseSymbol("G7"))).containsExactly(55, 59, 62);
        assertThat(BlockTriads.triad(Chord.parseSymbol("Csus4"))).containsExactly(48, 53, 55);
        Chord[] window = new Chord[32];
        java.util.Arrays.fill(window, 0, 16, Chord.parseSymbol("F"));
        java.util.Arrays.fill(window, 16, 24, Chord.parseSymbol("C"));
        java.util.Arrays.fill(window, 24, 32, Chord.NONE);
        List<GridNote> bar = new BlockTriads().accompany(window, List.of(), Style.DEFAULT, 1);
        assertThat(bar).extracting(GridNote::start).containsExactly(0, 0, 0, 4, 4, 4); // beats 3–4 have no chord
        assertThat(bar).allSatisfy(n -> assertThat(n.duration()).isEqualTo(4));
    }

    @Test
    void theReportComparesTheRowsAndNamesTheStandIns() {
        List<AccompanyReport.Row> rows = List.of(
                new AccompanyReport.Row("ballad", "(a) annotated chart", "learned model", result(95, 100)),
                new AccompanyReport.Row("ballad", "(b) predicted", "learned model", result(60, 100)),
                new AccompanyReport.Row("ballad", "block triads", "rule", result(50, 100)),
                new AccompanyReport.Row("ballad", "repeat", "learned model", result(45, 100)));
        String learned = AccompanyReport.render(rows, List.of("accompaniment: learned model (x)"), true, true, 30, 30, 12);
        assertThat(learned).contains("| ballad | (a) annotated chart | learned model | 0.950 | 100 |")
                .contains("(a) chart 0.950 — target ≥ 0.90 met").contains("beats both").doesNotContain("Not the learned path")
                .contains("30 found, 30 evaluated, 28 of them with a run");
        String fallback = AccompanyReport.render(rows.subList(0, 4), List.of(), true, false, 30, 30, 12);
        assertThat(fallback).contains("Not the learned path throughout: no predictor");
        List<AccompanyReport.Row> worse = List.of(rows.get(0), rows.get(2), rows.get(1), rows.get(3));
        assertThat(AccompanyReport.render(worse, List.of(), true, true, 30, 30, 12)).contains("**does not beat both**");
    }

    static AccompanyEvaluation.Result result(long tones, long onsets) {
        return new AccompanyEvaluation.Result(28, onsets, tones, 1977, 0, 0);
    }
}
