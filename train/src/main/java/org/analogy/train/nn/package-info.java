/**
 * Network pieces shared by the trainers: named weights, the optimiser, Gaussian sampling.
 */
package org.analogy.train.nn;
