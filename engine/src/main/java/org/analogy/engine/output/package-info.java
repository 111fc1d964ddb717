/**
 * Where generated notes go: devices, the JDK synthesizer, the recorder, the note ledger that releases whatever
 * is still sounding, offline audio rendering.
 */
package org.analogy.engine.output;
