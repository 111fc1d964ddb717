package org.analogy.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TapTempoTest {

    private static final long MS = 1_000_000L;

    private final TapTempo tap = new TapTempo();

    @Test
    void oneTapGivesNoTempoAndTwoTapsDo() {
        assertThat(tap.tap(0)).isNaN();
        assertThat(tap.hasTempo()).isFalse();
        assertThat(tap.tap(500 * MS)).isCloseTo(120.0, within(1e-9));
        assertThat(tap.hasTempo()).isTrue();
    }

    @Test
    void steadyTapsGiveTheirTempo() {
        double bpm = Double.NaN;
        for (int i = 0; i < 8; i++) bpm = tap.tap(i * 750 * MS);
        assertThat(bpm).isCloseTo(80.0, within(1e-9));
    }

    @Test
    void oneMisplacedTapIsIgnored() {
        long[] taps = {0, 500, 1000, 1650, 2000, 2500, 3000};
        double bpm = Double.NaN;
        for (long t : taps) bpm = tap.tap(t * MS);
        assertThat(bpm).isCloseTo(120.0, within(1e-9));
    }

    @Test
    void aMissedTapIsIgnored() {
        long[] taps = {0, 500, 1000, 2000, 2500, 3000};
        double bpm = Double.NaN;
        for (long t : taps) bpm = tap.tap(t * MS);
        assertThat(bpm).isCloseTo(120.0, within(1e-9));
    }

    @Test
    void aDoubleHitIsIgnored() {
        long[] taps = {0, 500, 530, 1000, 1500, 2000};
        double bpm = Double.NaN;
        for (long t : taps) bpm = tap.tap(t * MS);
        assertThat(bpm).isCloseTo(120.0, within(1e-9));
    }

    @Test
    void humanUnevennessAveragesOut() {
        long[] taps = {0, 510, 990, 1505, 2000, 2495};
        double bpm = Double.NaN;
        for (long t : taps) bpm = tap.tap(t * MS);
        assertThat(bpm).isCloseTo(120.0, within(1.5));
    }

    @Test
    void aLongPauseStartsANewSeries() {
        for (int i = 0; i < 5; i++) tap.tap(i * 500 * MS);
        long restart = 2_000 * MS + 2_500 * MS;
        assertThat(tap.tap(restart)).as("first tap after a pause keeps the old tempo").isNaN();
        assertThat(tap.tap(restart + 1_000 * MS)).isCloseTo(60.0, within(1e-9));
        assertThat(tap.tap(restart + 2_000 * MS)).isCloseTo(60.0, within(1e-9));
    }

    @Test
    void aGenuineTempoChangeWinsAfterThreeIntervals() {
        long t = 0;
        for (int i = 0; i < 6; i++, t += 500 * MS) tap.tap(t);
        t -= 500 * MS;
        double bpm = 0;
        for (int i = 0; i < 3; i++) {
            t += 400 * MS;
            bpm = tap.tap(t);
        }
        assertThat(bpm).isCloseTo(150.0, within(1e-9));
    }

    @Test
    void theResultStaysInsideTheAllowedRange() {
        tap.tap(0);
        assertThat(tap.tap(100 * MS)).as("faster than 300 BPM is a bounce").isNaN();
        assertThat(tap.tap(1_990 * MS)).isBetween(Timeline.MIN_BPM, Timeline.MAX_BPM);
        tap.reset();
        tap.tap(0);
        assertThat(tap.tap(200 * MS)).isCloseTo(300.0, within(1e-9));
    }

    @Test
    void timeGoingBackwardsRestarts() {
        tap.tap(5_000 * MS);
        tap.tap(5_500 * MS);
        assertThat(tap.tap(1_000 * MS)).isNaN();
    }
}
