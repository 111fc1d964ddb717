package org.analogy.engine.spi;

import java.util.List;
import java.util.ServiceLoader;

/**
 * Real-time set-up of the engine's threads. {@link org.analogy.engine.pipeline.LiveEngine} calls
 * {@link #threadStarted} on each of its threads as it starts (roles: {@code capture}, {@code inference}, {@code model} (where the mode's model calls run),
 * {@code scheduler}, {@code ticker}); an implementation raises priority, pins CPUs and locks memory as far as
 * the system allows. Every step is best effort: a refusal is reported, never thrown.
 */
public interface RealtimeThreads {

    /** Called on the starting thread itself, before it does any work. Must not throw. */
    void threadStarted(String role);

    /** One line per step tried so far, saying what was granted and what was refused (and why). */
    List<String> report();

    /** The installed implementation (the first one found on the class path), or one that does nothing. */
    static RealtimeThreads installed() {
        return Installed.INSTANCE;
    }

    /** Plain Java threads: nothing is changed, and the report says why. */
    RealtimeThreads NONE = new RealtimeThreads() {
        @Override
        public void threadStarted(String role) {}

        @Override
        public List<String> report() {
            return List.of("real-time set-up: not available (analogy-native is not on the class path); plain Java threads");
        }
    };

    /** Loaded once per process: memory locking and the like are process-wide anyway. */
    final class Installed {
        static final RealtimeThreads INSTANCE = ServiceLoader.load(RealtimeThreads.class).findFirst().orElse(NONE);

        private Installed() {}
    }
}
