package org.analogy.ui.settings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import org.analogy.engine.cli.Logs;

/**
 * Reads and writes {@link Settings} as {@code window.json} in the user's Analogy folder
 * ({@code ~/.analogy}, or {@code $ANALOGY_HOME_DIR}). A missing file gives the defaults; an unreadable one
 * gives the defaults too, and {@link #problem()} says what was wrong, so a bad file never stops a show.
 */
public final class SettingsStore {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private final Path file;
    private String problem;

    public SettingsStore(Path file) {
        this.file = file;
    }

    /** The store in the user's Analogy folder. */
    public static SettingsStore inUserDir() {
        return new SettingsStore(Logs.userDir().resolve("window.json"));
    }

    public Path file() {
        return file;
    }

    public Settings load() {
        problem = null;
        if (!Files.isRegularFile(file)) return new Settings();
        try {
            Settings s = JSON.readValue(file.toFile(), Settings.class);
            return s != null ? s : new Settings();
        } catch (IOException | IllegalArgumentException e) {
            problem = "settings " + file + " could not be read (" + firstLine(e.getMessage()) + "); using the defaults";
            return new Settings();
        }
    }

    /** Writes atomically (a temporary file, then a move), so a crash never leaves half a file. */
    public void save(Settings settings) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".part");
        JSON.writeValue(tmp.toFile(), settings);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** What was wrong with the file at the last {@link #load()}, or null. */
    public String problem() {
        return problem;
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
