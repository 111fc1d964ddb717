package org.analogy.engine.pipeline;

import com.lmax.disruptor.RingBuffer;

import org.analogy.engine.process.Part;

/** Publishes generated events into ring 3 without allocating (claim, fill, publish). */
final class RingNotes implements GeneratedNotes {

    private final RingBuffer<NoteEvent> ring;
    private final Runnable wakeScheduler;

    RingNotes(RingBuffer<NoteEvent> ring, Runnable wakeScheduler) {
        this.ring = ring;
        this.wakeScheduler = wakeScheduler;
    }

    @Override
    public void note(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps) {
        publish(NoteEvent.NOTE, part, channel, pitch, velocity, startStep, durationSteps);
    }

    @Override
    public void control(Part part, int channel, int controller, int value, double atStep) {
        publish(NoteEvent.CONTROL, part, channel, controller, value, atStep, 0);
    }

    @Override
    public void cancel(Part part, double fromStep) {
        publish(NoteEvent.CANCEL, part, 0, 0, 0, fromStep, 0);
    }

    @Override
    public void silence(Part part, double fromStep) {
        publish(NoteEvent.SILENCE, part, 0, 0, 0, fromStep, 0);
        wakeScheduler.run();
    }

    @Override
    public void allOff(long nanos) {
        publish(NoteEvent.ALL_OFF, Part.MELODY, 0, 0, 0, 0, 0);
        wakeScheduler.run();
    }

    private void publish(int kind, Part part, int channel, int d1, int d2, double step, double duration) {
        long seq = ring.next();
        try {
            NoteEvent e = ring.get(seq);
            e.set(kind, part, channel, d1, d2, step, duration);
            e.publishedNanos = System.nanoTime();
        } finally {
            ring.publish(seq);
        }
    }
}
