package org.analogy.jack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.jaudiolibs.jnajack.JackPosition;
import org.jaudiolibs.jnajack.JackPositionBits;
import org.jaudiolibs.jnajack.JackTransportState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.analogy.engine.pipeline.CaptureStage;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.Modes;
import org.analogy.engine.time.Timeline;

/**
 * The engine's transport tied to a real JACK server's, both ways: following another client that is timebase
 * master (tempo, rolling/stopped, locate), following a transport without a master (frames at our tempo),
 * and leading as timebase master so that the JACK transport reports our bar/beat/tick and tempo.
 */
class JackTransportIT {

    /** How far the engine's position may be from JACK's at the same instant: the follower's tolerance plus a cycle's rounding. */
    private static final double TOLERANCE_NANOS = 2_000_000;
    /**
     * Positions are compared only when the server lost no cycle while the engine settled on them: a
     * non-real-time jackd on an overloaded machine loses cycles, its estimate of when a cycle began jumps by
     * milliseconds, and a timebase callback may be skipped. Tempo and rolling state are checked regardless.
     */
    private static boolean keptTime(ProbeClient witness, long xrunsBefore) {
        long xruns = witness.xruns() - xrunsBefore;
        if (xruns > 0) System.out.println("the server lost " + xruns + " cycles: position not compared");
        return xruns == 0;
    }

    private static JackServer server;

    @BeforeAll
    static void startServer() throws Exception {
        JackServer.requireInstalled();
        server = JackServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    @Test
    void followsTheTimebaseMastersTempoPositionAndRolling() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        try (JackConnection jack = JackConnection.open("analogy", notices::add);
             ProbeClient master = new ProbeClient("sequencer");
             LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(120), Modes.create("echo"), List.of())) {
            engine.setClockSource(CaptureStage.ClockSource.EXTERNAL);
            master.leadTimebase(100);
            master.client.transportLocate(0);
            try (AutoCloseable sync = jack.syncTransport(engine, false)) {
                master.client.transportStart();
                await("engine rolling at the master's 100 BPM", () -> engine.timeline().running()
                        && Math.abs(engine.timeline().bpm() - 100) < 1e-6);
                long xrunsBefore = master.xruns();
                Thread.sleep(1000);
                assertSamePosition(jack, master, engine.timeline(), 100, xrunsBefore);

                master.client.transportStop();
                await("engine stopped with the transport", () -> !engine.timeline().running());
                master.client.transportLocate(2 * 4 * JackServer.RATE * 60 / 100); // bar 3 at 100 BPM
                await("engine at bar 3 after the locate", () -> Math.abs(engine.timeline().stepAt(System.nanoTime()) - 32) < 0.01);

                master.client.transportStart();
                await("rolling again", () -> engine.timeline().running());
                xrunsBefore = master.xruns();
                Thread.sleep(500);
                assertSamePosition(jack, master, engine.timeline(), 100, xrunsBefore);
                assertThat(engine.timeline().stepAt(System.nanoTime())).isGreaterThan(32);
            }
            master.releaseTimebase();
            master.client.transportStop();
        }
        assertThat(notices).isEmpty();
    }

    @Test
    void withoutATimebaseMasterTheTransportFrameIsCountedAtOurTempo() throws Exception {
        try (JackConnection jack = JackConnection.open("analogy", line -> { });
             ProbeClient other = new ProbeClient("other");
             LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(90), Modes.create("echo"), List.of())) {
            engine.setClockSource(CaptureStage.ClockSource.EXTERNAL);
            other.client.transportLocate(JackServer.RATE); // one second in: 6 16ths at 90 BPM
            try (AutoCloseable sync = jack.syncTransport(engine, false)) {
                await("engine at the transport's frame", () -> Math.abs(engine.timeline().stepAt(System.nanoTime()) - 6) < 0.01);
                other.client.transportStart();
                await("engine rolling", () -> engine.timeline().running());
                long xrunsBefore = other.xruns();
                Thread.sleep(500);
                JackPosition p = new JackPosition();
                assertThat(other.query(p)).isEqualTo(JackTransportState.JackTransportRolling);
                assertThat(p.getValid()).doesNotContain(JackPositionBits.JackPositionBBT);
                double jackStep = Integer.toUnsignedLong(p.getFrame()) / (double) JackServer.RATE * 90 / 60 * 4;
                double ours = engine.timeline().stepAt(p.getUsecs() * 1000 + jack.cycle().clockOffsetNanos);
                if (keptTime(other, xrunsBefore)) assertThat(ours).isCloseTo(jackStep, within(TOLERANCE_NANOS / Timeline.nanosPerStepAt(90)));
                assertThat(engine.timeline().bpm()).isEqualTo(90);
            }
            other.client.transportStop();
        }
    }

    @Test
    void leadsAsTimebaseMasterWithOurTempoAndPosition() throws Exception {
        try (JackConnection jack = JackConnection.open("analogy", line -> { });
             ProbeClient observer = new ProbeClient("observer");
             LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(132), Modes.create("echo"), List.of())) {
            engine.setClockSource(CaptureStage.ClockSource.INTERNAL);
            try (AutoCloseable sync = jack.syncTransport(engine, true)) {
                engine.play();
                JackPosition p = new JackPosition();
                await("JACK transport rolling with BBT from us", () -> {
                    try {
                        return observer.query(p) == JackTransportState.JackTransportRolling
                                && p.getValid().contains(JackPositionBits.JackPositionBBT);
                    } catch (Exception e) {
                        return false;
                    }
                });
                long xrunsBefore = observer.xruns();
                Thread.sleep(700);
                observer.query(p);
                assertThat(p.getBeatsPerMinute()).isEqualTo(132.0);
                assertThat(p.getBeatsPerBar()).isEqualTo(4f);
                double jackBeats = (p.getBar() - 1) * 4 + (p.getBeat() - 1) + p.getTick() / p.getTicksPerBeat();
                double ourBeats = engine.timeline().stepAt(p.getUsecs() * 1000 + jack.cycle().clockOffsetNanos) / 4;
                // one tick is 1/1920 beat; the position is the one at the start of the cycle being reported
                if (keptTime(observer, xrunsBefore)) {
                    assertThat(jackBeats).isCloseTo(ourBeats, within(TOLERANCE_NANOS / Timeline.nanosPerStepAt(132) / 4));
                    assertThat(jackBeats).isGreaterThan(1.0);
                }

                engine.stop();
                await("JACK transport stopped with us", () -> {
                    try {
                        return observer.query(p) == JackTransportState.JackTransportStopped;
                    } catch (Exception e) {
                        return false;
                    }
                });
            }
        }
    }

    /** The engine's position equals the master's BBT position at the same instant (the cycle start JACK reports). */
    private static void assertSamePosition(JackConnection jack, ProbeClient master, Timeline engineTimeline, double bpm,
                                           long xrunsBefore)
            throws Exception {
        JackPosition p = new JackPosition();
        assertThat(master.query(p)).isEqualTo(JackTransportState.JackTransportRolling);
        double jackSteps = ((p.getBar() - 1) * 4 + (p.getBeat() - 1) + p.getTick() / p.getTicksPerBeat()) * 4;
        double ours = engineTimeline.stepAt(p.getUsecs() * 1000 + jack.cycle().clockOffsetNanos);
        if (keptTime(master, xrunsBefore)) {
            assertThat(ours).as("engine step vs JACK BBT").isCloseTo(jackSteps, within(TOLERANCE_NANOS / Timeline.nanosPerStepAt(bpm)));
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting: " + what);
            Thread.sleep(5);
        }
    }
}
