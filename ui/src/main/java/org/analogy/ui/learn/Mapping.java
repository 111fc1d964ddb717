package org.analogy.ui.learn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A controller message bound to a control of the window: a CC number or a note on a channel.
 *
 * @param target  the control's id (a parameter id, or an action such as {@code transport.play})
 * @param type    {@link Type#CC} or {@link Type#NOTE}
 * @param channel 0–15
 * @param number  controller or note number, 0–127
 */
public record Mapping(String target, Type type, int channel, int number) {

    public enum Type { CC, NOTE }

    @JsonCreator
    public Mapping(@JsonProperty("target") String target, @JsonProperty("type") Type type,
                   @JsonProperty("channel") int channel, @JsonProperty("number") int number) {
        if (target == null || target.isBlank()) throw new IllegalArgumentException("a mapping needs a target control");
        if (type == null) throw new IllegalArgumentException("mapping for " + target + " needs a type (CC or NOTE)");
        if (channel < 0 || channel > 15) throw new IllegalArgumentException("mapping for " + target + ": channel " + (channel + 1) + " is not 1–16");
        if (number < 0 || number > 127) throw new IllegalArgumentException("mapping for " + target + ": number " + number + " is not 0–127");
        this.target = target;
        this.type = type;
        this.channel = channel;
        this.number = number;
    }

    boolean matches(Type t, int ch, int n) {
        return type == t && channel == ch && number == n;
    }

    /** E.g. "CC 74 ch 1" or "note C4 ch 10". */
    public String describe() {
        return (type == Type.CC ? "CC " + number : "note " + noteName(number)) + " ch " + (channel + 1);
    }

    static String noteName(int note) {
        String[] names = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
        return names[note % 12] + (note / 12 - 1);
    }
}
