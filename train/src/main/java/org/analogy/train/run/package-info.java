/**
 * The one skeleton every trainer and exporter runs on: flags (picocli), budget and schedule, validation,
 * checkpoints and resume, progress log, and the export pipeline from checkpoint to a checked bundle.
 */
package org.analogy.train.run;
