/**
 * The window's parts: transport and device bars, the piano roll, the mode and preset browser, parameter
 * controls, factor panels, the XY pad and the meters.
 */
package org.analogy.ui.view;
