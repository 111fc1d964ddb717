package org.analogy.jack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.analogy.engine.midi.MidiMessageHandler;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.Modes;

/**
 * The JACK server going away under a running engine and coming back: one notice each way, the engine plays
 * on meanwhile (its JACK output reports itself unavailable and is skipped), and after the return the same
 * ports exist again, auto-connected by their patterns, carrying MIDI both ways.
 */
class JackRecoveryIT {

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
    void serverLossIsReportedTheEnginePlaysOnAndTheClientComesBack() throws Exception {
        List<String> notices = new CopyOnWriteArrayList<>();
        List<Integer> notesIn = new CopyOnWriteArrayList<>();
        try (JackConnection jack = JackConnection.open("analogy", notices::add)) {
            MidiOutput out = jack.openOutput("probe:in");
            jack.openInput("probe:out", new MidiMessageHandler() {
                @Override
                public void channelMessage(long nanos, int status, int data1, int data2) {
                    if ((status & 0xF0) == 0x90) notesIn.add(data1);
                }
            });
            try (LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(120), Modes.create("echo"), List.of(out))) {
                engine.play();
                try (ProbeClient probe = new ProbeClient("probe")) {
                    JackTransportIT.await("auto-connected both ways", () -> connectedBothWays(probe));
                    exchange(jack, out, probe, notesIn, 60);
                }

                server.kill();
                JackTransportIT.await("loss reported", () -> notices.size() == 1);
                assertThat(notices.get(0)).startsWith("JACK server gone").doesNotContain("\n");
                assertThat(jack.isConnected()).isFalse();
                assertThat(out.isAvailable()).isFalse();
                out.send(System.nanoTime(), 0x90, 61, 100); // dropped quietly while away
                double stepBefore = engine.timeline().stepAt(System.nanoTime());
                Thread.sleep(1500);
                assertThat(engine.timeline().running()).isTrue();
                assertThat(engine.timeline().stepAt(System.nanoTime()) - stepBefore).isGreaterThan(8); // 1.5 s at 120 BPM is 12 16ths

                server.startProcess();
                JackTransportIT.await("return reported", () -> notices.size() == 2);
                assertThat(notices.get(1)).startsWith("JACK server back: reconnected as analogy").doesNotContain("\n");
                assertThat(jack.isConnected()).isTrue();
                assertThat(out.isAvailable()).isTrue();
                assertThat(jack.reconnects()).isEqualTo(1);

                try (ProbeClient probe = new ProbeClient("probe")) {
                    JackTransportIT.await("auto-connected again", () -> connectedBothWays(probe));
                    exchange(jack, out, probe, notesIn, 62);
                }
            }
        }
        assertThat(notices).hasSize(2);
    }

    private static boolean connectedBothWays(ProbeClient probe) {
        try {
            return probe.in.getConnections().length == 1 && probe.out.getConnections().length == 1;
        } catch (org.jaudiolibs.jnajack.JackException e) {
            return false;
        }
    }

    /**
     * A note each way: ours out to the probe, the probe's in to our input handler. Sent again (up to three
     * times) if it does not arrive: a non-real-time server on a busy machine drops the events of a lost cycle.
     */
    private static void exchange(JackConnection jack, MidiOutput out, ProbeClient probe, List<Integer> notesIn, int note)
            throws Exception {
        boolean outArrived = false;
        for (int attempt = 0; attempt < 3 && !outArrived; attempt++) {
            out.send(System.nanoTime() + out.sendAheadNanos(), 0x90, note, 90);
            out.send(System.nanoTime() + out.sendAheadNanos() + 50_000_000, 0x80, note, 0);
            outArrived = arrives(() -> {
                synchronized (probe.received) {
                    return probe.received.stream().anyMatch(r -> r.status() == 0x90 && r.data1() == note);
                }
            });
        }
        assertThat(outArrived).as("note %d at the probe (our cycles %d, written late %d, probe got %d events, server xruns %d)",
                note, jack.cycle().cycles, ((JackMidiOutput) out).lateEvents(), probe.received.size(), probe.xruns()).isTrue();

        boolean inArrived = false;
        for (int attempt = 0; attempt < 3 && !inArrived; attempt++) {
            probe.sendAt(probe.lastCycleFrame() + 4 * JackServer.PERIOD, 0x90, note + 12, 80);
            inArrived = arrives(() -> notesIn.contains(note + 12));
        }
        assertThat(inArrived).as("note %d from the probe", note + 12).isTrue();
    }

    private static boolean arrives(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            Thread.sleep(10);
        }
        return false;
    }
}
