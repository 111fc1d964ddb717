package org.analogy.ui.session;

/**
 * One entry of the input or output picker: a MIDI device by name, the demo melody, the built-in
 * synthesizer, or nothing. {@link #id()} is what the settings remember as the last device.
 */
public record Endpoint(Kind kind, String name) {

    public enum Kind { DEVICE, DEMO, SYNTH, NONE }

    public static final Endpoint DEMO = new Endpoint(Kind.DEMO, "Demo melody");
    public static final Endpoint SYNTH = new Endpoint(Kind.SYNTH, "Built-in synthesizer");
    public static final Endpoint NONE = new Endpoint(Kind.NONE, "None");

    public static Endpoint device(String name) {
        return new Endpoint(Kind.DEVICE, name);
    }

    public String id() {
        return kind == Kind.DEVICE ? "device:" + name : kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The endpoint a saved id names; null for an unreadable id. */
    public static Endpoint fromId(String id) {
        if (id == null) return null;
        if (id.startsWith("device:")) return device(id.substring("device:".length()));
        return switch (id) {
            case "demo" -> DEMO;
            case "synth" -> SYNTH;
            case "none" -> NONE;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return name;
    }
}
