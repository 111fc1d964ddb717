package org.analogy.jack;

import java.util.function.Consumer;

import org.analogy.engine.spi.MidiBackend;

/** {@code jack}: the engine's JACK backend, found by {@link java.util.ServiceLoader}. */
public final class JackBackend implements MidiBackend {

    @Override
    public String id() {
        return "jack";
    }

    @Override
    public Connection open(String clientName, Consumer<String> notices) throws Exception {
        return JackConnection.open(clientName, notices);
    }
}
