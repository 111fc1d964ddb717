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

    void listen(InputStream in) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null && !quit; line = reader.readLine()) {
                    handle(line.trim());
                }
            } catch (Exception e) {
                // stdin went away (a service, a pipe): the engine keeps running without keyboard control
            }
        }, "analogy-console");
        t.setDaemon(true);
        t.start();
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
                    else out.println("unknown command '" + command + "'; " + HELP);
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
