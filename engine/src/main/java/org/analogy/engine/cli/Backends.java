package org.analogy.engine.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.analogy.engine.spi.MidiBackend;

/**
 * The backend endpoints of one command ({@code jack}, {@code jack:PATTERN}, {@code plugin}, {@code plugin:N}):
 * which words name a backend, and one connection per backend for the whole run, opened on first use, closed
 * with the command. For {@code plugin} the part after the colon is the plugin instance (its bridge slot), not
 * a pattern; one run serves one instance.
 */
final class Backends implements AutoCloseable {

    static final String CLIENT_NAME = "analogy";

    /**
     * A backend endpoint: the backend's id, the port-name pattern to auto-connect to (null for none), and
     * whether it is one output per part ({@code jack-parts}) rather than one for everything.
     */
    record Spec(String backend, String connectPattern, boolean perPart) {}

    private final Map<String, MidiBackend.Connection> open = new LinkedHashMap<>();
    /** The plugin instance this run serves ({@code plugin:N}); 1 unless named. */
    private String pluginInstance;

    /**
     * {@code jack}, {@code jack:PATTERN}, {@code jack-parts} or {@code jack-parts:PATTERN} → its spec; anything
     * else (a device name, synth, file:…) → null.
     */
    static Spec parse(String word) {
        if (word == null) return null;
        int colon = word.indexOf(':');
        String id = (colon < 0 ? word : word.substring(0, colon)).toLowerCase(java.util.Locale.ROOT);
        boolean perPart = id.equals("jack-parts");
        String pattern = colon < 0 || colon == word.length() - 1 ? null : word.substring(colon + 1);
        if (id.equals("plugin")) return new Spec("plugin", pattern, false);
        if (!id.equals("jack") && !perPart) return null;
        return new Spec("jack", pattern, perPart);
    }

    /** The connection of an endpoint's backend; for {@code plugin:N}, of that instance. */
    MidiBackend.Connection connection(Spec spec) throws Exception {
        if (spec.backend().equals("plugin")) {
            String instance = spec.connectPattern() == null ? "1" : spec.connectPattern();
            if (pluginInstance != null && !pluginInstance.equals(instance)) {
                throw new IllegalArgumentException("plugin:" + instance + ": this run already serves plugin:" + pluginInstance
                        + " (one plugin instance per engine)");
            }
            pluginInstance = instance;
        }
        return connection(spec.backend());
    }

    MidiBackend.Connection connection(String id) throws Exception {
        MidiBackend.Connection c = open.get(id);
        if (c != null) return c;
        MidiBackend backend = MidiBackend.find(id).orElseThrow(() -> new IllegalArgumentException(
                id + ": not available in this build (the analogy-native module is not on the class path)"));
        String name = id.equals("plugin") ? CLIENT_NAME + ":" + (pluginInstance == null ? "1" : pluginInstance) : CLIENT_NAME;
        c = backend.open(name, line -> System.out.println("  ! " + line));
        open.put(id, c);
        return c;
    }

    /** One line per open connection (server, rate, period), for the start-up report. */
    java.util.List<String> describe() {
        return open.values().stream().map(MidiBackend.Connection::describe).toList();
    }

    @Override
    public void close() {
        for (MidiBackend.Connection c : open.values()) {
            try {
                c.close();
            } catch (RuntimeException e) {
                System.err.println("analogy: closing " + c.describe() + " failed: " + e.getMessage());
            }
        }
        open.clear();
    }
}
