package org.analogy.engine.pipeline;

import java.util.function.BooleanSupplier;

/**
 * Waits for a condition in real time instead of sleeping a fixed time: on a loaded machine (a training run
 * beside the build) a bar may take longer to come round, and a fixed sleep then fails for no fault of the
 * engine's. The limit stays far below anything a performer would call "hanging".
 */
final class Await {

    private Await() {}

    /** True as soon as {@code condition} holds, false if it still does not after {@code millis}. */
    static boolean until(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(10);
        }
        return true;
    }
}
