package org.analogy.engine.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.Part;
import org.analogy.engine.schedule.Scheduler;

/**
 * The inference stage wired straight to the scheduler, for virtual time: where the live engine has ring 2
 * and ring 3, a render has direct calls in the same order.
 */
public final class VirtualStages {

    private final InferenceStage inference;
    private final Scheduler scheduler;
    private final List<BarWindow> windows = new ArrayList<>();
    private final boolean keepWindows;

    /** @param keepWindows whether to keep every window for {@link #windows()} (not in long runs) */
    public VirtualStages(BarProcessor processor, Scheduler scheduler, Supplier<ControlSnapshot> controls,
                         LatencyMetrics metrics, long outputLatencyNanos, boolean keepWindows,
                         org.analogy.engine.output.SessionRecorder recorder) {
        this.scheduler = scheduler;
        this.keepWindows = keepWindows;
        this.inference = new InferenceStage(processor, new DirectNotes(), controls, metrics, ProcessorRunner.inline(),
                outputLatencyNanos, recorder);
    }

    /** The capture stage's output; {@code clock} gives the current virtual time. */
    public CaptureStage.WindowSink windowSink(LongSupplier clock) {
        return new CaptureStage.WindowSink() {
            @Override
            public void window(BarWindow window) {
                if (keepWindows && !window.isRevision()) windows.add(window);
                inference.onWindow(window, clock.getAsLong());
            }

            @Override
            public void stopped(long nanos) {
                inference.allOff(nanos);
            }

            @Override
            public void panic(long nanos) {
                inference.allOff(nanos);
            }

            @Override
            public void processorChanged(BarProcessor processor) {
                inference.setProcessor(processor);
            }

            @Override
            public void performerPlayed(double step) {
                inference.performerPlayed(step);
            }
        };
    }

    /** The name of the mode generating the bars now. */
    public String mode() {
        return inference.processor().name();
    }

    /** Every window published for generating a bar (not revisions), oldest first (tests and evaluation read them); empty unless kept. */
    public List<BarWindow> windows() {
        return windows;
    }

    private final class DirectNotes implements GeneratedNotes {

        @Override
        public void note(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps) {
            scheduler.scheduleNote(part, channel, pitch, velocity, startStep, durationSteps);
        }

        @Override
        public void control(Part part, int channel, int controller, int value, double atStep) {
            scheduler.scheduleControl(part, channel, controller, value, atStep);
        }

        @Override
        public void cancel(Part part, double fromStep) {
            scheduler.cancelNotes(part, fromStep);
        }

        @Override
        public void silence(Part part, double fromStep) {
            scheduler.silenceNotes(part, fromStep);
        }

        @Override
        public void allOff(long nanos) {
            scheduler.allNotesOff(nanos);
        }
    }
}
