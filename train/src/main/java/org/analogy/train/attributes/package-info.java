/**
 * Attribute directions (density, register, syncopation) measured over the training songs and added to a bundle.
 */
package org.analogy.train.attributes;
