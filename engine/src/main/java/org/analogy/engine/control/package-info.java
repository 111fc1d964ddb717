/**
 * The control API's state: one immutable snapshot the control side swaps in and the inference stage reads once
 * per bar.
 */
package org.analogy.engine.control;
