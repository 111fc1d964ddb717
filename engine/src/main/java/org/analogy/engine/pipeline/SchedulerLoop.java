package org.analogy.engine.pipeline;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;

import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.schedule.Scheduler;
import org.analogy.engine.time.ClockGenerator;
import org.analogy.engine.time.Timeline;

/**
 * The scheduler thread: takes generated events from ring 3 and sends each at its time. It parks until
 * shortly before the next event is due and spins the last stretch, because a parked thread wakes up tens
 * of microseconds late and the target is a p99 error of 0.2 ms. It never parks longer than
 * {@link #MAX_PARK_NANOS}, so newly generated events are seen within a millisecond.
 */
final class SchedulerLoop implements Runnable {

    static final long SPIN_NANOS = 250_000;
    static final long MAX_PARK_NANOS = 1_000_000;

    private final Scheduler scheduler;
    private final EventPoller<NoteEvent> poller;
    private final Supplier<Timeline> timeline;
    private final LatencyMetrics metrics;
    private final EventPoller.Handler<NoteEvent> intake;
    private final ClockGenerator clock;
    private volatile boolean running = true;
    private volatile boolean leading = true;
    private volatile Thread thread;
    private long lastClockNanos = Long.MIN_VALUE;
    private Timeline lastTimeline;

    /** @param clock MIDI clock out while leading, or null to send none */
    SchedulerLoop(Scheduler scheduler, RingBuffer<NoteEvent> ring, Supplier<Timeline> timeline, LatencyMetrics metrics,
                  ClockGenerator clock) {
        this.scheduler = scheduler;
        this.clock = clock;
        this.poller = ring.newPoller();
        ring.addGatingSequences(poller.getSequence());
        this.timeline = timeline;
        this.metrics = metrics;
        this.intake = (event, sequence, endOfBatch) -> {
            take(event);
            return true;
        };
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        while (running) {
            try {
                poller.poll(intake);
                Timeline t = timeline.get();
                long now = System.nanoTime();
                long next = Math.min(scheduler.dispatchDue(now, t), clockOut(t, now));
                long wait = next - now;
                if (wait > SPIN_NANOS) {
                    LockSupport.parkNanos(Math.min(wait - SPIN_NANOS, MAX_PARK_NANOS));
                } else if (wait > 0) {
                    while (System.nanoTime() < next) Thread.onSpinWait();
                }
            } catch (Exception e) {
                // A failing output must not stop the music on the others: count it and release everything.
                metrics.processorErrors.incrementAndGet();
                scheduler.allNotesOff(System.nanoTime());
            }
        }
        drain();
        scheduler.allNotesOff(System.nanoTime());
    }

    /**
     * Sends MIDI clock that is due (with Start/Continue and Stop around it) and returns when the next clock
     * is due. Clock goes out only while Analogy leads, never while it follows another clock.
     */
    private long clockOut(Timeline t, long now) {
        if (clock == null) return Long.MAX_VALUE;
        if (t != lastTimeline) {
            lastTimeline = t;
            if (clock.stopDue()) scheduler.sendClock(now, ClockGenerator.STOP, 0, 0);
            lastClockNanos = Math.max(lastClockNanos, now - 1);
        }
        if (!leading) return Long.MAX_VALUE;
        long next = clock.nextClockNanos(lastClockNanos);
        while (next <= now) {
            int before = clock.statusBeforeClock();
            if (before == ClockGenerator.CONTINUE) {
                int position = ClockGenerator.songPositionOf(clock.clockIndex());
                scheduler.sendClock(next, 0xF2, position & 0x7F, position >> 7 & 0x7F);
            }
            if (before != ClockGenerator.NONE) scheduler.sendClock(next, before, 0, 0);
            scheduler.sendClock(next, ClockGenerator.CLOCK, 0, 0);
            lastClockNanos = next;
            next = clock.nextClockNanos(lastClockNanos);
        }
        return next;
    }

    /** Follow an external clock (send none) or lead (send ours). */
    void setLeading(boolean leading) {
        this.leading = leading;
    }

    private void drain() {
        try {
            poller.poll(intake);
        } catch (Exception ignored) {
            // shutting down: what was not taken is released by allNotesOff anyway
        }
    }

    private void take(NoteEvent e) {
        switch (e.kind) {
            case NoteEvent.NOTE -> scheduler.scheduleNote(e.part, e.channel, e.data1, e.data2, e.startStep, e.durationSteps);
            case NoteEvent.CONTROL -> scheduler.scheduleControl(e.part, e.channel, e.data1, e.data2, e.startStep);
            case NoteEvent.ALL_OFF -> scheduler.allNotesOff(System.nanoTime());
            case NoteEvent.CANCEL -> scheduler.cancelNotes(e.part, e.startStep);
            case NoteEvent.SILENCE -> scheduler.silenceNotes(e.part, e.startStep);
            default -> { }
        }
    }

    void wake() {
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    void halt() {
        running = false;
        wake();
    }
}
