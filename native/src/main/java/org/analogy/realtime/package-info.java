/**
 * Real-time set-up of the engine's threads through JNA: SCHED_FIFO priority for the scheduler and capture
 * threads, CPU affinity and memory locking on Linux; the time-constraint policy on macOS. Every step is best
 * effort and ends up as one line of a report, so a user without real-time rights reads one explanation
 * instead of a stack trace. {@link org.analogy.realtime.RealtimeSetup} is the engine's
 * {@link org.analogy.engine.spi.RealtimeThreads}; the system calls sit behind {@link
 * org.analogy.realtime.RealtimeCalls} so a refusal can be simulated in tests.
 */
package org.analogy.realtime;
