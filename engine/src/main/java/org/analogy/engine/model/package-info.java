/**
 * Model bundles as shipped: manifest, checksums, tensor specs, where they are installed, and the ONNX Runtime
 * set-up every model shares.
 */
package org.analogy.engine.model;
