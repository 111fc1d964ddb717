package org.analogy.engine.process;

import java.util.function.LongPredicate;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.control.ControlSnapshot;

/**
 * Wraps any {@link BarProcessor} (echo now, the model-backed modes when they land) and makes chosen bars
 * fail the way a model call can: by throwing after writing part of the bar, or by stalling past the
 * deadline. The fault tests and the soak run take processors through this, so a new mode is put under the
 * same faults by adding it to their lists.
 */
public final class FaultInjectingProcessor implements BarProcessor {

    /** How a chosen bar fails. */
    public enum Fault { THROW, STALL }

    /** The pitch written just before a THROW: it must never reach an output. */
    public static final int HALF_WRITTEN_PITCH = 127;

    private final BarProcessor delegate;
    private final Fault fault;
    private final LongPredicate failingBar;
    private final long stallMillis;
    private final java.util.concurrent.atomic.AtomicLong faults = new java.util.concurrent.atomic.AtomicLong();

    /**
     * @param failingBar  which target bars fail
     * @param stallMillis how long a STALL holds the call (longer than a bar, to miss the deadline)
     */
    public FaultInjectingProcessor(BarProcessor delegate, Fault fault, LongPredicate failingBar, long stallMillis) {
        this.delegate = delegate;
        this.fault = fault;
        this.failingBar = failingBar;
        this.stallMillis = stallMillis;
    }

    public static FaultInjectingProcessor throwingOn(BarProcessor delegate, LongPredicate failingBar) {
        return new FaultInjectingProcessor(delegate, Fault.THROW, failingBar, 0);
    }

    public static FaultInjectingProcessor stallingOn(BarProcessor delegate, LongPredicate failingBar, long stallMillis) {
        return new FaultInjectingProcessor(delegate, Fault.STALL, failingBar, stallMillis);
    }

    /** Calls made to fail so far. */
    public long faultsInjected() {
        return faults.get();
    }

    @Override
    public String name() {
        return delegate.name() + " (" + fault.name().toLowerCase(java.util.Locale.ROOT) + "ing)";
    }

    @Override
    public boolean requiresCompleteBar(ControlSnapshot controls) {
        return delegate.requiresCompleteBar(controls);
    }

    @Override
    public void process(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
        if (!failingBar.test(window.targetBar())) {
            delegate.process(window, controls, out);
            return;
        }
        faults.incrementAndGet();
        if (fault == Fault.THROW) {
            out.note(Part.MELODY, controls.melodyChannel(), HALF_WRITTEN_PITCH, 90, window.targetBarStartStep(), 1);
            throw new IllegalStateException("injected fault in bar " + window.targetBar());
        }
        Thread.sleep(stallMillis); // the deadline runner interrupts this when it gives up on the call
        delegate.process(window, controls, out);
    }
}
