/**
 * The same pipeline in virtual time: a session run faster than real time over a file or a synthetic performance.
 */
package org.analogy.engine.render;
