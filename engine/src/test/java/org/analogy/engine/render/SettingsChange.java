package org.analogy.engine.render;

import java.util.List;
import java.util.Random;

import org.analogy.engine.band.Band;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.Modes;
import org.analogy.engine.style.Preset;

/**
 * One thing a performer changes at a bar line during a soak run. The soak picks changes at random from a
 * list of kinds: mode switches, echo settings, presets.
 */
interface SettingsChange {

    void applyTo(VirtualSession session);

    /** Makes one change of a kind, with the soak's random source. */
    interface Kind {
        SettingsChange make(Random random);
    }

    /** Echo delay (1, 2 or 4 bars) and transpose (−12…12), on the default channels. */
    static Kind echoSettings() {
        int[] delays = {1, 2, 4};
        return random -> {
            ControlSnapshot controls = ControlSnapshot.DEFAULT.withEcho(delays[random.nextInt(3)], random.nextInt(25) - 12);
            return session -> session.setControls(controls);
        };
    }

    /** Switch the mode to one of {@code processors}. */
    static Kind processorSwitch(List<BarProcessor> processors) {
        return random -> {
            BarProcessor next = processors.get(random.nextInt(processors.size()));
            return session -> session.setProcessor(next);
        };
    }

    /**
     * Switch to a fresh processor of one of the live modes by name, keeping the style in force, as the
     * control surface's mode switch does ({@code /analogy/mode}).
     */
    static Kind modeSwitch(List<String> modes, Band band) {
        return random -> {
            String name = modes.get(random.nextInt(modes.size()));
            return session -> {
                session.setProcessor(Modes.create(name, band));
                session.setControls(session.controls().withStyle(session.controls().style().withMode(name)));
            };
        };
    }

    /**
     * Put one of {@code presets} in force, the way {@code LiveEngine.applyPreset} does: checked and its
     * references encoded first, then a fresh processor only when its mode differs from the one running,
     * then its settings.
     */
    static Kind presetSwitch(List<Preset> presets, Band band) {
        return random -> {
            Preset preset = presets.get(random.nextInt(presets.size()));
            return session -> {
                try {
                    band.checkPlayable(preset.style(), preset.name());
                    band.prepare(preset.style());
                } catch (Exception e) {
                    throw new IllegalStateException("factory preset " + preset.name() + " could not be put in force", e);
                }
                if (!session.mode().equals(preset.style().mode())) session.setProcessor(Modes.create(preset.style().mode(), band));
                session.setControls(preset.applyTo(session.controls()));
            };
        };
    }
}
