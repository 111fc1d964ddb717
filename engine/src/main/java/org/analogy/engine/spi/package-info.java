/**
 * Service interfaces the engine offers to optional modules, found with {@link java.util.ServiceLoader} so that
 * the engine never depends on them: {@link org.analogy.engine.spi.RealtimeThreads} (real-time priority,
 * affinity and memory locking for the engine's threads) and {@link org.analogy.engine.spi.MidiBackend}
 * (MIDI and transport outside javax.sound.midi, e.g. JACK). The {@code analogy-native} module implements
 * both; without it on the class path the engine runs with plain Java threads and device MIDI only.
 */
package org.analogy.engine.spi;
