package org.analogy.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TransportTest {

    private static final long MS = 1_000_000L;
    /** One 16th at 120 BPM. */
    private static final long STEP_AT_120 = 125 * MS;

    private final Transport transport = new Transport(Meter.FOUR_FOUR, 120);

    @Test
    void aNewTransportIsStoppedAtStepZero() {
        Timeline t = transport.timeline();
        assertThat(t.running()).isFalse();
        assertThat(t.stepAt(5_000 * MS)).isZero();
        assertThat(t.bpm()).isEqualTo(120.0);
    }

    @Test
    void startRunsFromBarZeroAtTheGivenTime() {
        long t0 = 10_000 * MS;
        transport.start(t0);
        Timeline t = transport.timeline();
        assertThat(t.running()).isTrue();
        assertThat(t.stepAt(t0)).isZero();
        assertThat(t.stepAt(t0 + 4 * STEP_AT_120)).isEqualTo(4.0);
        assertThat(t.barAt(t.stepAt(t0 + 16 * STEP_AT_120))).isEqualTo(1);
    }

    @Test
    void countInStartsInNegativeBarsAndReachesBarZeroAfterThem() {
        transport.setCountInBars(2);
        long t0 = 1_000 * MS;
        transport.start(t0);
        Timeline t = transport.timeline();
        assertThat(t.stepAt(t0)).isEqualTo(-32.0);
        assertThat(t.barAt(t.stepAt(t0))).isEqualTo(-2);
        assertThat(t.barAt(t.stepAt(t0 + 16 * STEP_AT_120))).isEqualTo(-1);
        assertThat(t.nanosAt(0.0)).isEqualTo(t0 + 32 * STEP_AT_120);
    }

    @Test
    void countInFollowsTheMeter() {
        transport.setMeter(Meter.THREE_FOUR);
        transport.setCountInBars(1);
        transport.start(0);
        assertThat(transport.timeline().stepAt(0)).isEqualTo(-12.0);
    }

    @Test
    void countInIsLimitedToFourBars() {
        assertThatThrownBy(() -> transport.setCountInBars(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> transport.setCountInBars(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopHoldsThePositionAndContinueResumesFromIt() {
        transport.start(0);
        transport.stop(10 * STEP_AT_120);
        Timeline stopped = transport.timeline();
        assertThat(stopped.running()).isFalse();
        assertThat(stopped.stepAt(60_000 * MS)).isEqualTo(10.0);

        long resume = 60_000 * MS;
        transport.continueAt(resume);
        Timeline resumed = transport.timeline();
        assertThat(resumed.stepAt(resume)).isEqualTo(10.0);
        assertThat(resumed.stepAt(resume + 2 * STEP_AT_120)).isEqualTo(12.0);
    }

    @Test
    void repeatedStopOrContinuePublishesNothingNew() {
        transport.start(0);
        transport.continueAt(5 * MS);
        Timeline running = transport.timeline();
        assertThat(running.anchorNanos()).isZero();
        transport.stop(10 * MS);
        Timeline stopped = transport.timeline();
        transport.stop(20 * MS);
        assertThat(transport.timeline()).isSameAs(stopped);
    }

    @Test
    void locateJumpsAndKeepsRunning() {
        transport.start(0);
        transport.locate(64.0, 3 * STEP_AT_120);
        Timeline t = transport.timeline();
        assertThat(t.running()).isTrue();
        assertThat(t.stepAt(3 * STEP_AT_120)).isEqualTo(64.0);
        assertThat(t.stepAt(4 * STEP_AT_120)).isEqualTo(65.0);
    }

    @Test
    void locateWhileStoppedSetsWhereContinueStarts() {
        transport.locate(-8.0, 0);
        transport.continueAt(MS);
        assertThat(transport.timeline().stepAt(MS)).isEqualTo(-8.0);
    }

    @Test
    void tempoChangesDoNotMoveThePosition() {
        transport.start(0);
        long change = 7 * STEP_AT_120 + 3 * MS;
        double before = transport.timeline().stepAt(change);
        transport.setTempo(90, change);
        Timeline t = transport.timeline();
        assertThat(t.stepAt(change)).isCloseTo(before, within(1e-12));
        assertThat(t.bpm()).isCloseTo(90.0, within(1e-9));
        // At 90 BPM a 16th lasts 166.67 ms.
        assertThat(t.stepAt(change + 500 * MS)).isCloseTo(before + 3.0, within(1e-9));

        long second = change + 1_234 * MS;
        double atSecond = t.stepAt(second);
        transport.setTempo(240, second);
        assertThat(transport.timeline().stepAt(second)).isCloseTo(atSecond, within(1e-12));
    }

    @Test
    void tempoChangeWhileStoppedKeepsTheStoppedPosition() {
        transport.start(0);
        transport.stop(4 * STEP_AT_120);
        transport.setTempo(60, 9_000 * MS);
        transport.continueAt(10_000 * MS);
        Timeline t = transport.timeline();
        assertThat(t.stepAt(10_000 * MS)).isEqualTo(4.0);
        assertThat(t.stepAt(10_250 * MS)).isCloseTo(5.0, within(1e-9));
    }

    @Test
    void sameTempoPublishesNothingNew() {
        transport.start(0);
        Timeline t = transport.timeline();
        transport.setTempo(120, 5 * MS);
        assertThat(transport.timeline()).isSameAs(t);
    }

    @Test
    void tempoOutsideTheRangeIsRejected() {
        assertThatThrownBy(() -> transport.setTempo(29.9, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> transport.setTempo(301, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(transport.timeline().bpm()).isEqualTo(120.0);
    }

    @Test
    void meterChangesOnlyWhileStopped() {
        transport.setMeter(Meter.THREE_FOUR);
        assertThat(transport.timeline().stepsPerBar()).isEqualTo(12);
        transport.start(0);
        assertThatThrownBy(() -> transport.setMeter(Meter.FOUR_FOUR)).isInstanceOf(IllegalStateException.class);
        assertThat(transport.timeline().meter()).isEqualTo(Meter.THREE_FOUR);
    }

    @Test
    void performerCommandsAreRefusedWhileFollowingAMidiClock() {
        transport.setLeader(Transport.Leader.MIDI_CLOCK);
        assertThatThrownBy(() -> transport.start(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> transport.setTempo(100, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> transport.locate(4, 0)).isInstanceOf(IllegalStateException.class);
        transport.setLeader(Transport.Leader.INTERNAL);
        transport.start(0);
        assertThat(transport.timeline().running()).isTrue();
    }

    @Test
    void anExternalTransportMovesTimeExactlyAndOurOwnCommandsAreRefused() {
        transport.setLeader(Transport.Leader.EXTERNAL);
        transport.follow(2_000 * MS, 32.0, 90, true);
        Timeline t = transport.timeline();
        assertThat(t.running()).isTrue();
        assertThat(t.bpm()).isCloseTo(90.0, within(1e-9));
        assertThat(t.stepAt(2_000 * MS)).isEqualTo(32.0);

        transport.follow(2_000 * MS, 32.0, 90, true);
        assertThat(transport.timeline()).isSameAs(t); // nothing changed, nothing published

        transport.follow(3_000 * MS, 40.0, 90, false);
        assertThat(transport.timeline().running()).isFalse();
        assertThat(transport.timeline().stepAt(9_000 * MS)).isEqualTo(40.0);
        assertThatThrownBy(() -> transport.start(0)).hasMessageContaining("external transport");
        assertThatThrownBy(() -> transport.setTempo(100, 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anExternalTempoOutsideTheRangeIsClampedAndFollowingNeedsTheExternalLeader() {
        assertThatThrownBy(() -> transport.follow(0, 0, 120, true)).isInstanceOf(IllegalStateException.class);
        transport.setLeader(Transport.Leader.EXTERNAL);
        transport.follow(0, 0, 900, true);
        assertThat(transport.timeline().bpm()).isCloseTo(Timeline.MAX_BPM, within(1e-9));
    }
}
