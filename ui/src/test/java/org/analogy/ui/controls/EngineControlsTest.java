package org.analogy.ui.controls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.time.Meter;

/** The view-model over a real live engine (no outputs): what the window sets is what the engine gets. */
class EngineControlsTest {

    private final LiveEngine engine = new LiveEngine(EngineConfig.defaults().withBpm(240), new EchoProcessor(), List.of());
    private final EngineControls controls = new EngineControls(engine, "echo", Path.of("..", "presets", "clips"));

    @AfterEach
    void close() {
        engine.close();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) throw new AssertionError("timed out");
            Thread.sleep(10);
        }
    }

    @Test
    void echoSettingsGoIntoTheControlSnapshot() {
        controls.set("echo.transpose", 5.4);
        controls.set("echo.delay", 3.2);
        controls.set("output.velocity", 0.5);
        assertThat(engine.controls().echoTranspose()).isEqualTo(5);
        assertThat(engine.controls().echoDelayBars()).isEqualTo(4);
        assertThat(engine.controls().velocityScale()).isEqualTo(0.5);
        assertThat(controls.value("echo.transpose")).isEqualTo(5);
        assertThat(controls.lastProblem()).isNull();
    }

    @Test
    void factorValuesAreHeldUntilAModeUsesThem_andUnknownIdsAreReported() {
        assertThat(controls.factors()).extracting(FactorSpec::name).containsExactly("pitch", "rhythm", "chord", "texture");
        assertThat(controls.factors()).noneMatch(FactorSpec::available);
        assertThat(controls.factors().get(3).sources()).contains("performer", "ballad-arpeggio").doesNotContain("rhythm-swung");
        assertThat(controls.xyPad().references()).contains("bossa-nova", "rhythm-swung");
        controls.set("texture.alpha", 0.7);
        assertThat(controls.value("texture.alpha")).isEqualTo(0.7);
        assertThat(controls.value("texture.temperature")).isEqualTo(1.0);
        controls.set("nonsense", 1);
        assertThat(controls.lastProblem()).contains("nonsense");
    }

    @Test
    void transportCommandsReachTheEngine_andRefusalsAreShown() throws Exception {
        controls.setTempo(500);
        waitFor(() -> engine.timeline().bpm() == 300);
        controls.setCountInBars(2);
        assertThat(controls.transport().countInBars()).isEqualTo(2);
        controls.play();
        waitFor(() -> controls.transport().running());
        controls.setMeter(Meter.THREE_FOUR); // refused while playing
        waitFor(() -> controls.lastProblem() != null);
        assertThat(controls.lastProblem()).contains("SET_METER");
        controls.stop();
        waitFor(() -> !controls.transport().running());
    }

    @Test
    void activityDeliversPlayedAndGeneratedNotesWithTheirVoices() throws Exception {
        controls.play();
        waitFor(() -> engine.timeline().stepAt(System.nanoTime()) > 1);
        engine.inputHandler().channelMessage(System.nanoTime(), 0x90, 60, 100);
        engine.inputHandler().channelMessage(System.nanoTime(), 0x90, 64, 100);
        engine.inputHandler().channelMessage(System.nanoTime(), 0x90, 67, 100);
        Thread.sleep(100);
        for (int p : new int[] {60, 64, 67}) engine.inputHandler().channelMessage(System.nanoTime(), 0x80, p, 0);
        List<String> seen = new ArrayList<>();
        waitFor(() -> {
            controls.pollActivity((voice, nanos, step, status, d1, d2) -> {
                if ((status & 0xF0) == 0x90) seen.add(voice + " " + d1);
            });
            return seen.contains("MELODY 67");
        });
        assertThat(seen).containsSubsequence("INPUT 60", "INPUT 64", "INPUT 67").contains("MELODY 60", "MELODY 64");
        waitFor(() -> controls.chords().current().toSymbol().equals("C"));
        assertThat(controls.meters().eventsSent()).isGreaterThan(0);
    }
}
