package org.analogy.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.scene.control.ChoiceBox;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.ui.session.LiveSession;
import org.analogy.ui.settings.Settings;
import org.analogy.ui.settings.SettingsStore;

/**
 * The factor panels, XY pad, presets and MIDI learn on a factor, against a view-model that offers every
 * factor: what the window looks like and does once the engine's analogy modes provide them.
 */
@ExtendWith(ApplicationExtension.class)
class FactorPanelsIT {

    private final FakeControls controls = new FakeControls();
    private LiveSession session;
    private PerformanceWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("analogy-ui-factors");
        SettingsStore store = new SettingsStore(home.resolve("window.json"));
        Settings settings = store.load();
        settings.input = "none";
        settings.output = "none";
        settings.width = 1500;
        settings.height = 950;
        session = new LiveSession(EngineConfig.defaults(), new EchoProcessor(), List::of);
        window = new PerformanceWindow(controls, session, store, settings, home.resolve("recordings"));
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get();
        session.close();
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what);
        }
    }

    @Test
    void factorControlsReachTheViewModel(FxRobot robot) throws Exception {
        robot.clickOn("#param-pitch-freeze");
        assertThat(controls.value("pitch.freeze")).isEqualTo(1);
        robot.clickOn("#param-rhythm-alpha").type(KeyCode.END);
        assertThat(controls.value("rhythm.alpha")).isEqualTo(1);
        robot.clickOn("#param-texture-temperature").type(KeyCode.HOME);
        assertThat(controls.value("texture.temperature")).isEqualTo(0);
        @SuppressWarnings("unchecked")
        ChoiceBox<String> source = robot.lookup("#source-texture").queryAs(ChoiceBox.class);
        robot.interact(() -> source.setValue("bossa-nova"));
        assertThat(controls.source("texture")).isEqualTo("bossa-nova");

        // The XY pad: drag the point towards the bottom-right corner.
        robot.drag("#xy-pad").moveBy(60, 50).release(javafx.scene.input.MouseButton.PRIMARY);
        assertThat(controls.value("xy.x")).isGreaterThan(0.6);
        assertThat(controls.value("xy.y")).isGreaterThan(0.6);

        // MIDI learn on a factor's α: CC 21 on channel 2 moves it.
        robot.interact(() -> window.learn().arm("pitch.alpha"));
        controls.controller(0xB1, 21, 10);
        waitUntil("CC 21 is learnt", () -> window.learn().mappingOf("pitch.alpha") != null);
        controls.controller(0xB1, 21, 127);
        waitUntil("CC 21 moves α to 1", () -> controls.value("pitch.alpha") == 1.0);
        Snapshots.save(robot.lookup("#play").query().getScene().getRoot(), "factors-available");
    }

    @Test
    void userPresetsStoreAndRecallTheSettings(FxRobot robot) throws Exception {
        robot.clickOn("#param-pitch-register").type(KeyCode.END);
        assertThat(controls.value("pitch.register")).isEqualTo(12);
        robot.clickOn("#preset-name").write("high");
        robot.clickOn("#preset-save");
        waitUntil("the preset is listed", () -> robot.lookup("#presets").queryListView().getItems().contains(ModeBrowser.USER_PREFIX + "high"));
        assertThat(robot.lookup("#presets").queryListView().getItems()).startsWith("Ballad", "Bossa");

        robot.clickOn("#param-pitch-register").type(KeyCode.HOME);
        assertThat(controls.value("pitch.register")).isEqualTo(-12);
        robot.clickOn(ModeBrowser.USER_PREFIX + "high");
        assertThat(controls.value("pitch.register")).isEqualTo(12);
        robot.clickOn("Ballad");
        assertThat(controls.calls).contains("preset Ballad");
    }
}
