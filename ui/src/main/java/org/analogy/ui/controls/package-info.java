/**
 * What the window may ask of the engine (PerformanceControls) and its implementation over the engine's control
 * API: transport, modes, presets, factor transforms, meters.
 */
package org.analogy.ui.controls;
