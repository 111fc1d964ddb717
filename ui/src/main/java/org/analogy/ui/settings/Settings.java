package org.analogy.ui.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import org.analogy.ui.learn.Mapping;

/**
 * What the window remembers between sessions: its layout, the last devices, the transport and mode
 * settings, MIDI mappings, and the performer's own presets. Plain fields, read and written as JSON.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Settings {

    /** Window position and size; NaN position means "let the system place it". */
    public double x = Double.NaN;
    public double y = Double.NaN;
    public double width = 1400;
    public double height = 900;
    public boolean maximized;
    /** Share of the height given to the piano roll. */
    public double rollShare = 0.45;

    /** Last devices, as {@link org.analogy.ui.session.Endpoint#id()}. */
    public String input;
    public String output;

    public double bpm = 120;
    public String meter = "4/4";
    public int countInBars;
    public String clock = "internal";
    /** The first run opens on the learned accompaniment (the product's heart); echo is one click away. */
    public String mode = "accompany";
    /** The style preset in force when last saved (its library name), put back at start; null for none. */
    public String preset = FIRST_RUN_PRESET;
    public static final String FIRST_RUN_PRESET = "ballad";
    public Map<String, Double> values = new LinkedHashMap<>();
    public List<Mapping> mappings = new ArrayList<>();
    public Map<String, Preset> presets = new LinkedHashMap<>();

    /**
     * A performer's snapshot: the style preset and mode in force, the values moved away from it and the MIDI
     * mappings in use when it was saved.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Preset {
        public String style;
        public String mode;
        public Map<String, Double> values = new LinkedHashMap<>();
        public List<Mapping> mappings = new ArrayList<>();
    }
}
