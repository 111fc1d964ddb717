package org.analogy.engine.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where logs and recordings go: {@code ~/.analogy/} (or {@code $ANALOGY_HOME_DIR}). Logs roll over at
 * 5 MB, keeping 5 files; the console shows only warnings, so the status line stays readable.
 */
public final class Logs {

    private static final int LOG_BYTES = 5 * 1024 * 1024;
    private static final int LOG_FILES = 5;

    private Logs() {}

    public static Path userDir() {
        String property = System.getProperty("analogy.userDir"); // tests: a folder of their own
        if (property != null && !property.isBlank()) return Path.of(property);
        String override = System.getenv("ANALOGY_HOME_DIR");
        return override != null && !override.isBlank() ? Path.of(override) : Path.of(System.getProperty("user.home"), ".analogy");
    }

    public static Path logFile() {
        return userDir().resolve("logs").resolve("analogy.0.log");
    }

    public static Path recordingsDir() {
        return userDir().resolve("recordings");
    }

    static void configure() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) h.setLevel(Level.WARNING);
        try {
            Files.createDirectories(logFile().getParent());
            FileHandler file = new FileHandler(logFile().getParent().resolve("analogy.%g.log").toString(),
                    LOG_BYTES, LOG_FILES, true);
            file.setFormatter(new SimpleFormatter());
            file.setLevel(Level.INFO);
            root.addHandler(file);
            root.setLevel(Level.INFO);
        } catch (IOException | SecurityException e) {
            System.err.println("analogy: cannot write logs to " + logFile().getParent() + " (" + e.getMessage()
                    + "); logging to the console only");
        }
    }
}
