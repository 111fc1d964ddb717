/**
 * Unattended running: device watch, bar status, health lines and the soak CSV.
 */
package org.analogy.engine.health;
