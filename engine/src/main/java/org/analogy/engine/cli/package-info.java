/**
 * The command-line verbs (picocli): live, render, the file verbs, presets, bench, soak, devices, and the console
 * controls of a live run.
 */
package org.analogy.engine.cli;
