/**
 * What the performer played, on the 16th grid of the current bar: captured notes and the bar window handed to
 * inference at the trigger point.
 */
package org.analogy.engine.capture;
