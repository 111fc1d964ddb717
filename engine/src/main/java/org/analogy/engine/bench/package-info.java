/**
 * The live path measured in real time: a synthetic performer, per-stage latency, scheduling error next to the
 * JDK Sequencer, note-to-answer time, allocation per event, and a stall watch that tells the machine's stalls
 * from the engine's.
 */
package org.analogy.engine.bench;
