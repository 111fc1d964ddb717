package org.analogy.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.schedule.RecordingOutput;
import org.analogy.engine.time.Meter;

/** The model modes play 4/4 only: every way into "a model mode in 3/4" is refused in one line, never failed per bar. */
class ModesMeterTest {

    @Test
    void theModelModesAreFourFourOnlyAndEchoIsNot() {
        for (String mode : List.of("accompany", "restyle", "looper")) {
            assertThat(Modes.fourFourOnly(mode)).as(mode).isTrue();
            assertThatThrownBy(() -> Modes.requireMeter(mode, Meter.THREE_FOUR)).hasMessage("mode " + mode
                    + " plays in 4/4 only (its models work on 4/4 bars), and this is 3/4: use --mode echo, or a piece in 4/4");
            Modes.requireMeter(mode, Meter.FOUR_FOUR);
        }
        Modes.requireMeter("echo", Meter.THREE_FOUR);
    }

    @Test
    void aRunningEngineRefusesTheSwitchEitherWay() throws Exception {
        try (LiveEngine waltz = new LiveEngine(EngineConfig.defaults().withMeter(Meter.THREE_FOUR), new EchoProcessor(),
                List.of(new RecordingOutput()))) {
            assertThatThrownBy(() -> waltz.setProcessor(Modes.create("accompany"))).hasMessageContaining("4/4 only");
            assertThat(waltz.mode()).isEqualTo("echo");
        }
        try (LiveEngine four = new LiveEngine(EngineConfig.defaults(), Modes.create("accompany"), List.of(new RecordingOutput()))) {
            assertThatThrownBy(() -> four.setMeter(Meter.THREE_FOUR)).hasMessageContaining("mode accompany plays in 4/4 only");
            assertThat(four.timeline().meter()).isEqualTo(Meter.FOUR_FOUR);
        }
    }
}
