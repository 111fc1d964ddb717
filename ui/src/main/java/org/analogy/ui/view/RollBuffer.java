package org.analogy.ui.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.analogy.ui.controls.PerformanceControls.Voice;

/**
 * The notes the piano roll shows: note-ons and note-offs paired into spans on the 16th grid, per voice.
 * Fed at display rate on the JavaFX thread; old spans fall off the back.
 */
public final class RollBuffer {

    /** One note as drawn; {@code end} is NaN while it still sounds. */
    public static final class Span {
        public final Voice voice;
        public final int channel;
        public final int pitch;
        public final int velocity;
        public final double start;
        double end = Double.NaN;

        Span(Voice voice, int channel, int pitch, int velocity, double start) {
            this.voice = voice;
            this.channel = channel;
            this.pitch = pitch;
            this.velocity = velocity;
            this.start = start;
        }

        public double end() {
            return end;
        }

        public boolean sounding() {
            return Double.isNaN(end);
        }
    }

    private final int capacity;
    private final Deque<Span> spans = new ArrayDeque<>();
    private final Map<Integer, Span> open = new HashMap<>();

    public RollBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** One channel message at a musical position. */
    public void event(Voice voice, double step, int status, int data1, int data2) {
        int command = status & 0xF0;
        int channel = status & 0x0F;
        if (command == 0x90 && data2 > 0) {
            close(key(voice, channel, data1), step); // a re-strike ends the previous one
            Span s = new Span(voice, channel, data1, data2, step);
            spans.addLast(s);
            open.put(key(voice, channel, data1), s);
            while (spans.size() > capacity) {
                Span dropped = spans.removeFirst();
                open.values().remove(dropped);
            }
        } else if (command == 0x80 || command == 0x90) {
            close(key(voice, channel, data1), step);
        } else if (command == 0xB0 && (data1 == 123 || data1 == 120)) {
            for (int pitch = 0; pitch < 128; pitch++) close(key(voice, channel, pitch), step);
        }
    }

    /** Ends every sounding note (transport stopped, panic). */
    public void closeAll(double step) {
        for (Span s : open.values()) s.end = Math.max(s.start, step);
        open.clear();
    }

    private void close(int key, double step) {
        Span s = open.remove(key);
        if (s != null) s.end = Math.max(s.start, step);
    }

    private static int key(Voice voice, int channel, int pitch) {
        return voice.ordinal() << 11 | channel << 7 | pitch;
    }

    /** Spans overlapping [from, to), oldest first. */
    public List<Span> between(double from, double to) {
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            double end = s.sounding() ? Double.POSITIVE_INFINITY : s.end;
            if (s.start < to && end >= from) out.add(s);
        }
        return out;
    }

    /** Every span kept, oldest first. */
    public List<Span> all() {
        return List.copyOf(spans);
    }

    /** Notes still sounding. */
    public int openCount() {
        return open.size();
    }

    public int size() {
        return spans.size();
    }
}
