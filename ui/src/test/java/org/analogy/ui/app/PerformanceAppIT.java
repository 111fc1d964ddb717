package org.analogy.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import org.analogy.engine.cli.Logs;
import org.analogy.ui.session.Endpoint;
import org.analogy.ui.settings.Settings;
import org.analogy.ui.settings.SettingsStore;

/**
 * The application as {@code ./analogy} starts it: settings from the user's folder (here a test folder,
 * see the pom), the devices of this machine, and on close the settings written back. On a machine with
 * no controller it offers the demo melody; its output defaults to the built-in synthesizer.
 */
class PerformanceAppIT {

    @Test
    void startsWithTheDemoWhenNoControllerIsAttached_andSavesItsSettingsOnClose() throws Exception {
        Path settingsFile = Logs.userDir().resolve("window.json");
        assertThat(Logs.userDir().toString()).as("tests must not touch the real ~/.analogy").contains("target");
        Files.deleteIfExists(settingsFile);
        boolean controllerAttached = org.analogy.engine.cli.Endpoints.controllers().size() > 0;

        FxToolkit.registerPrimaryStage();
        Application app = FxToolkit.setupApplication(PerformanceApp.class);
        Stage stage = (Stage) WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage s && "Analogy".equals(s.getTitle())).findFirst().orElseThrow()).get(10, TimeUnit.SECONDS);
        @SuppressWarnings("unchecked")
        ComboBox<Endpoint> input = (ComboBox<Endpoint>) stage.getScene().lookup("#input");
        @SuppressWarnings("unchecked")
        ComboBox<Endpoint> output = (ComboBox<Endpoint>) stage.getScene().lookup("#output");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> input.getValue() != null && output.getValue() != null);
        assertThat(output.getValue()).isEqualTo(Endpoint.SYNTH);
        // The preset browser lists the shipped style presets from the engine's library.
        @SuppressWarnings("unchecked")
        javafx.scene.control.ListView<String> presets = (javafx.scene.control.ListView<String>) stage.getScene().lookup("#presets");
        assertThat(WaitForAsyncUtils.asyncFx(() -> List.copyOf(presets.getItems())).get(5, TimeUnit.SECONDS))
                .contains("ballad", "bossa-nova", "pop-xy", "stride-keys");
        if (!controllerAttached) {
            assertThat(input.getValue()).isEqualTo(Endpoint.DEMO);
            Label status = (Label) stage.getScene().lookup("#status");
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().startsWith("No controller found"));
        }

        // The first run puts the ballad preset in force: accompany, on the band's learned accompaniment.
        Label active = (Label) stage.getScene().lookup("#preset-active");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> active.getText().contains("ballad"));

        FxToolkit.cleanupApplication(app); // what closing the window does: stop(), settings saved, engine closed
        Settings saved = new SettingsStore(settingsFile).load();
        assertThat(settingsFile).exists();
        assertThat(saved.output).isEqualTo("synth");
        assertThat(saved.input).isEqualTo(controllerAttached ? input.getValue().id() : "demo");
        assertThat(saved.mode).isEqualTo("accompany");
        assertThat(saved.preset).isEqualTo("ballad");
        FxToolkit.cleanupStages();
    }
}
