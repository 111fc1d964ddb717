/**
 * What the window remembers between runs, as JSON in the user's folder.
 */
package org.analogy.ui.settings;
