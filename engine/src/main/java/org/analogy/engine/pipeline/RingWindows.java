package org.analogy.engine.pipeline;

import com.lmax.disruptor.RingBuffer;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.process.BarProcessor;

/** The capture stage's output into ring 2. */
final class RingWindows implements CaptureStage.WindowSink {

    private final RingBuffer<WindowEvent> ring;

    RingWindows(RingBuffer<WindowEvent> ring) {
        this.ring = ring;
    }

    @Override
    public void window(BarWindow window) {
        publish(WindowEvent.WINDOW, window.publishedNanos(), window, null);
    }

    @Override
    public void stopped(long nanos) {
        publish(WindowEvent.STOP, nanos, null, null);
    }

    @Override
    public void panic(long nanos) {
        publish(WindowEvent.PANIC, nanos, null, null);
    }

    @Override
    public void processorChanged(BarProcessor processor) {
        publish(WindowEvent.PROCESSOR, System.nanoTime(), null, processor);
    }

    @Override
    public void performerPlayed(double step) {
        long seq = ring.next();
        try {
            WindowEvent e = ring.get(seq);
            e.set(WindowEvent.PERFORMER, System.nanoTime(), null, null);
            e.step = step;
        } finally {
            ring.publish(seq);
        }
    }

    private void publish(int kind, long nanos, BarWindow window, BarProcessor processor) {
        long seq = ring.next();
        try {
            ring.get(seq).set(kind, nanos, window, processor);
        } finally {
            ring.publish(seq);
        }
    }
}
