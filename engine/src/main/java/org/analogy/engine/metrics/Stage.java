package org.analogy.engine.metrics;

/** The measured hops and stages of the live path, in the order an event travels them. */
public enum Stage {
    /** Device callback stamp → capture thread picks the event up (ring 1 hop). */
    INPUT_TO_CAPTURE("input→capture"),
    /** Capture thread time spent on one input event. */
    CAPTURE("capture"),
    /** Window published → processor finished (ring 2 hop + model time). */
    INFERENCE("inference"),
    /** Event due time → moment it was handed to the outputs (scheduling error). */
    SCHEDULE_ERROR("schedule error"),
    /** Performer's note-on arrival → first generated note sent after it (end-to-end reaction). */
    NOTE_TO_OUTPUT("note→output");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
