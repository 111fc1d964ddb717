package org.analogy.engine.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

import org.analogy.engine.midi.MidiFileException;
import org.analogy.engine.midi.MidiPortException;
import org.analogy.engine.model.ModelBundleException;

/** Tells a user's mistake (bad file, bad value, missing device) from a bug, and words it for a person. */
final class UserErrors {

    private UserErrors() {}

    static boolean isUserError(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof MidiFileException || e instanceof IOException
                || e instanceof MidiPortException || e instanceof ModelBundleException || e instanceof UserError;
    }

    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException f) return "file not found: " + f.getFile();
        if (isUserError(e) && e.getMessage() != null) return e.getMessage();
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + " (this is a bug; the log has the details: " + Logs.logFile() + ")";
    }

    /** A problem the user can fix, with the message that tells them how. */
    static final class UserError extends Exception {
        UserError(String message) {
            super(message);
        }
    }
}
