/**
 * The one assembly of what the modes play with: every part of the band, each on its learned model or its named
 * stand-in, loaded once and asked by every entry point (window, live, render, bench, soak, OSC, eval, JMH).
 */
package org.analogy.engine.band;
