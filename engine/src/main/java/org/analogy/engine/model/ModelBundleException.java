package org.analogy.engine.model;

import java.io.IOException;

/** A model bundle that cannot be used: missing, unreadable, corrupt or of an unknown format. The message names the file. */
public final class ModelBundleException extends IOException {

    public ModelBundleException(String message) {
        super(message);
    }

    public ModelBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
