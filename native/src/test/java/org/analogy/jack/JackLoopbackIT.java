package org.analogy.jack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.analogy.engine.midi.MidiMessageHandler;

/**
 * Frame-exact timing through a real JACK server: events due on a 120 BPM grid (6000 frames apart at 48 kHz)
 * are written at their frames, seen by another client at exactly those frames, and come back into our own
 * input exactly one period later.
 */
class JackLoopbackIT {

    private static JackServer server;

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue(JackServer.installed(), JackServer.SKIP_MESSAGE);
        server = JackServer.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) server.close();
    }

    record Written(long due, long frame, double error) {}

    record Arrived(long nanos, long frame, int status, int data1) {}

    @Test
    void eventsAreWrittenAtTheirFramesAndComeBackOnePeriodLater() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        List<Long> handled = new CopyOnWriteArrayList<>();
        try (JackConnection jack = JackConnection.open("analogy", notices::add);
             ProbeClient probe = new ProbeClient("probe")) {
            JackMidiOutput out = (JackMidiOutput) jack.openOutput(null);
            AutoCloseable in = jack.openInput(null, new MidiMessageHandler() {
                @Override
                public void channelMessage(long nanos, int status, int data1, int data2) {
                    handled.add(nanos);
                }
            });
            List<Written> written = new CopyOnWriteArrayList<>();
            List<Arrived> arrived = new CopyOnWriteArrayList<>();
            jack.setWrittenListener((due, frame, s, d1, d2, error) -> written.add(new Written(due, frame, error)));
            jack.setInputListener((nanos, frame, s, d1, d2, error) -> arrived.add(new Arrived(nanos, frame, s, d1)));
            String outName = jack.outputPortName(out.port());
            probe.connect(outName, "probe:in");
            jack.connectPorts(outName, jack.inputPortName());
            assertThat(out.sendAheadNanos()).isGreaterThan(jack.periodNanos());

            int events = 40;
            long stepNanos = 125_000_000L; // a 16th at 120 BPM = 6000 frames at 48 kHz
            Thread.sleep(500); // let the cycle-start estimate settle
            // The first event exactly on a frame, so that rounding has half a frame of room either way.
            long first = jack.cycle().lastCycleNanos + Math.round(Math.ceil(0.3 * JackServer.RATE) * 1e9 / JackServer.RATE);
            // All handed over at once: the process thread holds each back until its period, so what is measured
            // here is the placement inside the cycle, not how punctually this thread wakes (the bench does that).
            for (int k = 0; k < events; k++) out.send(first + k * stepNanos, 0x90, 40 + k, 100);
            while (written.size() < events && System.nanoTime() < first + events * stepNanos + 2_000_000_000L) Thread.sleep(20);
            Thread.sleep(100);

            assertThat(written).hasSize(events);
            // Each at the frame nearest its due time. Only an xrun (a cycle the server lost, possible with a
            // non-real-time jackd on a busy machine) may push an event past its frame.
            long late = written.stream().filter(w -> Math.abs(w.error()) > 0.5).count();
            assertThat(late).isEqualTo(out.lateEvents());
            if (probe.xruns() == 0) assertThat(late).as("late events without an xrun").isZero();
            else assertThat(late).as("late events with %d xruns", probe.xruns()).isLessThanOrEqualTo(events / 10);

            // Another client sees every event at exactly the frame it was written at.
            List<Long> probeFrames = new ArrayList<>();
            synchronized (probe.received) {
                for (ProbeClient.Received r : probe.received) probeFrames.add(r.frame());
            }
            assertThat(probeFrames).containsExactlyElementsOf(written.stream().map(Written::frame).toList());

            // The grid in frames: 6000 apart at a nominal 48 kHz, give or take how far the server's frame clock runs
            // from nanoTime (a freshly started dummy driver runs a few per mille slow while its DLL settles); the
            // write errors above tie each frame to its due time through that clock.
            List<Long> gaps = new ArrayList<>();
            for (int k = 1; k < events; k++) gaps.add(probeFrames.get(k) - probeFrames.get(k - 1));
            System.out.println("frame gaps: " + gaps);
            System.out.println("write errors (frames): " + written.stream().map(w -> String.format("%.3f", w.error())).toList());
            assertThat(gaps).allSatisfy(g -> assertThat(g).isBetween(5940L, 6060L));

            // Our own input: each event back exactly one period later, stamped consistently in nanoTime.
            assertThat(arrived).hasSize(events);
            for (int k = 0; k < events; k++) {
                assertThat(arrived.get(k).frame() - written.get(k).frame()).isEqualTo(JackServer.PERIOD);
                assertThat(arrived.get(k).data1()).isEqualTo(40 + k);
                double backAfterFrames = (arrived.get(k).nanos() - written.get(k).due()) * JackServer.RATE / 1e9;
                assertThat(backAfterFrames).isCloseTo(JackServer.PERIOD, org.assertj.core.data.Offset.offset(1.0));
            }
            assertThat(handled).hasSize(events);
            assertThat(notices).isEmpty();
            in.close();
        }
    }
}
