package org.analogy.engine.pipeline;

import java.util.function.Supplier;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.metrics.MissLog;
import org.analogy.engine.metrics.Stage;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.Part;
import org.analogy.engine.time.Meter;

/**
 * The inference stage: once per bar, read the controls, run the processor on the captured window, check
 * what it wrote and hand it on. A call that throws or misses its deadline is counted and the bar is
 * covered with the previous bar's notes moved forward, so the music neither stops nor arrives late.
 * During a count-in it plays the clicks instead.
 */
public final class InferenceStage {

    /** GM percussion: side stick on the downbeat, closed hi-hat on the other beats. */
    static final int CLICK_CHANNEL = 9;
    static final int CLICK_ACCENT = 37;
    static final int CLICK_BEAT = 42;

    /** An answer note due at the performer's own step is withdrawn too, whatever the rounding of that position. */
    static final double SILENCE_TOLERANCE_STEPS = 1e-6;

    private final GeneratedNotes out;
    private final Supplier<ControlSnapshot> controls;
    private final LatencyMetrics metrics;
    private final ProcessorRunner runner;
    private final long outputLatencyNanos;
    private final org.analogy.engine.output.SessionRecorder recorder;
    private final System.Logger log = System.getLogger("analogy.inference");

    private volatile BarProcessor processor;
    private BarNotes lastBar;
    private volatile String lastError;

    InferenceStage(BarProcessor processor, GeneratedNotes out, Supplier<ControlSnapshot> controls,
                   LatencyMetrics metrics, ProcessorRunner runner, long outputLatencyNanos,
                   org.analogy.engine.output.SessionRecorder recorder) {
        this.recorder = recorder;
        this.processor = processor;
        this.out = out;
        this.controls = controls;
        this.metrics = metrics;
        this.runner = runner;
        this.outputLatencyNanos = outputLatencyNanos;
    }

    void setProcessor(BarProcessor processor) {
        this.processor = processor;
        this.lastBar = null;
    }

    BarProcessor processor() {
        return processor;
    }

    /** The most recent processor failure, for the status line; null when there was none. */
    String lastError() {
        return lastError;
    }

    /** Generates the window's target bar; {@code nowNanos} is when the window reached this stage. */
    void onWindow(BarWindow window, long nowNanos) {
        if (window.targetBar() < 0) {
            countInClicks(window);
            return;
        }
        if (window.isRevision()) {
            revise(window, nowNanos);
            return;
        }
        ControlSnapshot snapshot = controls.get();
        long deadline = window.timeline().nanosAt(window.targetBarStartStep()) - outputLatencyNanos;
        BarNotes notes = new BarNotes(window.targetBar(), window.targetBarStartStep());
        long callStarted = System.nanoTime();
        ProcessorRunner.Outcome outcome = runner.run(processor, window, snapshot, notes, deadline - nowNanos);
        // Queueing in ring 2 (on the engine's clock, virtual in a render) plus the call itself (real time).
        metrics.record(Stage.INFERENCE, (nowNanos - window.publishedNanos()) + (System.nanoTime() - callStarted));
        if (outcome.ok()) {
            notes.sendTo(out, 0);
            notes.recordChords(recorder, 0);
            notes.recordMarkers(recorder, 0);
            lastBar = notes;
            metrics.barsGenerated.incrementAndGet();
        } else {
            metrics.deadlineMisses.incrementAndGet();
            metrics.processorErrors.incrementAndGet();
            metrics.missLog.record(MissLog.Kind.BAR_COVERED, deadline, System.nanoTime());
            lastError = processor.name() + ": " + outcome.error();
            log.log(System.Logger.Level.WARNING, "bar " + window.targetBar() + " covered: " + lastError);
            cover(window);
        }
    }

    /**
     * A chord played mid-bar: the processor rewrites the bar that is playing, and its accompaniment from the
     * revision step on replaces what was queued there. A failed revision leaves the bar as it was.
     */
    private void revise(BarWindow window, long nowNanos) {
        BarProcessor p = processor;
        if (!p.revisesOnChordChange()) return;
        long bar = window.targetBar() - 1;
        double from = window.reviseFromStep();
        BarNotes notes = new BarNotes(bar, (double) bar * window.stepsPerBar());
        long deadline = window.timeline().nanosAt(from) - outputLatencyNanos;
        BarProcessor revising = new BarProcessor() {
            @Override
            public String name() {
                return p.name() + " (revision)";
            }

            @Override
            public void process(BarWindow w, ControlSnapshot c, org.analogy.engine.process.NoteSink out) throws Exception {
                p.revise(w, c, out);
            }
        };
        ProcessorRunner.Outcome outcome = runner.run(revising, window, controls.get(), notes, deadline - nowNanos);
        if (outcome.ok()) {
            out.cancel(Part.ACCOMPANIMENT, from);
            notes.sendFrom(out, Part.ACCOMPANIMENT, from);
            notes.recordChords(recorder, 0);
            metrics.barsRevised.incrementAndGet();
        } else {
            metrics.processorErrors.incrementAndGet();
            lastError = revising.name() + ": " + outcome.error();
            log.log(System.Logger.Level.WARNING, "bar " + bar + " not revised: " + lastError);
        }
    }

    /**
     * The performer played again at {@code step}: a processor answering them stops, and what it has queued or
     * sounding in the melody part from there is withdrawn and released.
     */
    void performerPlayed(double step) {
        if (processor.performerPlayed(step)) out.silence(Part.MELODY, step - SILENCE_TOLERANCE_STEPS);
    }

    private void cover(BarWindow window) {
        if (lastBar == null) return;
        long bars = window.targetBar() - lastBar.targetBar();
        lastBar.sendTo(out, bars * (double) window.stepsPerBar());
        lastBar.recordChords(recorder, bars * (double) window.stepsPerBar());
        metrics.coveredBars.incrementAndGet();
    }

    private void countInClicks(BarWindow window) {
        int beats = window.stepsPerBar() / Meter.STEPS_PER_BEAT;
        var drums = controls.get().style().band().drums();
        if (drums != null && drums.countIn()) {
            // A band with drums counts in on its own hi-hat, on the drums' channel and track.
            for (int beat = 0; beat < beats; beat++) {
                out.note(Part.DRUMS, drums.channel(), CLICK_BEAT, drums.sound().velocity(beat == 0 ? 100 : 76, 1.0),
                        window.targetBarStartStep() + beat * Meter.STEPS_PER_BEAT, 0.5);
            }
            return;
        }
        for (int beat = 0; beat < beats; beat++) {
            out.note(Part.CLICK, CLICK_CHANNEL, beat == 0 ? CLICK_ACCENT : CLICK_BEAT, beat == 0 ? 110 : 80,
                    window.targetBarStartStep() + beat * Meter.STEPS_PER_BEAT, 1);
        }
    }

    /** Stop or panic: everything sounding is released and nothing queued plays; covering restarts fresh. */
    void allOff(long nanos) {
        out.allOff(nanos);
        lastBar = null;
    }

    void close() {
        runner.close();
    }
}
