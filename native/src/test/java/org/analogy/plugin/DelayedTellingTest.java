package org.analogy.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.process.Part;
import org.analogy.engine.schedule.Scheduler;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;
import org.analogy.engine.time.Transport;

/**
 * The frame map moves while the engine still plays on the transport told with the old one: the engine
 * applies a telling on its capture thread, so between the relay moving the map and the engine taking the new
 * timeline the scheduler decides events on the old one — here that capture thread is held up on purpose.
 * Each event must still come out at the host frame its step is on. Placed by the newest map (as the output
 * did before {@link ToldLines}) it moves by the map's step: a whole period when the host lost a cycle.
 */
class DelayedTellingTest {

    private static final int RATE = 48_000;
    private static final int PERIOD = 1024;
    private static final double NOMINAL = 1e9 / RATE;
    private static final double BPM = 120;
    private static final double FRAMES_PER_STEP = RATE * 60 / BPM / Meter.STEPS_PER_BEAT; // 6000

    /** The relay's half: the frame map and the tellings, as PluginConnection keeps them. */
    private final FrameClock clock = new FrameClock();
    private final ToldLines told = new ToldLines();
    /** The engine's half: its transport follows the tellings, when its capture thread gets to them. */
    private final Transport transport = new Transport(Meter.FOUR_FOUR, BPM);

    /** An output that places events as PluginMidiOutput does, recording the frame each one got. */
    private final class Frames implements MidiOutput {
        final List<long[]> placed = new ArrayList<>(); // {frame, pitch}

        @Override
        public String name() {
            return "frames";
        }

        @Override
        public void send(long nanos, Timeline timeline, int status, int data1, int data2) {
            if ((status & 0xF0) == 0x90) placed.add(new long[] {told.lineOf(timeline, clock.line()).frameAt(nanos), data1});
        }

        @Override
        public void send(long nanos, int status, int data1, int data2) {
            if ((status & 0xF0) == 0x90) placed.add(new long[] {clock.line().frameAt(nanos), data1});
        }

        @Override
        public long sendAheadNanos() {
            return 2 * Math.round(PERIOD * NOMINAL) + PluginMidiOutput.MARGIN_NANOS;
        }

        @Override
        public void close() {
        }
    }

    /** Tells the transport as the relay does: position {@code step} at host frame {@code frame}, through the current map. */
    private long tell(long frame, double step) {
        FrameClock.Line line = clock.line();
        long nanos = line.nanosAt(frame);
        told.remember(nanos, step, line);
        return nanos;
    }

    /** Blocks from {@code frame} on, each process call 30 µs after its first frame is due at {@code nanos}. */
    private long feed(long frame, long nanos, int blocks) {
        for (int i = 0; i < blocks; i++) {
            clock.onBlock(frame, PERIOD, nanos + 30_000, RATE);
            frame += PERIOD;
            nanos += Math.round(PERIOD * NOMINAL);
        }
        return frame;
    }

    @Test
    void eventsDecidedBeforeTheEngineTakesTheNewTimelineKeepTheirFrames() {
        transport.setLeader(Transport.Leader.EXTERNAL);
        long start = 1_000_000_000L;
        long frame = feed(0, start, 200); // the map settles on the host's blocks
        long reanchors = clock.reanchors();
        // The host's bar 0 at host frame 0: told and applied at once.
        transport.follow(tell(0, 0), 0, BPM, true);
        Timeline before = transport.timeline();
        FrameClock.Line oldMap = clock.line();

        // The host loses a cycle: its frames (and its transport) carry on from where they were, one period later
        // in time. The map steps within two of its windows, and the relay re-tells the transport at once...
        long lostAt = frame;
        long nanos = start + Math.round(frame * NOMINAL) + Math.round(PERIOD * NOMINAL);
        boolean moved = false;
        for (int i = 0; i < 200 && !moved; i++) {
            moved = clock.onBlock(frame, PERIOD, nanos + 30_000, RATE);
            frame += PERIOD;
            nanos += Math.round(PERIOD * NOMINAL);
        }
        assertThat(moved).as("the map stepped").isTrue();
        assertThat(clock.reanchors()).isEqualTo(reanchors + 1);
        assertThat((double) (clock.line().nanosAt(lostAt) - oldMap.nanosAt(lostAt))).as("the map's step, ns: one period")
                .isCloseTo(PERIOD * NOMINAL, within(100_000.0));
        double toldStep = frame / FRAMES_PER_STEP;
        long toldNanos = tell(frame, toldStep);

        // ...but the engine's capture thread is held up: the scheduler decides the next two beats on the old timeline.
        Frames out = new Frames();
        Scheduler scheduler = new Scheduler(List.of(out), null, new LatencyMetrics(), 64, 20_000_000);
        long lead = out.sendAheadNanos();
        long firstStep = (long) Math.ceil(toldStep) + 4;
        for (int i = 0; i < 4; i++) scheduler.scheduleNote(Part.ACCOMPANIMENT, 1, 60 + i, 90, firstStep + 4 * i, 2);
        for (int i = 0; i < 2; i++) scheduler.dispatchDue(before.nanosAt(firstStep + 4 * i) - lead, before);
        assertThat(out.placed).as("decided on the old timeline").hasSize(2);

        // The capture thread catches up; the other two are decided on the new timeline.
        transport.follow(toldNanos, toldStep, BPM, true);
        Timeline after = transport.timeline();
        assertThat(after).isNotSameAs(before);
        for (int i = 2; i < 4; i++) scheduler.dispatchDue(after.nanosAt(firstStep + 4 * i) - lead, after);

        assertThat(out.placed).hasSize(4);
        for (long[] p : out.placed) {
            long step = firstStep + 4L * (p[1] - 60);
            long due = Math.round(step * FRAMES_PER_STEP);
            assertThat(p[0]).as("pitch %d (step %d) at host frame %d", p[1], step, due).isBetween(due - 1, due + 1);
        }

        // What the newest map alone made of an event decided on the old timeline: a whole period early.
        long due = Math.round(firstStep * FRAMES_PER_STEP);
        long byNewestMap = clock.line().frameAt(before.nanosAt(firstStep));
        assertThat(byNewestMap - due).as("the fault this guards against").isBetween((long) -PERIOD - 1, (long) -PERIOD + 1);
    }

    @Test
    void aTimelineNotToldHereFallsBackToTheCurrentMap() {
        feed(0, 1_000_000_000L, 10);
        Timeline stranger = Timeline.of(BPM, Meter.FOUR_FOUR, 42, 0, true);
        assertThat(told.lineOf(stranger, clock.line())).isSameAs(clock.line());
        assertThat(told.lineOf(null, clock.line())).isSameAs(clock.line());
    }
}
