/**
 * The engine's end of the Analogy plugin inside a DAW ({@code --in plugin[:N] --out plugin[:N] --clock plugin}).
 * The plugin itself is C ({@code native/src/main/c/lv2}): it hands the host's MIDI and transport over a
 * shared-memory bridge whose protocol is {@code bridge.h}; {@link org.analogy.plugin.Bridge} mirrors it.
 *
 * <p><b>Threads.</b> One relay thread ({@code analogy-plugin}) per connection, every millisecond: the
 * engine's heartbeat (the plugin passes MIDI through when it goes stale), the host's block records (the
 * frame map, {@link org.analogy.plugin.FrameClock}, and the transport told to the engine when it changed),
 * and the MIDI that came in, to the engine's ring 1. The engine's scheduler writes output straight into the
 * bridge's output ring. The plugin's {@code run()} only copies between the host's buffers and the rings.
 *
 * <p><b>Time.</b> The plugin stamps each block with CLOCK_MONOTONIC, which is {@link System#nanoTime()} on
 * Linux; input is stamped by host frame, output placed at the host frame of its due time, both through the
 * same frame map, and the engine's tempo is the host's scaled by how fast the host's frames run against
 * nanoTime, so that the engine's steps stay on the host's frames.
 */
package org.analogy.plugin;
