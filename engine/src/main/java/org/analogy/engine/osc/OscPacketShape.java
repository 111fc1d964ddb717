package org.analogy.engine.osc;

import java.nio.ByteBuffer;

import org.analogy.engine.Limits;

/**
 * How deep a received OSC packet nests its bundles and how many messages it holds, read from the raw bytes
 * before the OSC library parses them: its parser recurses once per level, so a packet of bundles nested a
 * few thousand deep would overflow the receiving thread's stack. This walk is bounded by
 * {@link Limits#MAX_OSC_BUNDLE_DEPTH}, so it cannot.
 */
final class OscPacketShape {

    private static final byte[] BUNDLE = {'#', 'b', 'u', 'n', 'd', 'l', 'e', 0};

    private OscPacketShape() {}

    /** Why the packet is refused before parsing, or null when its shape is within the limits (or not OSC at all). */
    static String refusal(ByteBuffer packet) {
        int[] messages = {0};
        int depth = walk(packet, packet.position(), packet.limit(), 0, messages);
        if (depth > Limits.MAX_OSC_BUNDLE_DEPTH) {
            return "bundles nested deeper than " + Limits.MAX_OSC_BUNDLE_DEPTH + " levels are refused";
        }
        if (messages[0] > Limits.MAX_OSC_MESSAGES_PER_PACKET) {
            return "a packet of more than " + Limits.MAX_OSC_MESSAGES_PER_PACKET + " messages is refused ("
                    + (messages[0] >= Integer.MAX_VALUE / 2 ? "many" : messages[0]) + " sent)";
        }
        return null;
    }

    /** The nesting depth of the element in [from, to) (0: a message), stopping one level past the limit. */
    private static int walk(ByteBuffer b, int from, int to, int depth, int[] messages) {
        if (!isBundle(b, from, to)) {
            messages[0]++;
            return 0;
        }
        if (depth >= Limits.MAX_OSC_BUNDLE_DEPTH) return 1; // deep enough to refuse: look no further
        int deepest = 1;
        int at = from + 16; // "#bundle\0" and the time tag
        while (at + 4 <= to) {
            int size = b.getInt(at);
            at += 4;
            if (size < 0 || size > to - at) break; // malformed: the parser will say so
            deepest = Math.max(deepest, 1 + walk(b, at, at + size, depth + 1, messages));
            if (deepest > Limits.MAX_OSC_BUNDLE_DEPTH || messages[0] > Limits.MAX_OSC_MESSAGES_PER_PACKET) break;
            at += size;
        }
        return deepest;
    }

    private static boolean isBundle(ByteBuffer b, int from, int to) {
        if (to - from < 16) return false;
        for (int i = 0; i < BUNDLE.length; i++) if (b.get(from + i) != BUNDLE[i]) return false;
        return true;
    }
}
