/**
 * The scheduler: events emitted at their timestamps, pending and decided events, every note-on matched by its
 * note-off.
 */
package org.analogy.engine.schedule;
