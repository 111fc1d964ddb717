package org.analogy.engine.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.analogy.engine.pipeline.LiveEngine;

/**
 * Keyboard control of the headless engine: one command per line on standard input. Runs on its own daemon
 * thread and only calls the engine's control API; when standard input is closed it simply stops listening.
 */
final class ConsoleControls {

    static final String HELP = "keys (then Enter): p play · s stop · c continue · t tap tempo · + / - tempo ±5 · "
            + "bpm N · preset NAME · ! panic · q quit · ? help";

    private final LiveEngine engine;
    private final PrintStream out;
    private volatile boolean quit;
    private org.analogy.engine.style.PresetLibrary presets;
    private org.analogy.engine.band.Band band;

    ConsoleControls(LiveEngine engine, PrintStream out) {
        this.engine = engine;
        this.out = out;
    }

    /** Enables "preset NAME": the library to find presets in and the band their modes play with. */
    void presets(org.analogy.engine.style.PresetLibrary library, org.analogy.engine.band.Band with) {
        this.presets = library;
        this.band = with;
    }

    boolean quitRequested() {
        return quit;
    }

    /** Longest console line taken; a longer one (garbage, a file piped in) is skipped whole, never buffered. */
    static final int MAX_LINE = 4096;

    private final java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();

    /** Lines whose handling failed with an error (a stack or the heap exhausted) and were skipped. */
    long failures() {
        return failures.get();
    }

    void listen(InputStream in) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = readLine(reader); line != null && !quit; line = readLine(reader)) {
                    try {
                        handle(line.trim());
                    } catch (Throwable t2) {
                        // Whatever one line does, the console keeps listening: counted and said, not fatal.
                        failures.incrementAndGet();
                        out.println("! that line failed (" + t2.getClass().getSimpleName() + "); still listening");
                    }
                }
            } catch (Exception e) {
                // stdin went away (a service, a pipe): the engine keeps running without keyboard control
            }
        }, "analogy-console");
        t.setDaemon(true);
        t.start();
    }

    /** The next line up to {@link #MAX_LINE} characters; a longer one is read to its end and given as "" with a word. */
    private String readLine(BufferedReader reader) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        boolean tooLong = false;
        for (int c = reader.read(); ; c = reader.read()) {
            if (c < 0) return line.length() == 0 && !tooLong ? null : tooLong ? "" : line.toString();
            if (c == '\n') break;
            if (line.length() < MAX_LINE) line.append((char) c);
            else tooLong = true;
        }
        if (tooLong) {
            out.println("! a line longer than " + MAX_LINE + " characters was ignored");
            return "";
        }
        return line.toString();
    }

    /** Text typed by someone else, safe to print: control characters shown as '?', at most 40 characters. */
    static String printable(String text) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && b.length() < 40; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            b.append(type == Character.CONTROL || type == Character.FORMAT ? '?' : c);
        }
        return text.length() > 40 ? b + "…" : b.toString();
    }

    void handle(String command) {
        try {
            switch (command) {
                case "" -> { }
                case "p" -> engine.play();
                case "s" -> engine.stop();
                case "c" -> engine.continuePlaying();
                case "t" -> engine.tap();
                case "+" -> changeTempo(5);
                case "-" -> changeTempo(-5);
                case "!" -> engine.panic();
                case "q" -> quit = true;
                case "?", "h", "help" -> out.println(HELP);
                default -> {
                    if (command.startsWith("bpm ")) engine.setTempo(Double.parseDouble(command.substring(4).trim()));
                    else if (command.startsWith("preset ") && presets != null) applyPreset(command.substring(7).trim());
                    else out.println("unknown command '" + printable(command) + "'; " + HELP);
                }
            }
        } catch (IllegalArgumentException e) {
            out.println("! " + e.getMessage());
        }
    }

    private void applyPreset(String name) {
        try {
            org.analogy.engine.style.Preset p = presets.find(name);
            engine.applyPreset(p, band);
            out.println("preset " + p.name() + " (" + p.style().mode() + ") from the next bar line");
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            out.println("! " + UserErrors.describe(e));
        }
    }

    private void changeTempo(double delta) {
        double bpm = Math.max(30, Math.min(300, Math.round(engine.timeline().bpm() + delta)));
        engine.setTempo(bpm);
    }
}
