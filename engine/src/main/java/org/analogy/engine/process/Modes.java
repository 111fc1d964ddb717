package org.analogy.engine.process;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The performance modes by name, as the CLI, presets and the control surface select them. */
public final class Modes {

    private static final Map<String, Supplier<BarProcessor>> MODES = new LinkedHashMap<>();

    static {
        MODES.put("echo", EchoProcessor::new);
    }

    private Modes() {}

    public static BarProcessor create(String name) {
        Supplier<BarProcessor> mode = MODES.get(name.toLowerCase(java.util.Locale.ROOT));
        if (mode == null) {
            throw new IllegalArgumentException("unknown mode '" + name + "'; available: " + String.join(", ", names()));
        }
        return mode.get();
    }

    public static Iterable<String> names() {
        return MODES.keySet();
    }
}
