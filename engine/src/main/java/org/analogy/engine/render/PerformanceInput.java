package org.analogy.engine.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

/**
 * A performance to play into the engine in virtual time: channel messages at musical positions (16th steps
 * from the first downbeat) and the tempo changes of the piece.
 */
public record PerformanceInput(Meter meter, double initialBpm, List<Message> messages, List<TempoChange> tempoChanges) {

    public record Message(double step, int status, int data1, int data2) {}

    public record TempoChange(double step, double bpm) {}

    public PerformanceInput {
        Timeline.checkBpm(initialBpm);
        messages = sorted(messages, Comparator.comparingDouble(Message::step));
        tempoChanges = sorted(tempoChanges, Comparator.comparingDouble(TempoChange::step));
        for (TempoChange c : tempoChanges) Timeline.checkBpm(c.bpm());
    }

    private static <T> List<T> sorted(List<T> items, Comparator<T> order) {
        List<T> copy = new ArrayList<>(items);
        copy.sort(order); // stable: simultaneous messages keep their file order
        return List.copyOf(copy);
    }

    /** Position just after the last message. */
    public double endStep() {
        return messages.isEmpty() ? 0 : messages.get(messages.size() - 1).step();
    }

    /** The same notes at one fixed tempo (the {@code --bpm} override). */
    public PerformanceInput atTempo(double bpm) {
        return new PerformanceInput(meter, bpm, messages, List.of());
    }
}
