/**
 * The evaluations behind the committed reports: melody, accompaniment, accompany mode end to end, and online
 * harmony.
 */
package org.analogy.train.eval;
