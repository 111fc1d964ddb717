package org.analogy.engine.style;

import java.nio.file.Path;

import org.analogy.engine.control.ControlSnapshot;

/**
 * A loaded, validated preset: the style it runs and the output channels it asks for.
 *
 * @param file     where it was read from (null for one built in code)
 * @param factory  true for the presets shipped in {@code presets/styles/}
 */
public record Preset(String name, String description, Path file, boolean factory, Style style, int melodyChannel,
                     int accompanimentChannel) {

    /** The controls with this preset in force (channels and style); everything else is kept. */
    public ControlSnapshot applyTo(ControlSnapshot controls) {
        return controls.withChannels(melodyChannel, accompanimentChannel).withStyle(style);
    }
}
