package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.illposed.osc.MessageSelector;
import com.illposed.osc.OSCMessage;
import com.illposed.osc.OSCMessageEvent;
import com.illposed.osc.transport.OSCPortIn;
import com.illposed.osc.transport.OSCPortOut;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.analogy.engine.band.Band;
import org.analogy.engine.health.DeviceWatch;
import org.analogy.engine.health.Health;
import org.analogy.engine.osc.OscCommands;
import org.analogy.engine.osc.OscServer;
import org.analogy.engine.output.NoteLedgerOutput;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.process.FaultInjectingProcessor;

/**
 * The unattended engine left running, accelerated: 300 BPM (2.5 bars for every bar at 120), a performer
 * playing notes and now and then garbage, a show controller sending OSC (good and bad messages, state
 * queries) every 50 ms, a mode that throws on every 7th bar, a controller unplugged and plugged back every
 * few seconds, the health line on its own period. Heap (after GC), open file descriptors and threads are
 * sampled; they must stay flat while the music goes on. The short run is in every build; the long one is
 * tagged {@code soak} ({@code -Danalogy.soak.minutes=N}, default 30).
 */
class UnattendedSoakIT {

    record Sample(double seconds, long heapBytes, long fds, int threads, long bars) {}

    @Test
    void shortRunStaysFlat() throws Exception {
        List<Sample> samples = run(25, 2.5, "target/unattended-soak-short.csv");
        check(samples, 12L << 20);
    }

    @Test
    @Tag("soak")
    void longRunStaysFlat() throws Exception {
        double minutes = Double.parseDouble(System.getProperty("analogy.soak.minutes", "30"));
        List<Sample> samples = run(minutes * 60, 30, "target/unattended-soak.csv");
        check(samples, 16L << 20);
    }

    private static void check(List<Sample> samples, long heapSlack) {
        // The first quarter is warm-up (class loading, JIT, the pools' first chunks).
        List<Sample> steady = samples.subList(samples.size() / 4, samples.size());
        long heapMin = steady.stream().mapToLong(Sample::heapBytes).min().orElseThrow();
        long heapLast = Math.min(steady.get(steady.size() - 1).heapBytes(), steady.get(steady.size() - 2).heapBytes());
        long fdMin = steady.stream().mapToLong(Sample::fds).min().orElseThrow();
        long fdMax = steady.stream().mapToLong(Sample::fds).max().orElseThrow();
        int threadMin = steady.stream().mapToInt(Sample::threads).min().orElseThrow();
        int threadMax = steady.stream().mapToInt(Sample::threads).max().orElseThrow();
        assertThat(heapLast - heapMin).as("heap growth after warm-up").isLessThan(heapSlack);
        assertThat(fdMax - fdMin).as("open file descriptors after warm-up").isLessThanOrEqualTo(2);
        assertThat(threadMax - threadMin).as("threads after warm-up").isLessThanOrEqualTo(2);
        assertThat(steady.get(steady.size() - 1).bars()).as("still generating").isGreaterThan(steady.get(0).bars());
    }

    static List<Sample> run(double seconds, double samplePeriodSeconds, String csv) throws Exception {
        NoteLedgerOutput out = new NoteLedgerOutput();
        FaultInjectingProcessor flaky = FaultInjectingProcessor.throwingOn(new EchoProcessor(), bar -> bar % 7 == 3);
        List<Sample> samples = new ArrayList<>();
        AtomicLong deviceLogLines = new AtomicLong(); // counted, not kept: the run must hold nothing that grows
        AtomicLong oscReplies = new AtomicLong();
        long started = System.nanoTime();
        long end = started + (long) (seconds * 1e9);
        try (LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(300), flaky, List.of(out))) {
            engine.recorder().setEnabled(false); // as live --unattended without --record
            OscServer osc = OscServer.start(engine, new OscCommands(engine, null, Band.standIns()), OscServer.DEFAULT_BIND, 0, l -> { });
            OSCPortOut controller = new OSCPortOut(osc.localAddress());
            int replyPort;
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                replyPort = s.getLocalPort();
            }
            OSCPortIn replies = new OSCPortIn(new InetSocketAddress(InetAddress.getLoopbackAddress(), replyPort));
            replies.getDispatcher().addListener(new MessageSelector() {
                @Override public boolean isInfoRequired() { return false; }
                @Override public boolean matches(OSCMessageEvent event) { return true; }
            }, e -> oscReplies.incrementAndGet());
            replies.startListening();
            controller.send(new OSCMessage(OscCommands.ROOT + "/reply", List.of("127.0.0.1", replyPort)));

            // A controller that comes and goes: listed for 3 s, gone for 2 s.
            List<String> ports = new CopyOnWriteArrayList<>(List.of("in:Keys"));
            AtomicLong opened = new AtomicLong();
            DeviceWatch.Device keys = new DeviceWatch.Device() {
                @Override public String label() { return "input 'Keys'"; }
                @Override public boolean listedIn(List<String> p) { return p.contains("in:Keys"); }
                @Override public boolean working() { return true; }
                @Override public void release() { }
                @Override public void reopen() { opened.incrementAndGet(); }
            };
            DeviceWatch watch = new DeviceWatch(List.of(keys), List.of(true), () -> List.copyOf(ports), line -> deviceLogLines.incrementAndGet(), 200).start();

            ConsoleControls console = new ConsoleControls(engine, new PrintStream(java.io.OutputStream.nullOutputStream()));
            console.listen(new ByteArrayInputStream(new byte[0]));
            LiveCommand.Status status = new LiveCommand.Status(engine, osc, (long) (samplePeriodSeconds * 1e9), watch);
            Thread reader = new Thread(() -> {
                try {
                    status.printUntil(end, null, console);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "soak-status");
            reader.start();

            Random random = new Random(9);
            var input = engine.inputHandler();
            engine.play();
            long nextSample = System.nanoTime() + (long) (samplePeriodSeconds * 1e9);
            long nextToggle = System.nanoTime() + 3_000_000_000L;
            int pitch = 60;
            while (System.nanoTime() < end) {
                long now = System.nanoTime();
                // The performer: a note every 50 ms, and one message in 20 is garbage.
                input.channelMessage(now, 0x80, pitch, 0);
                pitch = 48 + random.nextInt(36);
                input.channelMessage(now, 0x90, pitch, 40 + random.nextInt(80));
                if (random.nextInt(20) == 0) input.channelMessage(now, random.nextInt(256), random.nextInt(256), random.nextInt(256));
                controller.send(controlMessage(random));
                if (now >= nextToggle) {
                    if (ports.isEmpty()) ports.add("in:Keys");
                    else ports.clear();
                    nextToggle = now + (ports.isEmpty() ? 2_000_000_000L : 3_000_000_000L);
                }
                if (now >= nextSample) {
                    nextSample += (long) (samplePeriodSeconds * 1e9);
                    Health h = Health.read(started, engine.metrics(), watch.reconnects());
                    System.gc();
                    System.gc();
                    long heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    samples.add(new Sample((now - started) / 1e9, heap, h.openFileDescriptors(), h.threads(), h.bars()));
                    System.out.println(h.line());
                }
                Thread.sleep(50);
            }
            reader.join(5000);
            input.channelMessage(System.nanoTime(), 0x80, pitch, 0);
            replies.stopListening();
            replies.close();
            controller.close();
            osc.close();
            watch.close();
            var m = engine.metrics();
            String report = String.format("unattended soak: %.0f s, %d bars (%.1f h of music at 120 BPM), %d errors covered (%d bars),"
                            + " %d OSC messages (%d refused), %d OSC replies, %d reconnects / %d losses, events in %d out %d",
                    (System.nanoTime() - started) / 1e9, m.barsGenerated.get(), m.barsGenerated.get() * 2 / 3600.0,
                    m.processorErrors.get(), m.coveredBars.get(), osc.received(), osc.refused(), oscReplies.get(),
                    watch.reconnects(), watch.losses(), m.inputEvents.get(), m.eventsSent.get());
            System.out.println(report);
            StringBuilder table = new StringBuilder("seconds,heap_bytes,fds,threads,bars\n");
            for (Sample s : samples) table.append(String.format("%.1f,%d,%d,%d,%d%n", s.seconds(), s.heapBytes(), s.fds(), s.threads(), s.bars()));
            Files.writeString(Path.of(csv), table + "# " + report + "\n");
            assertThat(flaky.faultsInjected()).isGreaterThan(0);
            assertThat(m.coveredBars.get()).as("failed bars covered").isGreaterThan(0);
            assertThat(watch.reconnects()).isGreaterThan(0);
            assertThat(deviceLogLines.get()).isEqualTo(watch.reconnects() + watch.losses());
            assertThat(osc.refused()).isGreaterThan(0);
            assertThat(reader.isAlive()).isFalse();
        }
        assertThat(out.hangingNotes()).isZero();
        return samples;
    }

    /** A show controller's traffic: mostly settings, now and then a state query or a mistake. */
    private static OSCMessage controlMessage(Random random) {
        String r = OscCommands.ROOT;
        return switch (random.nextInt(10)) {
            case 0 -> new OSCMessage(r + "/tempo", List.of(200f + random.nextInt(100)));
            case 1 -> new OSCMessage(r + "/echo/transpose", List.of(random.nextInt(25) - 12));
            case 2 -> new OSCMessage(r + "/echo/bars", List.of(random.nextBoolean() ? 1 : 2));
            case 3 -> new OSCMessage(r + "/factor/pitch/source", List.of(random.nextBoolean() ? "live" : "freeze"));
            case 4 -> new OSCMessage(r + "/state", List.of());
            case 5 -> new OSCMessage(r + "/tempo", List.of("fast"));
            case 6 -> new OSCMessage(r + "/no/such/address", List.of(1));
            case 7 -> new OSCMessage(r + "/velocity", List.of(0.5f + random.nextFloat()));
            case 8 -> new OSCMessage(r + "/count-in", List.of(99));
            default -> new OSCMessage(r + "/factor/rhythm/freeze", List.of(random.nextInt(2)));
        };
    }
}
