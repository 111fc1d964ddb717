package org.analogy.ui.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * MIDI learn: the performer arms a control (right-click → Learn), then moves a knob or presses a key; that
 * CC or note is bound to the control and from then on moves it. One binding per control, and one control
 * per CC or note (learning it again moves it). Used on the JavaFX thread only.
 */
public final class MidiLearn {

    private final Map<String, LearnTarget> targets = new LinkedHashMap<>();
    private final List<Mapping> mappings = new ArrayList<>();
    private final Consumer<String> status;
    private final List<Consumer<String>> armedListeners = new ArrayList<>();
    private Runnable changed = () -> { };
    private String armed;

    /** @param status where to say what is happening ("Learn: move a control for Tempo") */
    public MidiLearn(Consumer<String> status) {
        this.status = status;
    }

    /** Told the id of the armed control whenever it changes (null when none is armed). */
    public void onArmed(Consumer<String> listener) {
        armedListeners.add(listener);
    }

    private void setArmed(String id) {
        armed = id;
        for (Consumer<String> l : armedListeners) l.accept(id);
    }

    public void register(LearnTarget target) {
        targets.put(target.id(), target);
    }

    public boolean isRegistered(String id) {
        return targets.containsKey(id);
    }

    /** Called whenever the mappings change, e.g. to save the settings. */
    public void onChange(Runnable r) {
        changed = r;
    }

    public void arm(String id) {
        LearnTarget t = targets.get(id);
        if (t == null) throw new IllegalArgumentException("no control '" + id + "' to learn");
        setArmed(id);
        status.accept("MIDI learn: move a knob or press a key for " + t.label() + " (Esc cancels)");
    }

    public String armed() {
        return armed;
    }

    public void cancel() {
        if (armed != null) status.accept("MIDI learn cancelled");
        setArmed(null);
    }

    public void forget(String id) {
        if (mappings.removeIf(m -> m.target().equals(id))) {
            status.accept("Mapping removed: " + label(id));
            changed.run();
        }
    }

    public Mapping mappingOf(String id) {
        for (Mapping m : mappings) if (m.target().equals(id)) return m;
        return null;
    }

    public List<Mapping> mappings() {
        return List.copyOf(mappings);
    }

    /** Replaces every mapping (loading settings or a preset); mappings to unknown controls are kept for later. */
    public void load(List<Mapping> saved) {
        mappings.clear();
        if (saved != null) mappings.addAll(saved);
    }

    /**
     * One channel message from the controller. Returns true when it was used (learnt, or moved a mapped
     * control); note messages are still played into the engine either way.
     */
    public boolean message(int status, int data1, int data2) {
        int command = status & 0xF0;
        int channel = status & 0x0F;
        boolean noteOn = command == 0x90 && data2 > 0;
        boolean noteOff = command == 0x80 || command == 0x90 && data2 == 0;
        if (command != 0xB0 && !noteOn && !noteOff) return false;
        Mapping.Type type = command == 0xB0 ? Mapping.Type.CC : Mapping.Type.NOTE;
        if (armed != null && (type == Mapping.Type.CC || noteOn)) {
            learn(new Mapping(armed, type, channel, data1));
            return true;
        }
        boolean used = false;
        for (Mapping m : mappings) {
            if (!m.matches(type, channel, data1)) continue;
            LearnTarget t = targets.get(m.target());
            if (t == null) continue;
            if (type == Mapping.Type.CC) t.controller(data2);
            else t.note(noteOn, data2);
            used = true;
        }
        return used;
    }

    private void learn(Mapping m) {
        mappings.removeIf(x -> x.target().equals(m.target()) || x.matches(m.type(), m.channel(), m.number()));
        mappings.add(m);
        setArmed(null);
        status.accept("Learnt: " + m.describe() + " → " + label(m.target()));
        changed.run();
    }

    private String label(String id) {
        LearnTarget t = targets.get(id);
        return t == null ? id : t.label();
    }
}
