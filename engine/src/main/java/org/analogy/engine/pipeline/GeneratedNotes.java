package org.analogy.engine.pipeline;

import org.analogy.engine.process.Part;

/** Where the inference stage hands generated events: ring 3 when live, the scheduler itself in a render. */
public interface GeneratedNotes {

    void note(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps);

    void control(Part part, int channel, int controller, int value, double atStep);

    /** Withdraw the part's queued note-ons from {@code fromStep} on: a revision of their bar follows. */
    void cancel(Part part, double fromStep);

    /**
     * Withdraw the part's note-ons from {@code fromStep} on and release what it has sounding there (an answer
     * giving way to the performer). Sinks that cannot release early only withdraw.
     */
    default void silence(Part part, double fromStep) {
        cancel(part, fromStep);
    }

    /** Release everything sounding and drop everything queued (stop, panic). */
    void allOff(long nanos);
}
