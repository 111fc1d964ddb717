package org.analogy.engine.melody;

/**
 * What the performance modes need from a melody model: a 2-bar window (32 tokens, chroma 32 × 12) to its
 * pitch and rhythm latents and back. {@link MelodyModel} is the ONNX one; tests use small stand-ins.
 * Not thread-safe unless an implementation says so.
 */
public interface MelodyCodec {

    MelodyLatents encode(int[] tokens, float[] chroma) throws Exception;

    int[] decode(MelodyLatents latents, float[] chroma) throws Exception;

    int pitchLatentSize();

    int rhythmLatentSize();
}
