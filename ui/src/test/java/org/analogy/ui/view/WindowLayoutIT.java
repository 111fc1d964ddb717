package org.analogy.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import org.analogy.engine.band.Band;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.Modes;
import org.analogy.ui.controls.EngineControls;
import org.analogy.ui.session.LiveSession;
import org.analogy.ui.settings.Settings;
import org.analogy.ui.settings.SettingsStore;

/**
 * The window fits the screens performers have: at each size, on the first run (the ballad accompany preset, the
 * shipped band with its attribute sliders), no control's text is cut, the mode and preset lists show at least
 * six rows, the factor panels need no sideways scrolling, and the roll's legend overlaps nothing. A PNG of each
 * size is saved to {@code ui/target/snapshots/layout-WxH.png}.
 */
class WindowLayoutIT {

    private Path home;
    private LiveSession session;
    private EngineControls controls;
    private PerformanceWindow window;
    private Band band;

    @AfterEach
    void close() throws Exception {
        if (window != null) WaitForAsyncUtils.asyncFx(() -> window.close()).get();
        if (controls != null) controls.close();
        if (session != null) session.close();
        if (band != null) band.close();
        FxToolkit.cleanupStages();
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1280, 800", "1400, 900", "1920, 1080"})
    void everythingFitsAt(int width, int height) throws Exception {
        home = Files.createTempDirectory("analogy-layout");
        band = Band.load(Band.Sources.SHIPPED, Band.OnBrokenBundle.USE_STAND_IN);
        SettingsStore store = new SettingsStore(home.resolve("window.json"));
        Settings settings = store.load(); // nothing saved: the first run
        settings.input = "none";
        settings.output = "none";
        settings.width = width;
        settings.height = height;
        session = new LiveSession(EngineConfig.defaults().withControls(band.defaultControls()), Modes.create(settings.mode, band), List::of);
        controls = new EngineControls(session.engine(), band.presetLibrary(home.resolve("user")), band);
        Stage stage = FxToolkit.registerPrimaryStage();
        WaitForAsyncUtils.asyncFx(() -> {
            window = new PerformanceWindow(controls, session, store, settings, home.resolve("recordings"));
            window.show(stage);
            stage.setWidth(width);
            stage.setHeight(height);
        }).get(60, TimeUnit.SECONDS); // the first window of the run starts the toolkit: slow on a busy machine
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> "ballad".equals(controls.activePreset()));
        // The panels are rebuilt for the preset on a later frame; let layout settle.
        Thread.sleep(1500);
        WaitForAsyncUtils.waitForFxEvents();
        Path png = Snapshots.save(stage.getScene().getRoot(), "layout-" + width + "x" + height);

        List<String> cut = onFx(() -> elided(stage.getScene().getRoot()));
        assertThat(cut).as("labels cut at " + width + "×" + height + " (see " + png + ")").isEmpty();

        for (String id : List.of("#modes", "#presets")) {
            double rows = onFx(() -> visibleRows((ListView<?>) stage.getScene().lookup(id)));
            assertThat(rows).as(id + " rows shown at " + width + "×" + height).isGreaterThanOrEqualTo(6);
        }
        ScrollPane panels = onFx(() -> (ScrollPane) stage.getScene().lookup("#factor-scroll"));
        double overflow = onFx(() -> panels.getContent().getLayoutBounds().getWidth() - panels.getViewportBounds().getWidth());
        assertThat(overflow).as("factor panels wider than their place at " + width + "×" + height + " (px)").isLessThanOrEqualTo(1);

        PianoRollView roll = onFx(() -> (PianoRollView) stage.getScene().lookup("#piano-roll"));
        List<Bounds> legend = onFx(roll::legendBounds);
        assertThat(legend).hasSize(3);
        for (int i = 0; i < legend.size(); i++) {
            for (int j = i + 1; j < legend.size(); j++) {
                assertThat(legend.get(i).intersects(legend.get(j))).as("legend entries " + i + " and " + j + " overlap").isFalse();
            }
            assertThat(legend.get(i).getMinX()).as("legend inside the roll").isGreaterThanOrEqualTo(0);
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
    }

    /** Every visible Labeled whose text is drawn shorter than it is (an ellipsis), as "id-or-class: text". */
    static List<String> elided(Parent root) {
        List<String> out = new ArrayList<>();
        walk(root, out);
        return out;
    }

    private static void walk(Node node, List<String> out) {
        if (!node.isVisible()) return;
        if (node instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            String shown = shownText(l);
            if (shown != null && !shown.replace("\n", " ").strip().equals(l.getText().replace("\n", " ").strip())
                    && !l.isWrapText()) {
                out.add((l.getId() != null ? "#" + l.getId() : l.getClass().getSimpleName()) + ": '" + l.getText() + "' shown as '" + shown + "'");
            }
            if (l.isWrapText() && shown != null && !l.getText().contains(l.getEllipsisString()) && shown.contains(l.getEllipsisString())) {
                out.add((l.getId() != null ? "#" + l.getId() : l.getClass().getSimpleName()) + ": '" + l.getText() + "' shown as '" + shown + "'");
            }
        }
        if (node instanceof Parent p) for (Node child : p.getChildrenUnmodifiable()) walk(child, out);
    }

    /** The text the label's skin draws (its own Text child), or null before it has a skin. */
    private static String shownText(Labeled l) {
        for (Node child : l.getChildrenUnmodifiable()) {
            if (child instanceof Text t) return t.getText();
        }
        return null;
    }

    private static double visibleRows(ListView<?> list) {
        Node cell = list.lookup(".list-cell");
        double cellHeight = cell == null ? 24 : cell.getLayoutBounds().getHeight();
        return list.getHeight() / Math.max(1, cellHeight);
    }
}
