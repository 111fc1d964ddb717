/**
 * The real-time pipeline: capture, inference and scheduler stages joined by preallocated Disruptor rings, and
 * the live engine that owns them.
 */
package org.analogy.engine.pipeline;
