package org.analogy.engine.style;

/** A preset that cannot be used: the message names the file, the field and what is allowed. */
public final class PresetException extends IllegalArgumentException {

    public PresetException(String message) {
        super(message);
    }

    public PresetException(String message, Throwable cause) {
        super(message, cause);
    }
}
