/**
 * Per-factor latent transforms (live, swap, slerp, XY, sample, freeze, attribute offsets) and the factors they
 * act on.
 */
package org.analogy.engine.transform;
