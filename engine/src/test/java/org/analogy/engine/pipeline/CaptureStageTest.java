package org.analogy.engine.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CaptureSettings;
import org.analogy.engine.capture.CapturedNote;
import org.analogy.engine.capture.NoteCapture;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.chords.ChordSource;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.output.SessionRecorder;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Transport;

class CaptureStageTest {

    final List<BarWindow> windows = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final Transport transport = new Transport(Meter.FOUR_FOUR, 120);
    final CaptureStage stage = new CaptureStage(transport, new NoteCapture(CaptureSettings.DEFAULT), new SessionRecorder(),
            new LatencyMetrics(), new EchoProcessor(), () -> ControlSnapshot.DEFAULT.withEcho(2, 0), new CaptureStage.WindowSink() {
                @Override
                public void window(BarWindow window) {
                    windows.add(window);
                }

                @Override
                public void stopped(long nanos) {
                    events.add("stopped");
                }

                @Override
                public void panic(long nanos) {
                    events.add("panic");
                }

                @Override
                public void processorChanged(BarProcessor processor) {
                    events.add("processor " + processor.name());
                }
            });
    final InputEvent event = new InputEvent();

    void send(int kind, long nanos, int status, int d1, int d2) {
        event.set(kind, nanos, status, d1, d2);
        stage.onEvent(event, nanos);
    }

    void command(long nanos, InputEvent.Command c, double value) {
        event.setCommand(nanos, c, value, null);
        stage.onEvent(event, nanos);
    }

    @Test
    void followsAJitteryMidiClockPublishingOneWindowPerBarWithNotesOnTheGrid() {
        command(0, InputEvent.Command.SET_CLOCK_SOURCE, CaptureStage.ClockSource.MIDI.ordinal());
        Random jitter = new Random(5);
        double clockNanos = 60e9 / (120 * 24); // 20.83 ms
        long origin = 1_000_000_000L;
        send(InputEvent.REAL_TIME, origin - 1_000_000, 0xFA, 0, 0); // Start: step 0 at the next clock
        int clocks = 24 * 4 * 6; // six bars
        for (int k = 0; k < clocks; k++) {
            long t = origin + Math.round(k * clockNanos) + (long) ((jitter.nextDouble() - 0.5) * 2_000_000);
            send(InputEvent.REAL_TIME, t, 0xF8, 0, 0);
            if (k % 12 == 1) { // an 8th-note line, played one clock (1/6 of a 16th) late
                int pitch = 60 + (k / 12) % 12;
                send(InputEvent.CHANNEL, t, 0x90, pitch, 90);
                send(InputEvent.CHANNEL, t + 100_000_000, 0x80, pitch, 0);
            }
        }
        send(InputEvent.REAL_TIME, origin + Math.round(clocks * clockNanos), 0xFC, 0, 0);

        // the last clocks reach bar 6's trigger, one 16th before its downbeat
        assertThat(windows).extracting(BarWindow::targetBar).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(events).contains("stopped");
        BarWindow last = windows.get(windows.size() - 1);
        List<CapturedNote> bar3 = last.notesInBar(3);
        assertThat(bar3).extracting(CapturedNote::start).containsExactly(0, 2, 4, 6, 8, 10, 12, 14);
        assertThat(transport.timeline().running()).isFalse();
    }

    @Test
    void tapTempoSetsTheTempoAndCommandsThatCannotApplyAreReportedNotThrown() {
        command(0, InputEvent.Command.TAP, 0);
        command(500_000_000L, InputEvent.Command.TAP, 0);
        command(1_000_000_000L, InputEvent.Command.TAP, 0);
        assertThat(transport.timeline().bpm()).isCloseTo(120.0, org.assertj.core.data.Offset.offset(0.01));
        command(2_000_000_000L, InputEvent.Command.PLAY, 0);
        command(3_000_000_000L, InputEvent.Command.SET_METER, 3);
        assertThat(stage.lastCommandError()).contains("SET_METER").contains("stopped");
        assertThat(transport.timeline().meter()).isEqualTo(Meter.FOUR_FOUR);
    }

    @Test
    void aCountInPublishesNegativeBarsFirst() {
        command(0, InputEvent.Command.SET_COUNT_IN, 2);
        command(0, InputEvent.Command.PLAY, 0);
        for (long t = 0; t < 7_000_000_000L; t += 10_000_000L) send(InputEvent.TICK, t, 0, 0, 0); // 2 s a bar
        assertThat(windows).extracting(BarWindow::targetBar).startsWith(-2L, -1L, 0L, 1L);
    }
    /**
     * A chord source that re-decides within bars, switched off and on again mid-song (preset changes), is offered only
     * beats still ahead: before, every beat since it was switched off was offered at once, and every note of those revisions
     * was late (thousands in the virtual-time soak with the harmony follower).
     */
    @Test
    void aChordSourceSwitchedOnMidSongIsOfferedOnlyBeatsStillAhead() {
        List<BarWindow> published = new ArrayList<>();
        ChordSource everyBeat = new ChordSource() {
            @Override
            public Chord[] chords(BarWindow window, long fromBar, int bars) {
                return new Chord[bars * window.stepsPerBar()];
            }

            @Override
            public boolean decidesWithinBars() {
                return true;
            }

            @Override
            public boolean redecidesAt(long bar, int stepInBar) {
                return true;
            }

            @Override
            public String describe() {
                return "every beat";
            }
        };
        BarProcessor revising = new BarProcessor() {
            @Override
            public String name() {
                return "revising";
            }

            @Override
            public boolean revisesOnChordChange() {
                return true;
            }

            @Override
            public void process(BarWindow window, ControlSnapshot controls, org.analogy.engine.process.NoteSink out) {
            }
        };
        AtomicReference<ControlSnapshot> controls = new AtomicReference<>(ControlSnapshot.DEFAULT);
        CaptureStage revisingStage = new CaptureStage(transport, new NoteCapture(CaptureSettings.DEFAULT), new SessionRecorder(),
                new LatencyMetrics(), revising, controls::get, new CaptureStage.WindowSink() {
                    @Override
                    public void window(BarWindow window) {
                        published.add(window);
                    }

                    @Override
                    public void stopped(long nanos) {
                    }

                    @Override
                    public void panic(long nanos) {
                    }

                    @Override
                    public void processorChanged(BarProcessor processor) {
                    }
                });
        event.setCommand(0, InputEvent.Command.PLAY, 0, null);
        revisingStage.onEvent(event, 0);
        long bar = 2_000_000_000L; // 120 BPM
        ControlSnapshot following = ControlSnapshot.DEFAULT.withStyle(ControlSnapshot.DEFAULT.style().withChords(everyBeat));
        long t = 0;
        controls.set(following);
        for (; t < 3 * bar; t = revisingStage.nextTriggerNanos(t)) tick(revisingStage, t);
        controls.set(ControlSnapshot.DEFAULT); // a preset with a chart for a while
        for (; t < 12 * bar; t = revisingStage.nextTriggerNanos(t)) tick(revisingStage, t);
        controls.set(following);
        for (; t < 15 * bar; t = revisingStage.nextTriggerNanos(t)) tick(revisingStage, t);

        List<BarWindow> revisions = published.stream().filter(BarWindow::isRevision).toList();
        assertThat(revisions).as("beats 2-4 of the bars while following").hasSizeGreaterThanOrEqualTo(12);
        for (BarWindow w : revisions) {
            assertThat(w.reviseFromStep()).as("a revision starts ahead of when it is asked for")
                    .isGreaterThan(transport.timeline().stepAt(w.publishedNanos()));
        }
    }

    private void tick(CaptureStage s, long nanos) {
        event.set(InputEvent.TICK, nanos, 0, 0, 0);
        s.onEvent(event, nanos);
    }
}
