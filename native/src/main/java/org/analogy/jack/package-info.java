/**
 * JACK MIDI and transport through jnajack: one client ({@code analogy}) with the ports {@code analogy:in} and
 * {@code analogy:out}, frame-accurate timing, transport following and timebase mastership, auto-connection
 * by port-name pattern, and recovery when the server goes away and comes back.
 *
 * <p><b>Threads.</b> JACK's process thread runs {@link org.analogy.jack.MidiCycle}: it only copies between
 * the port buffers and preallocated single-producer/single-consumer {@link org.analogy.jack.EventQueue}s —
 * no allocation, no lock, no logging in our code. The engine's scheduler thread feeds the output queues
 * (it hands events early, see {@link org.analogy.engine.output.MidiOutput#sendAheadNanos()}); one relay
 * thread ({@code analogy-jack}) drains the input queue into the engine's ring 1, follows or leads the
 * transport, keeps auto-connections and reconnects. The Disruptor's publish signals a lock, which is why
 * input does not go to ring 1 from the process thread directly.
 *
 * <p><b>Time.</b> Every frame maps to {@link System#nanoTime()} through the cycle's start as JACK's DLL
 * estimates it ({@code jack_get_cycle_times}) and the measured offset between JACK's clock and nanoTime.
 * The same map stamps input and places output, so frame and nanosecond timings agree.
 */
package org.analogy.jack;
