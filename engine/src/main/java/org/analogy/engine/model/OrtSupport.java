package org.analogy.engine.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.analogy.engine.melody.MelodyModel;

/**
 * What the model classes share about ONNX Runtime: how their sessions are set up (one call at a time on
 * the inference thread, so sequential and with few threads), the direct buffers their tensors wrap, and
 * closing a session without throwing.
 */
public final class OrtSupport {

    private static final System.Logger LOG = System.getLogger(OrtSupport.class.getName());

    private OrtSupport() {}

    /**
     * Sets up {@code session} for {@code options}; returns where the sessions will run — CPU when CUDA was
     * asked for but is not available, which is said once, naming {@code model}.
     */
    public static MelodyModel.Device configure(OrtSession.SessionOptions session, MelodyModel.Options options, String model) throws OrtException {
        session.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        session.setIntraOpNumThreads(options.intraOpThreads());
        session.setInterOpNumThreads(1);
        session.addConfigEntry("session.intra_op.allow_spinning", options.allowSpinning() ? "1" : "0");
        if (options.device() != MelodyModel.Device.CUDA) return MelodyModel.Device.CPU;
        try {
            session.addCUDA(0);
            return MelodyModel.Device.CUDA;
        } catch (OrtException | UnsatisfiedLinkError e) {
            LOG.log(System.Logger.Level.WARNING, "CUDA requested but unavailable (" + e.getMessage() + "); running the " + model + " on CPU");
            return MelodyModel.Device.CPU;
        }
    }

    /** A model's warm-up run; what it throws closes the model before it propagates. */
    @FunctionalInterface
    public interface WarmUp {
        void run() throws OrtException;
    }

    /** Runs the warm-up of a model just made and returns the model; a failing warm-up closes it, then propagates. */
    public static <M extends AutoCloseable> M warmedUp(M model, WarmUp warmUp) throws OrtException {
        try {
            warmUp.run();
            return model;
        } catch (OrtException | RuntimeException e) {
            try {
                model.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    public static void closeQuietly(OrtSession session) {
        if (session == null) return;
        try {
            session.close();
        } catch (OrtException e) {
            LOG.log(System.Logger.Level.WARNING, "closing an ONNX Runtime session failed: " + e.getMessage());
        }
    }

    public static void checkLength(String what, int actual, int expected) {
        if (actual != expected) throw new IllegalArgumentException(what + " needs " + expected + " values, got " + actual);
    }

    public static LongBuffer directLongs(int n) {
        return ByteBuffer.allocateDirect(n * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
    }

    public static FloatBuffer directFloats(int n) {
        return ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
