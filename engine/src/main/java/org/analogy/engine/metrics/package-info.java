/**
 * Latency histograms per stage, deadline misses and their log.
 */
package org.analogy.engine.metrics;
