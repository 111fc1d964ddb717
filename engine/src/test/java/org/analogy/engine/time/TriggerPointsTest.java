package org.analogy.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TriggerPointsTest {

    private static final long MS = 1_000_000L;
    /** 16 steps of 125 ms at 120 BPM in 4/4. */
    private static final long BAR = 2_000 * MS;

    private final TriggerPoints triggers = new TriggerPoints();

    private static Timeline runningAt120From(long startNanos, double startStep) {
        return Timeline.of(120, Meter.FOUR_FOUR, startNanos, startStep, true);
    }

    @Test
    void theTriggerForTheNextBarIsOneSixteenthBeforeItsDownbeat() {
        Timeline t = runningAt120From(0, 0);
        assertThat(triggers.nextTriggeredBar(t, 0)).isEqualTo(1);
        assertThat(triggers.nextTriggerNanos(t, 0)).isEqualTo(BAR - 125 * MS);
    }

    @Test
    void onceATriggerHasPassedTheNextOneIsABarLater() {
        Timeline t = runningAt120From(0, 0);
        long first = triggers.nextTriggerNanos(t, 0);
        assertThat(triggers.nextTriggerNanos(t, first)).isEqualTo(2 * BAR - 125 * MS);
        assertThat(triggers.nextTriggeredBar(t, first)).isEqualTo(2);
        assertThat(triggers.nextTriggeredBar(t, first + 50 * MS)).as("between trigger and downbeat").isEqualTo(2);
    }

    @Test
    void countInBarsTriggerBarZero() {
        Timeline t = runningAt120From(0, -32);
        assertThat(triggers.nextTriggeredBar(t, 0)).isEqualTo(-1);
        assertThat(triggers.nextTriggeredBar(t, BAR)).isEqualTo(0);
        assertThat(triggers.triggerNanos(t, 0)).isEqualTo(2 * BAR - 125 * MS);
    }

    @Test
    void theLookaheadIsConfigurable() {
        TriggerPoints half = new TriggerPoints(0.5);
        Timeline t = runningAt120From(0, 0);
        assertThat(half.nextTriggerNanos(t, 0)).isEqualTo(BAR - 62_500_000L);
        assertThatThrownBy(() -> new TriggerPoints(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TriggerPoints(12)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void barLinesInThreeFour() {
        Timeline t = Timeline.of(120, Meter.THREE_FOUR, 0, 0, true);
        assertThat(TriggerPoints.nextBarLine(t, 0)).isEqualTo(1);
        assertThat(TriggerPoints.nextBarLineNanos(t, 0)).isEqualTo(1_500 * MS);
        assertThat(TriggerPoints.nextBarLineNanos(t, 1_500 * MS)).as("strictly after").isEqualTo(3_000 * MS);
    }

    @Test
    void triggersFollowATempoChange() {
        Transport transport = new Transport(Meter.FOUR_FOUR, 120);
        transport.start(0);
        transport.setTempo(60, BAR / 2);
        Timeline t = transport.timeline();
        // Half a bar at 120 (1 s), the other 8 steps at 60 (250 ms each): the downbeat of bar 1 is at 3 s.
        assertThat(TriggerPoints.nextBarLineNanos(t, BAR / 2)).isEqualTo(3_000 * MS);
        assertThat(triggers.nextTriggerNanos(t, BAR / 2)).isEqualTo(3_000 * MS - 250 * MS);
    }

    @Test
    void nothingIsDueWhileStopped() {
        Timeline stopped = Timeline.of(120, Meter.FOUR_FOUR, 0, 0, false);
        assertThat(triggers.nextTriggerNanos(stopped, 0)).isEqualTo(TriggerPoints.NEVER);
        assertThat(TriggerPoints.nextBarLineNanos(stopped, 0)).isEqualTo(TriggerPoints.NEVER);
    }
}
