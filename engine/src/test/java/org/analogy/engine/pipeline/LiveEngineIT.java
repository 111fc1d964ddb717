package org.analogy.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.process.NoteSink;
import org.analogy.engine.process.Part;
import org.analogy.engine.schedule.RecordingOutput;

/** The live engine in real time: nothing hangs, whatever happens, and clock goes out while leading. */
class LiveEngineIT {

    /** Holds a chord for most of every bar, so that a stop always catches notes sounding. */
    static final class SustainedChords implements BarProcessor {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String name() {
            return "sustained chords";
        }

        @Override
        public void process(BarWindow window, ControlSnapshot controls, NoteSink out) {
            calls.incrementAndGet();
            for (int pitch : new int[] {48, 55, 64}) {
                out.note(Part.ACCOMPANIMENT, 1, pitch, 80, window.targetBarStartStep(), window.stepsPerBar() - 1);
            }
        }
    }

    static EngineConfig fast() {
        return EngineConfig.defaults().withBpm(240);
    }

    static void playFor(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    @Test
    void stopReleasesEverythingSoundingThenCc123() throws Exception {
        RecordingOutput out = new RecordingOutput();
        try (LiveEngine engine = new LiveEngine(fast(), new SustainedChords(), List.of(out))) {
            engine.play();
            playFor(1500);
            assertThat(out.noteOns()).isNotEmpty();
            engine.stop();
            playFor(300);
            assertThat(out.hangingNotes()).isEmpty();
            assertThat(out.sent).anyMatch(s -> s.status() == 0xB1 && s.data1() == 123);
            int sentAtStop = out.sent.size();
            playFor(500);
            assertThat(out.sent).hasSize(sentAtStop); // nothing queued survives a stop
        }
    }

    @Test
    void panicReleasesEverythingAndTheMusicGoesOn() throws Exception {
        RecordingOutput out = new RecordingOutput();
        try (LiveEngine engine = new LiveEngine(fast(), new SustainedChords(), List.of(out))) {
            engine.play();
            playFor(1200);
            engine.panic();
            playFor(100);
            assertThat(out.hangingNotes()).hasSizeLessThanOrEqualTo(3); // a new bar may have started
            int after = out.noteOns().size();
            assertThat(Await.until(() -> out.noteOns().size() > after, 5000)).as("music goes on after a panic").isTrue();
        }
        assertThat(out.hangingNotes()).isEmpty();
    }

    @Test
    void aThrowingProcessorIsCoveredCountedAndLeavesNothingHanging() throws Exception {
        RecordingOutput out = new RecordingOutput();
        SustainedChords good = new SustainedChords();
        BarProcessor flaky = new BarProcessor() {
            int bar;

            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public void process(BarWindow window, ControlSnapshot controls, NoteSink sink) throws Exception {
                if (bar++ % 2 == 1) {
                    sink.note(Part.MELODY, 0, 72, 90, window.targetBarStartStep(), 2); // half a bar written…
                    throw new IllegalStateException("model exploded");             // …then a failure
                }
                good.process(window, controls, sink);
            }
        };
        LiveEngine engine = new LiveEngine(fast(), flaky, List.of(out));
        try (engine) {
            engine.play();
            playFor(3000);
            assertThat(engine.metrics().processorErrors.get()).isGreaterThan(0);
            assertThat(engine.metrics().coveredBars.get()).isGreaterThan(0);
            // Polled: on a loaded machine a later bar may miss its deadline and become the last error.
            assertThat(Await.until(() -> String.valueOf(engine.lastError()).contains("model exploded"), 5000))
                    .as("the failure is reported: " + engine.lastError()).isTrue();
        }
        assertThat(out.hangingNotes()).isEmpty();
        // the failed bars' half-written notes never reached the output
        assertThat(out.noteOns()).noneMatch(s -> s.data1() == 72);
    }

    @Test
    void aStalledProcessorMissesItsDeadlineAndTheBarIsCovered() throws Exception {
        RecordingOutput out = new RecordingOutput();
        SustainedChords good = new SustainedChords();
        BarProcessor stalling = new BarProcessor() {
            int bar;

            @Override
            public String name() {
                return "stalling";
            }

            @Override
            public void process(BarWindow window, ControlSnapshot controls, NoteSink sink) throws Exception {
                if (bar++ == 3) Thread.sleep(2000);
                good.process(window, controls, sink);
            }
        };
        LiveEngine engine = new LiveEngine(fast(), stalling, List.of(out));
        try (engine) {
            engine.play();
            playFor(4000);
            assertThat(engine.metrics().deadlineMisses.get()).isGreaterThan(0);
            assertThat(engine.metrics().coveredBars.get()).isGreaterThan(0);
        }
        assertThat(out.hangingNotes()).isEmpty();
    }

    @Test
    void aVanishedOutputIsSkippedAndTheOthersStayClean() throws Exception {
        RecordingOutput unplugged = new RecordingOutput();
        RecordingOutput other = new RecordingOutput();
        try (LiveEngine engine = new LiveEngine(fast(), new SustainedChords(), List.of(unplugged, other))) {
            engine.play();
            playFor(1000);
            unplugged.available = false;
            int frozen = unplugged.sent.size();
            assertThat(Await.until(() -> other.noteOns().size() > unplugged.noteOns().size(), 5000))
                    .as("the other output plays on").isTrue();
            assertThat(unplugged.sent).hasSize(frozen);
        }
        assertThat(other.hangingNotes()).isEmpty();
    }

    @Test
    void aVanishedOutputThatReturnsIsSilencedWithCc123AndPlaysAgain() throws Exception {
        RecordingOutput device = new RecordingOutput();
        try (LiveEngine engine = new LiveEngine(fast(), new SustainedChords(), List.of(device))) {
            engine.play();
            playFor(1000);
            device.available = false; // unplugged with a chord sounding
            playFor(600);
            int beforeReturn = device.sent.size();
            device.available = true;
            assertThat(Await.until(() -> List.copyOf(device.sent).stream().skip(beforeReturn)
                    .anyMatch(RecordingOutput.Sent::isNoteOn), 5000)).as("a note-on after the return").isTrue();
            List<RecordingOutput.Sent> afterReturn = List.copyOf(device.sent.subList(beforeReturn, device.sent.size()));
            assertThat(afterReturn).as("sent again after the return").isNotEmpty();
            assertThat(afterReturn.get(0)).as("first thing after the return")
                    .isEqualTo(new RecordingOutput.Sent(afterReturn.get(0).nanos(), 0xB1, 123, 0));
            assertThat(afterReturn).anyMatch(RecordingOutput.Sent::isNoteOn);
            assertThat(engine.metrics().outputsReturned.get()).isEqualTo(1);
        }
        assertThat(device.hangingNotes()).isEmpty();
    }

    @Test
    void closeReleasesEverything() throws Exception {
        RecordingOutput out = new RecordingOutput();
        LiveEngine engine = new LiveEngine(fast(), new SustainedChords(), List.of(out));
        engine.play();
        playFor(1200);
        engine.close();
        assertThat(out.hangingNotes()).isEmpty();
        engine.close(); // twice is fine
    }

    @Test
    void sendsMidiClockWhileLeadingWithStartAndStop() throws Exception {
        RecordingOutput device = new RecordingOutput();
        device.wantsClock = true;
        try (LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(120), new EchoProcessor(), List.of(device))) {
            engine.play();
            playFor(2100);
            engine.stop();
            playFor(200);
        }
        List<RecordingOutput.Sent> sent = List.copyOf(device.sent);
        List<Integer> statuses = sent.stream().map(RecordingOutput.Sent::status).toList();
        assertThat(statuses).contains(0xFA, 0xFC);
        assertThat(statuses.indexOf(0xFA)).isLessThan(statuses.indexOf(0xF8));
        long clocks = statuses.stream().filter(s -> s == 0xF8).count();
        assertThat(clocks).isBetween(85L, 105L); // 48 per second at 120 BPM, for about two seconds
        // clocks are due on the 1/6-step grid: 20.833 ms apart at 120 BPM
        List<Long> times = sent.stream().filter(s -> s.status() == 0xF8).map(RecordingOutput.Sent::nanos).toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isBetween(20_830_000L, 20_840_000L);
        }
    }
}
