/**
 * Style presets: the preset file format and its loader, the library of factory and user presets, reference
 * clips, and the style the engine runs.
 */
package org.analogy.engine.style;
