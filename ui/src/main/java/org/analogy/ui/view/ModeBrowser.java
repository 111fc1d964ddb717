package org.analogy.ui.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.analogy.ui.controls.PerformanceControls;
import org.analogy.ui.controls.PresetInfo;

/**
 * The mode and preset browser: the engine's modes; the style presets its library finds (shipped, and the
 * performer's own from {@code ~/.analogy/presets/}), the active one marked; and the window's own snapshots
 * (★, saved from the current settings with the MIDI mappings in use). A click or Enter applies a preset; one
 * that cannot be used says why, in the engine's words.
 */
final class ModeBrowser extends VBox {

    /** What the window does with the performer's snapshots (they live in its settings). */
    interface UserPresets {
        List<String> names();

        void save(String name);

        void recall(String name);

        void delete(String name);
    }

    static final String USER_PREFIX = "★ ";

    private final PerformanceControls controls;
    private final UserPresets user;
    private final Consumer<String> say;
    /** Row height of the mode and preset lists. */
    static final double ROW = 30;
    private final ListView<String> modes = new ListView<>();
    private final ListView<String> presets = new ListView<>();
    private final Map<String, PresetInfo> catalogue = new LinkedHashMap<>();
    private final Label active = new Label();
    private final Label message = new Label();
    private final TextField name = new TextField();
    private String shownActive;
    private boolean activeShown;

    ModeBrowser(PerformanceControls controls, UserPresets user, Consumer<String> say) {
        this.controls = controls;
        this.user = user;
        this.say = say;
        getStyleClass().addAll("panel", "mode-browser");
        setSpacing(6);
        setPadding(new Insets(0));
        Label modeTitle = new Label("Mode");
        modeTitle.getStyleClass().add("panel-title");
        modes.setId("modes");
        modes.getItems().setAll(controls.modes());
        modes.getSelectionModel().select(controls.mode());
        modes.setFixedCellSize(ROW);
        modes.setMinHeight(6 * ROW + 4); // six rows at least, at every window size
        modes.setPrefHeight(6 * ROW + 4);
        modes.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(controls.mode())) controls.selectMode(now);
        });
        Label presetTitle = new Label("Presets");
        presetTitle.getStyleClass().add("panel-title");
        presets.setId("presets");
        presets.setFixedCellSize(ROW);
        presets.setMinHeight(6 * ROW + 4);
        presets.setPrefHeight(9 * ROW + 4);
        presets.setCellFactory(list -> new PresetCell());
        VBox.setVgrow(presets, Priority.ALWAYS);
        presets.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && onFilledCell(e.getPickResult().getIntersectedNode())) recallSelected();
        });
        presets.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                recallSelected();
                e.consume();
            }
        });
        active.setId("preset-active");
        active.getStyleClass().add("small");
        active.setWrapText(true);
        message.setId("preset-message");
        message.getStyleClass().add("small");
        message.setWrapText(true);
        message.setMaxWidth(Double.MAX_VALUE);
        name.setId("preset-name");
        name.setPromptText("snapshot name");
        Button save = new Button("Save");
        save.setId("preset-save");
        save.setOnAction(e -> {
            String n = name.getText().trim();
            if (n.isEmpty()) return;
            user.save(n);
            name.clear();
            reload();
        });
        Button delete = new Button("Delete");
        delete.setId("preset-delete");
        delete.setOnAction(e -> {
            String selected = presets.getSelectionModel().getSelectedItem();
            if (selected != null && selected.startsWith(USER_PREFIX)) {
                user.delete(selected.substring(USER_PREFIX.length()));
                reload();
            }
        });
        name.setMaxWidth(Double.MAX_VALUE);
        save.setMaxWidth(Double.MAX_VALUE);
        delete.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(save, Priority.ALWAYS);
        HBox.setHgrow(delete, Priority.ALWAYS);
        getChildren().addAll(modeTitle, modes, presetTitle, presets, active, message, name, new HBox(6, save, delete));
        reload();
    }

    /** A preset with a dot when it is in force, a warning sign when it cannot be used, its description as a tip. */
    private final class PresetCell extends ListCell<String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("active-preset", "broken-preset");
            if (empty || item == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setText(item);
            PresetInfo info = catalogue.get(item);
            Label mark = new Label(info == null ? "" : info.broken() ? "⚠" : isActive(info) ? "●" : info.factory() ? "" : "✎");
            mark.setMinWidth(16);
            setGraphic(mark);
            if (info != null && info.broken()) getStyleClass().add("broken-preset");
            else if (info != null && isActive(info)) getStyleClass().add("active-preset");
            setTooltip(info == null ? null : new Tooltip(info.broken() ? info.error() : info.description()));
        }
    }

    /** True for a click on a preset's row, not on the list's empty space or its scroll bar. */
    private static boolean onFilledCell(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (n instanceof ListCell<?> cell) return !cell.isEmpty();
        }
        return false;
    }

    private boolean isActive(PresetInfo info) {
        return info.name().equals(shownActive);
    }

    private void recallSelected() {
        String selected = presets.getSelectionModel().getSelectedItem();
        if (selected == null) return;
        if (selected.startsWith(USER_PREFIX)) {
            user.recall(selected.substring(USER_PREFIX.length()));
            return;
        }
        showMessage("Loading " + selected + "…", false);
        controls.applyPreset(selected).whenComplete((presetName, error) -> Platform.runLater(() -> {
            if (error != null) {
                String why = cause(error);
                showMessage(why, true);
                say.accept("! preset " + selected + ": " + why);
            } else {
                PresetInfo info = catalogue.get(selected);
                showMessage(info != null ? info.description() : "", false);
                say.accept("Preset " + presetName + " (" + controls.mode() + ") from the next bar line");
                refresh();
            }
        }));
    }

    private void showMessage(String text, boolean error) {
        message.setText(text);
        message.getStyleClass().remove("error");
        if (error) message.getStyleClass().add("error");
    }

    /** Reads the presets again (a file added or fixed since shows up) and the snapshots. */
    void reload() {
        catalogue.clear();
        List<String> items = new ArrayList<>();
        for (PresetInfo p : controls.presets()) {
            catalogue.put(p.key(), p);
            items.add(p.key());
        }
        for (String n : user.names()) items.add(USER_PREFIX + n);
        presets.getItems().setAll(items);
        activeShown = false;
        refresh();
    }

    /** Follows the engine: the mode it runs and the preset in force (a change from OSC or the console shows too). */
    void refresh() {
        String mode = controls.mode();
        if (!mode.equals(modes.getSelectionModel().getSelectedItem())) modes.getSelectionModel().select(mode);
        String now = controls.activePreset();
        if (!activeShown || !java.util.Objects.equals(now, shownActive)) {
            activeShown = true;
            shownActive = now;
            active.setText(now == null ? "No preset in force" : "Active: " + now);
            presets.refresh();
        }
    }

    /** The message under the list (a preset's description, or why it could not be used). */
    String message() {
        return message.getText();
    }

    private static String cause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && (c instanceof java.util.concurrent.CompletionException || c.getMessage() == null)) c = c.getCause();
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }
}
