package org.analogy.plugin;

import java.util.function.Consumer;

import org.analogy.engine.midi.MidiPortException;
import org.analogy.engine.spi.MidiBackend;

/**
 * {@code plugin}: the engine as the far end of an Analogy plugin instance inside a DAW, found by {@link
 * java.util.ServiceLoader}. The client name selects the instance: {@code analogy} is slot 1, {@code
 * analogy:N} slot N (the command line's {@code --in plugin:N}).
 */
public final class PluginBackend implements MidiBackend {

    @Override
    public String id() {
        return "plugin";
    }

    @Override
    public Connection open(String clientName, Consumer<String> notices) throws Exception {
        int colon = clientName.lastIndexOf(':');
        int instance = 1;
        if (colon >= 0) {
            try {
                instance = Integer.parseInt(clientName.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new MidiPortException("plugin:" + clientName.substring(colon + 1) + ": the instance is a number, 1–" + Bridge.MAX_INSTANCES);
            }
        }
        return PluginConnection.open(instance, notices);
    }
}
