package org.analogy.engine.input;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.analogy.engine.midi.MidiMessageHandler;
import org.analogy.engine.render.PerformanceInput;
import org.analogy.engine.time.Timeline;

/**
 * Plays a performance into the engine in real time as if a performer played it (demos, installations,
 * tests). It follows the engine's transport: the file's step 0 is the transport's bar 0, and each message
 * is delivered when the transport reaches its position, so the file stays in time through tempo changes.
 * When stopped it releases every key it is holding, like a performer lifting their hands.
 */
public final class FilePlayer implements AutoCloseable {

    private final PerformanceInput performance;
    private final MidiMessageHandler input;
    private final Supplier<Timeline> timeline;
    private final boolean loop;
    private final Thread thread;
    private final boolean[] held = new boolean[16 * 128];
    private volatile boolean running = true;
    private volatile boolean finished;

    public FilePlayer(PerformanceInput performance, MidiMessageHandler input, Supplier<Timeline> timeline, boolean loop) {
        this.performance = performance;
        this.input = input;
        this.timeline = timeline;
        this.loop = loop;
        this.thread = new Thread(this::play, "analogy-file-player");
        thread.setDaemon(true);
    }

    public FilePlayer start() {
        thread.start();
        return this;
    }

    public boolean isFinished() {
        return finished;
    }

    private void play() {
        List<PerformanceInput.Message> messages = performance.messages();
        int stepsPerBar = performance.meter().stepsPerBar();
        // A loop is a whole number of bars long, so every pass starts on a downbeat.
        double loopLength = Math.max(1, Math.ceil((performance.endStep() + 1e-9) / stepsPerBar)) * stepsPerBar;
        double offset = 0;
        try {
            do {
                for (PerformanceInput.Message m : messages) {
                    if (!waitFor(m.step() + offset)) return;
                    deliver(m.status(), m.data1(), m.data2());
                }
                offset += loopLength;
                if (loop && !waitFor(offset)) return;
            } while (loop && running);
        } finally {
            releaseHeldKeys();
            finished = true;
        }
    }

    /** Sleeps until the transport reaches {@code step}; false if the player was closed meanwhile. */
    private boolean waitFor(double step) {
        while (running) {
            Timeline t = timeline.get();
            long now = System.nanoTime();
            long due = t.running() ? t.nanosAt(step) : Long.MAX_VALUE;
            long wait = due - now;
            if (wait <= 0) return true;
            LockSupport.parkNanos(Math.min(wait, 5_000_000));
        }
        return false;
    }

    private void deliver(int status, int data1, int data2) {
        int slot = (status & 0x0F) * 128 + data1;
        int command = status & 0xF0;
        if (command == 0x90 && data2 > 0) held[slot] = true;
        else if (command == 0x80 || command == 0x90) held[slot] = false;
        input.channelMessage(System.nanoTime(), status, data1, data2);
    }

    private void releaseHeldKeys() {
        for (int slot = 0; slot < held.length; slot++) {
            if (held[slot]) {
                held[slot] = false;
                input.channelMessage(System.nanoTime(), 0x80 | slot / 128, slot % 128, 0);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
