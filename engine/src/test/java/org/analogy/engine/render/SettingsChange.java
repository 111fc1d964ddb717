package org.analogy.engine.render;

import java.util.List;
import java.util.Random;

import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.process.BarProcessor;

/**
 * One thing a performer changes at a bar line during a soak run. The soak picks changes at random from a
 * list of kinds; preset switches join the list as another kind when presets exist.
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
}
