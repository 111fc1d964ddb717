package org.analogy.engine.output;

/** Offline rendering is not possible here (synthesizer missing or locked away); the message says how to fix it. */
public class SynthRenderException extends Exception {

    public SynthRenderException(String message) {
        super(message);
    }

    public SynthRenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
