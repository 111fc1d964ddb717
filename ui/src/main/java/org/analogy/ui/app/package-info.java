/**
 * The JavaFX application: loads the band (the same assembly as the command line), starts one live session and
 * shows the performance window.
 */
package org.analogy.ui.app;
