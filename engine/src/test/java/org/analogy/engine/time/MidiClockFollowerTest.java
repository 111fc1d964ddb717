package org.analogy.engine.time;

import static org.analogy.engine.time.SyntheticMidiClock.MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MidiClockFollowerTest {

    private static final int CLOCKS_PER_BEAT = 24;
    private static final int CLOCKS_PER_BAR = 4 * CLOCKS_PER_BEAT;

    private final Transport transport = new Transport(Meter.FOUR_FOUR, 120);
    private final MidiClockFollower follower = new MidiClockFollower(transport);

    MidiClockFollowerTest() {
        transport.setLeader(Transport.Leader.MIDI_CLOCK);
    }

    /** What a reader of the published Timeline saw over a run, from clock {@code measureFrom} on. */
    private static final class Errors {
        double maxBpmError;
        double maxPositionSteps;
        double maxPositionMs;
        double minBpm = Double.MAX_VALUE;
        double maxBpm = -Double.MAX_VALUE;
    }

    /**
     * Plays Start and all clocks into the follower; after each clock reads the Timeline as another thread
     * would, at four moments before the next clock arrives, and compares with the true position and tempo.
     */
    private Errors play(SyntheticMidiClock clock, int measureFrom) {
        Errors e = new Errors();
        follower.onStart(clock.arrival(0) - 5 * MS);
        for (int k = 0; k < clock.clocks(); k++) {
            follower.onClock(clock.arrival(k));
            Timeline t = transport.timeline();
            if (k < measureFrom || k + 1 >= clock.clocks()) continue;
            double bpm = t.bpm();
            e.maxBpmError = Math.max(e.maxBpmError, Math.abs(bpm - clock.bpm(k)));
            e.minBpm = Math.min(e.minBpm, bpm);
            e.maxBpm = Math.max(e.maxBpm, bpm);
            long from = clock.arrival(k);
            long span = clock.arrival(k + 1) - from;
            for (int j = 0; j < 4; j++) {
                long at = from + span * j / 4;
                double error = Math.abs(t.stepAt(at) - clock.truePosition(k, at, 0.0));
                if (error > e.maxPositionSteps) {
                    e.maxPositionSteps = error;
                    e.maxPositionMs = error * 60e3 / (4 * clock.bpm(k));
                }
            }
        }
        return e;
    }

    @Test
    void steady120WithOneMillisecondJitterStaysWithinHalfABpm() {
        SyntheticMidiClock clock = SyntheticMidiClock.steady(64 * CLOCKS_PER_BAR, 1_000 * MS, 120, MS, 42);
        Errors e = play(clock, CLOCKS_PER_BEAT);

        System.out.printf("jitter ±1 ms @120 BPM, 64 bars: BPM error max %.3f, position error max %.4f steps (%.3f ms)%n",
                e.maxBpmError, e.maxPositionSteps, e.maxPositionMs);
        assertThat(e.maxBpmError).isLessThan(0.5);
        // Jitter of the last clock (≤ 1 ms) plus the tempo error over one clock period.
        assertThat(e.maxPositionMs).isLessThan(1.2);
    }

    @Test
    void jitterResultsHoldForOtherSeedsAndTempos() {
        for (double bpm : new double[] {60, 90, 120, 150, 180}) {
            double worstBpm = 0;
            double worstMs = 0;
            for (long seed = 1; seed <= 10; seed++) {
                Transport t = new Transport(Meter.FOUR_FOUR, bpm);
                t.setLeader(Transport.Leader.MIDI_CLOCK);
                MidiClockFollower f = new MidiClockFollower(t);
                SyntheticMidiClock clock = SyntheticMidiClock.steady(16 * CLOCKS_PER_BAR, 0, bpm, MS, seed);
                f.onStart(-MS);
                for (int k = 0; k < clock.clocks() - 1; k++) {
                    f.onClock(clock.arrival(k));
                    if (k < CLOCKS_PER_BEAT) continue;
                    worstBpm = Math.max(worstBpm, Math.abs(t.timeline().bpm() - bpm));
                    long before = clock.arrival(k + 1) - 1;
                    double error = Math.abs(t.timeline().stepAt(before) - clock.truePosition(k, before, 0));
                    worstMs = Math.max(worstMs, error * 60e3 / (4 * bpm));
                }
            }
            System.out.printf("jitter ±1 ms @%.0f BPM, 10 seeds × 16 bars: BPM error max %.3f, position error max %.3f ms%n",
                    bpm, worstBpm, worstMs);
            // The window is one beat at every tempo, so the period error in time is the same and the BPM
            // error scales with BPM²: ±0.5 at 120 becomes about ±1.1 at 180.
            assertThat(worstBpm).isLessThan(0.5 * (bpm / 120) * (bpm / 120));
            assertThat(worstMs).isLessThan(1.5);
        }
    }

    @Test
    void positionIsLockedToTheClockCountWithoutDrift() {
        // An awkward tempo so the period is not a whole number of nanoseconds; 100 000 clocks ≈ 4 bars short of 20 min.
        SyntheticMidiClock clock = SyntheticMidiClock.steady(100_000, 0, 133.7, 0, 1);
        follower.onStart(-MS);
        for (int k = 0; k < clock.clocks(); k++) {
            follower.onClock(clock.arrival(k));
            Timeline t = transport.timeline();
            assertThat(t.stepAt(clock.arrival(k))).isEqualTo((double) k / 6);
        }
        assertThat(transport.timeline().bpm()).isCloseTo(133.7, within(1e-3));
    }

    @Test
    void stepChangeFrom120To90SettlesWithinAboutABeatWithoutOvershoot() {
        int change = 8 * CLOCKS_PER_BAR;
        SyntheticMidiClock clock = new SyntheticMidiClock(16 * CLOCKS_PER_BAR, 0, k -> k < change ? 120 : 90, MS, 7);
        follower.onStart(-MS);
        int settledAt = -1;
        double minBpm = Double.MAX_VALUE;
        double maxPositionMs = 0;
        for (int k = 0; k < clock.clocks() - 1; k++) {
            follower.onClock(clock.arrival(k));
            Timeline t = transport.timeline();
            if (k < change) continue;
            double bpm = t.bpm();
            minBpm = Math.min(minBpm, bpm);
            boolean inBand = Math.abs(bpm - 90) <= 0.5;
            if (inBand && settledAt < 0) settledAt = k;
            if (!inBand) settledAt = -1;
            long before = clock.arrival(k + 1) - 1;
            double error = Math.abs(t.stepAt(before) - clock.truePosition(k, before, 0));
            maxPositionMs = Math.max(maxPositionMs, error * 60e3 / (4 * clock.bpm(k)));
        }
        int settlingClocks = settledAt - change;
        System.out.printf("step 120→90 BPM (±1 ms jitter): settled within ±0.5 BPM after %d clocks (%.2f beats, %.0f ms), "
                        + "lowest %.3f BPM (undershoot %.3f), position error max %.3f ms%n",
                settlingClocks, settlingClocks / 24.0, (clock.ideal(settledAt) - clock.ideal(change)) / 1e6,
                minBpm, 90 - minBpm, maxPositionMs);
        assertThat(settlingClocks).isBetween(0, 30);
        assertThat(minBpm).isGreaterThan(89.5);
        // No causal estimate knows of the step before the first slower clock: extrapolating the old tempo past
        // it errs by the period difference (6.9 ms) plus the jitter of two clocks. At every clock it is exact again.
        assertThat(maxPositionMs).isLessThan(6.95 + 2 * 1.0 + 1.5);
    }

    @Test
    void stepChangeWithoutJitterMovesMonotonically() {
        int change = 2 * CLOCKS_PER_BAR;
        SyntheticMidiClock clock = new SyntheticMidiClock(4 * CLOCKS_PER_BAR, 0, k -> k < change ? 120 : 90, 0, 0);
        follower.onStart(-MS);
        double previous = Double.MAX_VALUE;
        for (int k = 0; k < clock.clocks(); k++) {
            follower.onClock(clock.arrival(k));
            if (k < change) continue;
            double bpm = transport.timeline().bpm();
            assertThat(bpm).isLessThanOrEqualTo(previous + 1e-6).isGreaterThan(90 - 1e-6);
            previous = bpm;
        }
        assertThat(previous).isCloseTo(90, within(1e-3));
    }

    @Test
    void rampFrom100To140OverEightBarsIsTrackedHalfABeatBehind() {
        int rampStart = 2 * CLOCKS_PER_BAR;
        int rampClocks = 8 * CLOCKS_PER_BAR;
        SyntheticMidiClock clock = new SyntheticMidiClock(14 * CLOCKS_PER_BAR, 0,
                k -> k < rampStart ? 100 : k < rampStart + rampClocks ? 100 + 40.0 * (k - rampStart) / rampClocks : 140, MS, 11);
        Errors e = play(clock, rampStart);
        // Lag: the estimate corresponds to the middle of a one-beat window, 12 clocks back: 40/768 BPM per clock x 12.
        double expectedLag = 40.0 / rampClocks * 12;
        System.out.printf("ramp 100→140 BPM over 8 bars (±1 ms jitter): BPM error max %.3f (pure lag %.3f), "
                        + "highest %.3f BPM (overshoot %.3f), position error max %.3f ms%n",
                e.maxBpmError, expectedLag, e.maxBpm, e.maxBpm - 140, e.maxPositionMs);
        assertThat(e.maxBpmError).isLessThan(expectedLag + 0.5);
        assertThat(e.maxBpm).isLessThan(140.5);
        assertThat(e.maxPositionMs).isLessThan(1.5);
    }

    @Test
    void firstClocksAfterStartUseThePreviousTempo() {
        Transport t = new Transport(Meter.FOUR_FOUR, 100);
        t.setLeader(Transport.Leader.MIDI_CLOCK);
        MidiClockFollower f = new MidiClockFollower(t);
        SyntheticMidiClock clock = SyntheticMidiClock.steady(CLOCKS_PER_BEAT, 0, 120, 0, 0);
        f.onStart(-MS);
        assertThat(t.timeline().running()).as("nothing moves before the first clock").isFalse();
        assertThat(t.timeline().stepAt(0)).isZero();
        for (int k = 0; k < MidiClockFollower.MIN_INTERVALS_FOR_ESTIMATE; k++) {
            f.onClock(clock.arrival(k));
            assertThat(t.timeline().bpm()).isCloseTo(100, within(1e-9));
            assertThat(t.timeline().stepAt(clock.arrival(k))).isEqualTo(k / 6.0);
        }
        f.onClock(clock.arrival(MidiClockFollower.MIN_INTERVALS_FOR_ESTIMATE));
        assertThat(t.timeline().bpm()).isCloseTo(120, within(1e-3));
    }

    @Test
    void clocksWhileStoppedWarmUpTheEstimate() {
        SyntheticMidiClock clock = SyntheticMidiClock.steady(60, 0, 90, 0, 0);
        for (int k = 0; k < 48; k++) follower.onClock(clock.arrival(k));
        assertThat(transport.timeline().running()).isFalse();
        assertThat(follower.bpm()).isCloseTo(90, within(1e-3));
        follower.onStart(clock.arrival(47) + MS);
        follower.onClock(clock.arrival(48));
        assertThat(transport.timeline().running()).isTrue();
        assertThat(transport.timeline().bpm()).isCloseTo(90, within(1e-3));
        assertThat(transport.timeline().stepAt(clock.arrival(48))).isZero();
    }

    @Test
    void stopHoldsAndSongPositionTakesEffectAtTheFirstClockAfterContinue() {
        SyntheticMidiClock clock = SyntheticMidiClock.steady(200, 0, 120, 0, 0);
        follower.onStart(-MS);
        for (int k = 0; k < 30; k++) follower.onClock(clock.arrival(k));
        follower.onStop(clock.arrival(29) + 5 * MS);
        Timeline stopped = transport.timeline();
        assertThat(stopped.running()).isFalse();
        assertThat(stopped.stepAt(clock.arrival(100))).as("where the next clock would have landed").isEqualTo(5.0);

        follower.onSongPosition(64);
        assertThat(transport.timeline().stepAt(clock.arrival(100))).as("not before Continue and a clock").isEqualTo(5.0);
        // Clocks keep coming while stopped: they move nothing.
        for (int k = 30; k < 40; k++) follower.onClock(clock.arrival(k));
        assertThat(transport.timeline().running()).isFalse();

        follower.onContinue(clock.arrival(39) + MS);
        assertThat(transport.timeline().running()).isFalse();
        follower.onClock(clock.arrival(40));
        assertThat(transport.timeline().running()).isTrue();
        assertThat(transport.timeline().stepAt(clock.arrival(40))).isEqualTo(64.0);
        follower.onClock(clock.arrival(41));
        assertThat(transport.timeline().stepAt(clock.arrival(41))).isEqualTo(64 + 1 / 6.0);

        follower.onStop(clock.arrival(41) + MS);
        follower.onContinue(clock.arrival(42) + MS);
        follower.onClock(clock.arrival(43));
        assertThat(transport.timeline().stepAt(clock.arrival(43))).as("continue without a new song position").isEqualTo(64 + 2 / 6.0);

        follower.onStart(clock.arrival(43) + MS);
        assertThat(transport.timeline().stepAt(clock.arrival(44))).isZero();
        follower.onClock(clock.arrival(44));
        assertThat(transport.timeline().stepAt(clock.arrival(44))).isZero();
    }

    @Test
    void aClockThatStopsArrivingIsNoticedAndFollowingResumesWhenItReturns() {
        SyntheticMidiClock before = SyntheticMidiClock.steady(48, 0, 120, 0, 0);
        follower.onStart(-MS);
        for (int k = 0; k < 48; k++) follower.onClock(before.arrival(k));
        long last = before.arrival(47);

        follower.checkForDropout(last + 400 * MS);
        assertThat(follower.isClockLost()).isFalse();
        assertThat(transport.timeline().running()).isTrue();

        follower.checkForDropout(last + 600 * MS);
        assertThat(follower.isClockLost()).isTrue();
        assertThat(follower.dropouts()).isEqualTo(1);
        Timeline held = transport.timeline();
        assertThat(held.running()).isFalse();
        assertThat(held.stepAt(last + 5_000 * MS)).isEqualTo(8.0);
        follower.checkForDropout(last + 900 * MS);
        assertThat(follower.dropouts()).as("counted once").isEqualTo(1);

        // The DAW comes back at 100 BPM without Stop/Continue: positions continue from the held one,
        // tempo stays at the old estimate until enough new intervals are in.
        SyntheticMidiClock after = SyntheticMidiClock.steady(24, last + 1_000 * MS, 100, 0, 0);
        follower.onClock(after.arrival(0));
        assertThat(follower.isClockLost()).isFalse();
        assertThat(transport.timeline().running()).isTrue();
        assertThat(transport.timeline().stepAt(after.arrival(0))).isEqualTo(8.0);
        assertThat(transport.timeline().bpm()).isCloseTo(120, within(1e-3));
        for (int k = 1; k < 24; k++) follower.onClock(after.arrival(k));
        assertThat(transport.timeline().bpm()).isCloseTo(100, within(1e-3));
        assertThat(transport.timeline().stepAt(after.arrival(23))).isEqualTo(8.0 + 23 / 6.0);
    }

    @Test
    void aLateClockAloneAlsoCountsAsADropout() {
        SyntheticMidiClock clock = SyntheticMidiClock.steady(30, 0, 120, 0, 0);
        follower.onStart(-MS);
        for (int k = 0; k < 29; k++) follower.onClock(clock.arrival(k));
        follower.onClock(clock.arrival(28) + 700 * MS);
        assertThat(follower.dropouts()).isEqualTo(1);
        assertThat(transport.timeline().bpm()).as("the gap is no tempo").isCloseTo(120, within(1e-3));
    }

    @Test
    void absurdlyFastClocksAreClampedTo300Bpm() {
        follower.onStart(0);
        for (int k = 0; k < 50; k++) follower.onClock(k * MS);
        assertThat(transport.timeline().bpm()).isCloseTo(Timeline.MAX_BPM, within(1e-9));
        assertThat(follower.clampedEstimates()).isGreaterThan(0);
        assertThat(transport.timeline().stepAt(49 * MS)).as("position still follows the count").isEqualTo(49 / 6.0);
    }

    @Test
    void absurdlySlowClocksAreClampedTo30Bpm() {
        follower.onStart(0);
        for (int k = 0; k < 20; k++) follower.onClock(k * 200 * MS);
        assertThat(transport.timeline().bpm()).isCloseTo(Timeline.MIN_BPM, within(1e-9));
        assertThat(follower.clampedEstimates()).isGreaterThan(0);
        assertThat(follower.dropouts()).isZero();
    }

    @Test
    void clocksAreIgnoredUnlessTheTransportFollowsThem() {
        Transport internal = new Transport(Meter.FOUR_FOUR, 120);
        MidiClockFollower f = new MidiClockFollower(internal);
        Timeline before = internal.timeline();
        f.onStart(0);
        for (int k = 0; k < 10; k++) f.onClock(k * 20 * MS);
        assertThat(internal.timeline()).isSameAs(before);
        assertThat(f.ignoredMessages()).isEqualTo(11);
    }

    @Test
    void songPositionOutOfRangeIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> follower.onSongPosition(16384))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
