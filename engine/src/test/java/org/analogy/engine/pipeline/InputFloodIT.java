package org.analogy.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.analogy.engine.bench.HeapSampler;
import org.analogy.engine.metrics.Stage;
import org.analogy.engine.midi.MidiMessageHandler;
import org.analogy.engine.output.NoteLedgerOutput;
import org.analogy.engine.process.EchoProcessor;

/**
 * An input flood of 10 000 events per second into the live engine, in real time: a controller storm (mod
 * wheel, pitch bend, channel pressure) over fast playing, as a keyboard with a stuck wheel or a runaway
 * sequencer upstream sends it. Every event must be recorded, the ring 1 hop must stay short, the heap must
 * not grow beyond what the recording keeps, and nothing may be left sounding.
 */
class InputFloodIT {

    static final int EVENTS_PER_SECOND = 10_000;
    /** One event in five is a note-on or note-off; the rest are controllers. */
    static final int NOTE_EVERY = 5;

    record Report(int seconds, long sent, long captured, long recorded, double p50Millis, double p99Millis,
                  double maxMillis, long noteOnsOut, int hanging, long overflows, long errors, long missedBars, long lateDropped, long heapGrowth,
                  long recordingBytes, String heap) {
        String line() {
            return String.format("flood %d s at %d events/s: sent %d, captured %d, recorded %d; input → capture "
                            + "median %.3f ms, p99 %.3f ms, max %.3f ms; %d note-ons out, %d hanging, %d scheduler "
                            + "overflows, %d stage errors of which %d bars missed their deadline (covered), %d late notes dropped; heap growth %.1f MiB (recording %.1f MiB); heap after GC: %s",
                    seconds, EVENTS_PER_SECOND, sent, captured, recorded, p50Millis, p99Millis, maxMillis, noteOnsOut,
                    hanging, overflows, errors, missedBars, lateDropped, heapGrowth / 1048576.0, recordingBytes / 1048576.0, heap);
        }
    }

    static Report flood(int seconds) throws Exception {
        NoteLedgerOutput out = new NoteLedgerOutput();
        HeapSampler heap = new HeapSampler();
        Histogram hop = new Histogram(60_000_000_000L, 3);
        long sent = 0;
        LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(120), new EchoProcessor(), List.of(out));
        try {
            engine.play();
            MidiMessageHandler input = engine.inputHandler();
            Thread.sleep(300);
            heap.sample();
            long recordedAtStart = engine.recorder().inputEventCount();
            engine.metrics().interval(); // forget the start-up
            long start = System.nanoTime();
            for (int second = 1; second <= seconds; second++) {
                long secondEnd = start + second * 1_000_000_000L;
                long now;
                while ((now = System.nanoTime()) < secondEnd) {
                    long due = (now - start) * EVENTS_PER_SECOND / 1_000_000_000L;
                    while (sent < due) send(input, sent++);
                    LockSupport.parkNanos(200_000); // bursts of about 2 events, as a USB device delivers them
                }
                hop.add(engine.metrics().interval().get(Stage.INPUT_TO_CAPTURE));
                if (second % Math.max(1, seconds / 5) == 0) heap.sample();
            }
            while (sent < (long) EVENTS_PER_SECOND * seconds) send(input, sent++);
            long total = sent;
            assertThat(Await.until(() -> engine.metrics().inputEvents.get() >= total, 10_000))
                    .as("capture caught up with the flood").isTrue();
            hop.add(engine.metrics().interval().get(Stage.INPUT_TO_CAPTURE));
            long recorded = engine.recorder().inputEventCount() - recordedAtStart;
            long captured = engine.metrics().inputEvents.get();
            engine.close();
            heap.sample();
            return new Report(seconds, sent, captured, recorded, hop.getValueAtPercentile(50) / 1e6,
                    hop.getValueAtPercentile(99) / 1e6, hop.getMaxValue() / 1e6, out.noteOns(), out.hangingNotes(),
                    engine.metrics().queueOverflows.get(), engine.metrics().processorErrors.get(),
                    engine.metrics().deadlineMisses.get(),
                    engine.metrics().lateEventsDropped.get(), heap.growth(),
                    12 * (recorded + engine.recorder().outputEventCount()), heap.describeMiB());
        } finally {
            engine.close();
        }
    }

    /** Event {@code i} of the flood: notes up and down two octaves, between them wheel, bend and pressure. */
    private static void send(MidiMessageHandler input, long i) {
        long now = System.nanoTime();
        int kind = (int) (i % NOTE_EVERY);
        if (kind == 0) {
            long note = i / NOTE_EVERY;
            int pitch = 48 + (int) ((note / 2) % 24);
            if (note % 2 == 0) input.channelMessage(now, 0x90, pitch, 60 + (int) (note % 40));
            else input.channelMessage(now, 0x80, pitch, 0);
        } else if (kind == 1 || kind == 3) {
            input.channelMessage(now, 0xB0, 1, (int) (i % 128));
        } else if (kind == 2) {
            int bend = 8192 + (int) (4000 * Math.sin(i / 300.0));
            input.channelMessage(now, 0xE0, bend & 0x7F, bend >> 7);
        } else {
            input.channelMessage(now, 0xD0, (int) (i % 128), 0);
        }
    }

    static void check(Report r) throws IOException {
        Path file = Path.of("target", "flood-report.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, r.line() + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println(r.line());

        assertThat(r.sent()).as("events sent").isEqualTo((long) EVENTS_PER_SECOND * r.seconds());
        assertThat(r.captured()).as("events captured").isEqualTo(r.sent());
        assertThat(r.recorded()).as("events recorded").isEqualTo(r.sent());
        // Bounded: the capture keeps up, so the hop never nears the time the flood takes to fill ring 1
        // (8192 slots at 10 000/s: 819 ms, after which the device callback would block). An idle machine
        // measures tens of microseconds at p99; a two-core one shared with a training run, tens of ms.
        // The guarantee is above (every event captured and recorded, none lost to a full ring); the hop's figures
        // are measured and printed in the report line. Only the p99 is held, with a margin for a loaded 2-core
        // machine whose host stalls it (tens of ms seen): under two 16ths at 120 BPM. The max is a single stall.
        assertThat(r.p99Millis()).as("input → capture p99 (ms): below two 16ths at 120 BPM").isLessThan(250);
        assertThat(r.noteOnsOut()).as("the engine played on").isPositive();
        assertThat(r.hanging()).as("stuck notes").isZero();
        // A bar may miss its deadline when the machine stalls (it is covered and counted); nothing else may fail.
        assertThat(r.errors()).as("stage errors other than missed deadlines").isEqualTo(r.missedBars());
        assertThat(r.heapGrowth()).as("heap growth beyond the recording")
                .isLessThan(r.recordingBytes() + 8L * 1024 * 1024);
    }

    @Test
    void tenSecondsOfTenThousandEventsPerSecond() throws Exception {
        check(flood(10));
    }

    @Tag("soak")
    @Test
    void sixtySecondsOfTenThousandEventsPerSecond() throws Exception {
        check(flood(60));
    }
}
