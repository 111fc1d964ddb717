package org.analogy.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

import org.analogy.engine.band.Band;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.pipeline.LiveEngine;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;
import org.analogy.engine.transform.TransformKind;
import org.analogy.ui.controls.EngineControls;
import org.analogy.ui.controls.TestPresets;
import org.analogy.ui.session.LiveSession;
import org.analogy.ui.settings.Settings;
import org.analogy.ui.settings.SettingsStore;

/**
 * The preset browser, factor panels, XY pad and chords ahead over a real live engine with the shipped presets,
 * the demo melody playing as the performer (no sound: output none), driven through the robot (Monocle,
 * headless): what is clicked changes the engine's mode and style, and what the engine runs is shown.
 */
@ExtendWith(ApplicationExtension.class)
class FactorPanelsIT {

    private Path userDir;
    private PresetLibrary library;
    private LiveSession session;
    private LiveEngine engine;
    private EngineControls controls;
    private PerformanceWindow window;

    @Start
    void start(Stage stage) throws Exception {
        Path home = Files.createTempDirectory("analogy-ui-factors");
        userDir = home.resolve("user");
        TestPresets.userPreset(userDir, "broken", TestPresets.BROKEN);
        library = TestPresets.library(userDir);
        SettingsStore store = new SettingsStore(home.resolve("window.json"));
        Settings settings = store.load();
        settings.mode = "echo"; // these tests start from echo, not the first run's ballad preset
        settings.preset = null;
        settings.input = "demo";
        settings.output = "none";
        settings.bpm = 240;
        settings.width = 1500;
        settings.height = 950;
        session = new LiveSession(EngineConfig.defaults(), new EchoProcessor(), List::of);
        engine = session.engine();
        controls = new EngineControls(engine, library, Band.standIns());
        window = new PerformanceWindow(controls, session, store, settings, home.resolve("recordings"));
        window.show(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.close()).get();
        controls.close();
        session.close();
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition::getAsBoolean);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what);
        }
    }

    private static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void demoPlaying() throws Exception {
        waitUntil("the demo is the input", () -> session.input() != null && session.output() != null);
    }

    @SuppressWarnings("unchecked")
    private ListView<String> presetList(FxRobot robot) {
        return robot.lookup("#presets").queryAs(ListView.class);
    }

    /** The preset's row, scrolled into view. */
    private Node presetCell(FxRobot robot, String key) {
        ListView<String> list = presetList(robot);
        robot.interact(() -> list.scrollTo(key));
        return robot.from(list).lookup(".list-cell").match(LabeledMatchers.hasText(key)).query();
    }

    /** The style classes of a preset's row as shown now (empty when it is scrolled out of view). */
    private List<String> cellStyle(FxRobot robot, String key) {
        return onFx(() -> robot.from(presetList(robot)).lookup(".list-cell").match(LabeledMatchers.hasText(key)).tryQuery()
                .map(n -> List.copyOf(n.getStyleClass())).orElse(List.of()));
    }

    /** Opens the factor's tab and scrolls its panel so that a control is on screen, then returns it for the robot. */
    private Node reveal(FxRobot robot, String id) {
        Node node = robot.lookup(id).query();
        robot.interact(() -> {
            javafx.scene.control.TabPane tabs = robot.lookup("#factor-tabs").queryAs(javafx.scene.control.TabPane.class);
            for (javafx.scene.control.Tab tab : tabs.getTabs()) {
                for (javafx.scene.Parent p = node.getParent(); p != null; p = p.getParent()) {
                    if (p == tab.getContent()) tabs.getSelectionModel().select(tab);
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            for (javafx.scene.Parent p = node.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane scroll) {
                    double y = scroll.getContent().sceneToLocal(node.localToScene(0, 0)).getY();
                    double free = scroll.getContent().getLayoutBounds().getHeight() - scroll.getViewportBounds().getHeight();
                    if (free > 0) scroll.setVvalue(Math.max(0, Math.min(1, (y - 20) / free)));
                    break;
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        return node;
    }

    /** Selects a preset with the keyboard and presses Enter, as a performer without a mouse would. */
    private void enterPreset(FxRobot robot, String key) {
        ListView<String> list = presetList(robot);
        robot.interact(() -> {
            list.scrollTo(key);
            list.getSelectionModel().select(key);
            list.requestFocus();
        });
        robot.type(KeyCode.ENTER);
    }

    private String text(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).queryLabeled().getText());
    }

    /**
     * Waits until the panels are built for the running mode (the engine switches mode a moment after the
     * preset's style is in force, and the panels follow) with the texture taken from {@code clip}.
     */
    private void texturePanelFor(FxRobot robot, String clip) throws Exception {
        waitUntil("the texture panel is in use and shows " + clip, () -> onFx(() -> {
            Node panel = robot.lookup("#factor-texture").query();
            ChoiceBox<?> source = robot.from(panel).lookup("#source-texture").queryAs(ChoiceBox.class);
            return !panel.getStyleClass().contains("unavailable-panel") && clip.equals(source.getValue());
        }));
    }

    private FactorTransform texture() {
        return engine.controls().style().transform(Factor.TEXTURE);
    }

    @Test
    void clickingAPresetPutsItInForce_andTheBrowserShowsItActive(FxRobot robot) throws Exception {
        demoPlaying();
        assertThat(onFx(() -> presetList(robot).getItems())).contains("ballad", "pop-xy", "bossa-nova", "broken");
        robot.clickOn(presetCell(robot, "pop-xy"));
        waitUntil("pop-xy is in force", () -> engine.mode().equals("accompany") && engine.controls().style().name().equals("pop-xy"));
        waitUntil("the browser marks it active", () -> text(robot, "#preset-active").equals("Active: pop-xy")
                && cellStyle(robot, "pop-xy").contains("active-preset"));
        waitUntil("the mode list follows", () -> "accompany".equals(onFx(() -> robot.lookup("#modes").queryListView().getSelectionModel().getSelectedItem())));
        waitUntil("the chord source is shown", () -> text(robot, "#chord-source").contains("chart: C | G | Am | F"));

        enterPreset(robot, "ballad");
        waitUntil("ballad is in force", () -> engine.controls().style().name().equals("ballad"));
        waitUntil("the browser follows", () -> text(robot, "#preset-active").equals("Active: ballad")
                && !cellStyle(robot, "pop-xy").contains("active-preset"));
        assertThat(texture()).isEqualTo(FactorTransform.swap("ballad-arpeggio"));
    }

    @Test
    void aBrokenPresetShowsTheEnginesReason(FxRobot robot) throws Exception {
        demoPlaying();
        String reason;
        try {
            library.find("broken");
            throw new AssertionError("the broken preset loaded");
        } catch (IllegalArgumentException e) {
            reason = e.getMessage();
        }
        Node brokenCell = presetCell(robot, "broken");
        assertThat(cellStyle(robot, "broken")).contains("broken-preset");
        robot.clickOn(brokenCell);
        waitUntil("the reason is shown under the list", () -> text(robot, "#preset-message").equals(reason));
        assertThat(reason).contains("broken.json").contains("disco");
        assertThat(onFx(() -> robot.lookup("#preset-message").query().getStyleClass())).contains("error");
        waitUntil("and on the status line", () -> onFx(() -> window.recentStatus()).stream().anyMatch(m -> m.contains(reason)));
        assertThat(engine.mode()).isEqualTo("echo");
        assertThat(text(robot, "#preset-active")).isEqualTo("No preset in force");
    }

    @Test
    void theXyPadMovesTheEnginesXyTransform(FxRobot robot) throws Exception {
        demoPlaying();
        assertThat(robot.lookup("#xy-unavailable").tryQuery()).as("no XY transform yet").isPresent();
        enterPreset(robot, "pop-xy");
        waitUntil("the pad is available", () -> robot.lookup("#xy-unavailable").tryQuery().isEmpty());
        assertThat(onFx(() -> robot.lookup("#xy-corner-0").queryAs(ChoiceBox.class).getValue())).isEqualTo("broken-chord-pop");

        // Drag from the middle towards the bottom-right corner.
        robot.drag("#xy-pad").moveBy(60, 50).release(MouseButton.PRIMARY);
        waitUntil("the engine's texture point moved", () -> texture().x() > 0.6 && texture().y() > 0.6);
        assertThat(texture().kind()).isEqualTo(TransformKind.XY);

        // MIDI learn on the pad's x: CC 16 from the performer's controller moves the engine's point.
        robot.interact(() -> window.learn().arm("xy.x"));
        engine.inputHandler().channelMessage(System.nanoTime(), 0xB0, 16, 20);
        waitUntil("CC 16 is learnt", () -> window.learn().mappingOf("xy.x") != null);
        engine.inputHandler().channelMessage(System.nanoTime(), 0xB0, 16, 0);
        waitUntil("CC 16 at 0 puts x at the left edge", () -> texture().x() == 0);

        // A corner chosen under the pad is loaded into the engine's transform.
        @SuppressWarnings("unchecked")
        ChoiceBox<String> corner = robot.lookup("#xy-corner-3").queryAs(ChoiceBox.class);
        robot.interact(() -> corner.setValue("stride"));
        waitUntil("stride is the fourth corner", () -> texture().references().get(3).equals("stride"));
    }

    @Test
    void factorPanelsEditTheRunningStyle(FxRobot robot) throws Exception {
        demoPlaying();
        enterPreset(robot, "ballad");
        waitUntil("ballad is in force", () -> engine.mode().equals("accompany") && engine.controls().style().name().equals("ballad"));
        texturePanelFor(robot, "ballad-arpeggio");
        assertThat(onFx(() -> robot.lookup("#factor-pitch").query().getStyleClass())).as("accompany has no melody factors").contains("unavailable-panel");
        @SuppressWarnings("unchecked")
        ChoiceBox<String> source = robot.lookup("#source-texture").queryAs(ChoiceBox.class);

        robot.clickOn(reveal(robot, "#param-texture-alpha")).type(KeyCode.HOME);
        waitUntil("α 0: live texture through a slerp", () -> texture().equals(FactorTransform.slerp("ballad-arpeggio", 0)));
        robot.clickOn(reveal(robot, "#param-texture-freeze"));
        waitUntil("frozen", () -> texture().kind() == TransformKind.FREEZE);
        robot.clickOn(reveal(robot, "#param-texture-freeze"));
        waitUntil("released, back to the slerp", () -> texture().equals(FactorTransform.slerp("ballad-arpeggio", 0)));

        robot.interact(() -> source.setValue("bossa-nova"));
        waitUntil("bossa nova's texture, α kept", () -> texture().equals(FactorTransform.slerp("bossa-nova", 0)));
        waitUntil("the panel says what the transform does", () -> text(robot, "#transform-texture").equals("slerp 0 → bossa-nova"));

        // A change made outside the window (OSC, the console) shows on the panel.
        engine.updateStyle(s -> s.withTransform(Factor.TEXTURE, FactorTransform.slerp("bossa-nova", 0.75)));
        waitUntil("the α slider follows the engine", () -> onFx(() -> robot.lookup("#param-texture-alpha").queryAs(javafx.scene.control.Slider.class).getValue()) == 0.75);

        // MIDI learn on α: CC 21 on channel 2 moves it.
        robot.interact(() -> window.learn().arm("texture.alpha"));
        engine.inputHandler().channelMessage(System.nanoTime(), 0xB1, 21, 10);
        waitUntil("CC 21 is learnt", () -> window.learn().mappingOf("texture.alpha") != null);
        engine.inputHandler().channelMessage(System.nanoTime(), 0xB1, 21, 127);
        waitUntil("CC 21 moves α to 1", () -> texture().alpha() == 1.0);
        Snapshots.save(robot.lookup("#play").query().getScene().getRoot(), "factors-available");
    }

    @Test
    void snapshotsRecallTheirPresetAndValues(FxRobot robot) throws Exception {
        demoPlaying();
        enterPreset(robot, "ballad");
        waitUntil("ballad is in force", () -> engine.controls().style().name().equals("ballad"));
        texturePanelFor(robot, "ballad-arpeggio");
        robot.clickOn(reveal(robot, "#param-texture-alpha")).type(KeyCode.HOME);
        waitUntil("α 0", () -> texture().equals(FactorTransform.slerp("ballad-arpeggio", 0)));
        robot.clickOn("#preset-name").write("soft ballad");
        robot.clickOn("#preset-save");
        waitUntil("the snapshot is listed", () -> onFx(() -> presetList(robot).getItems()).contains(ModeBrowser.USER_PREFIX + "soft ballad"));

        enterPreset(robot, "pop-xy");
        waitUntil("pop-xy is in force", () -> engine.controls().style().name().equals("pop-xy"));
        enterPreset(robot, ModeBrowser.USER_PREFIX + "soft ballad");
        waitUntil("the snapshot brings back ballad with α 0", () -> engine.controls().style().name().equals("ballad")
                && texture().equals(FactorTransform.slerp("ballad-arpeggio", 0)));
    }

    @Test
    void theChordInUseAndTheChartAheadAreOnTheRoll(FxRobot robot) throws Exception {
        demoPlaying();
        enterPreset(robot, "pop-xy"); // chart C G Am F
        waitUntil("accompany", () -> engine.mode().equals("accompany"));
        robot.clickOn("#play");
        List<String> chart = List.of("C", "G", "Am", "F");
        // The chord band as one frame drew it: the bars' chords so far and the chart's next bars.
        Callable<List<List<String>>> band = () -> List.of(window.rollView().chordSymbols(), window.rollView().aheadSymbols());
        try {
            waitUntil("the roll shows the chord in use and three ahead", () -> {
                List<List<String>> b = onFx(band);
                return !b.get(0).isEmpty() && chart.contains(b.get(0).get(b.get(0).size() - 1)) && b.get(1).size() == 3;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + onFx(band) + ", in use " + engine.chordInUse() + ", " + engine.lastError());
        }
        List<List<String>> b = onFx(band);
        int at = chart.indexOf(b.get(0).get(b.get(0).size() - 1));
        assertThat(b.get(1)).as("the chart's next three bars").containsExactly(chart.get((at + 1) % 4), chart.get((at + 2) % 4), chart.get((at + 3) % 4));
        waitUntil("the demo's accompaniment is on the roll", () -> onFx(() -> window.roll().all().stream()
                .anyMatch(s -> s.voice == org.analogy.ui.controls.PerformanceControls.Voice.ACCOMPANIMENT)));
        Snapshots.save(robot.lookup("#play").query().getScene().getRoot(), "presets-chords-ahead");
    }
}
