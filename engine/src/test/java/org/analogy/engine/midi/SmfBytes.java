package org.analogy.engine.midi;

import java.io.ByteArrayOutputStream;

/** Hand-made Standard MIDI File bytes, for files no well-behaved writer would produce. */
final class SmfBytes {

    private SmfBytes() {}

    static byte[] file(int format, int division, byte[]... tracks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'M', 'T', 'h', 'd', 0, 0, 0, 6});
        out.writeBytes(new byte[] {(byte) (format >> 8), (byte) format, (byte) (tracks.length >> 8), (byte) tracks.length,
                (byte) (division >> 8), (byte) division});
        for (byte[] track : tracks) out.writeBytes(track);
        return out.toByteArray();
    }

    /** A track chunk around the given event bytes (delta times included by the caller, all below 128). */
    static byte[] track(int... events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = events.length;
        out.writeBytes(new byte[] {'M', 'T', 'r', 'k', (byte) (length >> 24), (byte) (length >> 16), (byte) (length >> 8), (byte) length});
        for (int b : events) out.write(b);
        return out.toByteArray();
    }
}
