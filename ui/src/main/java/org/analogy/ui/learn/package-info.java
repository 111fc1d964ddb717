/**
 * MIDI learn: mappings from a controller's CCs and notes to the window's controls.
 */
package org.analogy.ui.learn;
