package org.analogy.engine.pipeline;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.process.BarProcessor;

/** Ring 2 slot: a captured window to generate from, or a session change the later stages must act on. */
public final class WindowEvent {

    public static final int WINDOW = 1;
    /** Transport stopped: release everything sounding and forget what is queued. */
    public static final int STOP = 2;
    /** Panic: the same as stop, without stopping the transport. */
    public static final int PANIC = 3;
    /** From the next window on, use {@link #processor}. */
    public static final int PROCESSOR = 4;
    /** The performer played a melody note at {@link #step} while the processor was answering. */
    public static final int PERFORMER = 5;

    public int kind;
    public BarWindow window;
    public BarProcessor processor;
    public long nanos;
    public double step;

    void set(int kind, long nanos, BarWindow window, BarProcessor processor) {
        this.kind = kind;
        this.nanos = nanos;
        this.window = window;
        this.processor = processor;
    }
}
