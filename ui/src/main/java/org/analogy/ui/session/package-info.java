/**
 * The live session behind the window: input and output endpoints, devices coming and going, recording.
 */
package org.analogy.ui.session;
