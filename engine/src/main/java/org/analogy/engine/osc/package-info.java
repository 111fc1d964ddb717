/**
 * The control API over OSC: the server, the commands, and the show controller used by the soak.
 */
package org.analogy.engine.osc;
