/**
 * Musical time: meter, the timeline mapping steps to nanoseconds, transport, tap tempo, MIDI clock in and out,
 * and the trigger points before each bar line.
 */
package org.analogy.engine.time;
