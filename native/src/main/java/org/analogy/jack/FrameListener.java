package org.analogy.jack;

/**
 * Sees each event with its JACK frame, on the relay thread: what came in ({@code errorFrames} NaN), or what
 * was written out ({@code errorFrames} = written frame − exact due frame). For measurement and tests.
 */
interface FrameListener {
    void event(long nanos, long frame, int status, int data1, int data2, double errorFrames);
}
