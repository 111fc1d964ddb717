package org.analogy.ui.controls;

/**
 * One entry of the preset browser: a style preset the engine's library finds (shipped in
 * {@code presets/styles/} or the performer's own in {@code ~/.analogy/presets/}).
 *
 * @param key         what to apply it by (its file name without {@code .json})
 * @param name        the preset's own name, which the running style carries while it is in force
 * @param description one line saying how it sounds; empty when it cannot be read
 * @param factory     true for a shipped preset
 * @param error       the engine's reason the file cannot be used (naming file, field and what is allowed), or null
 */
public record PresetInfo(String key, String name, String description, boolean factory, String error) {

    public boolean broken() {
        return error != null;
    }
}
