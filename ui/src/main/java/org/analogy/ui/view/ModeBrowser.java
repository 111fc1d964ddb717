package org.analogy.ui.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.analogy.ui.controls.PerformanceControls;

/**
 * The mode and preset browser: the engine's modes; the presets it ships and the performer's own, which can
 * be saved from the current settings (with the MIDI mappings in use) and recalled with one click.
 */
final class ModeBrowser extends VBox {

    /** What the window does with the performer's presets (they live in its settings). */
    interface UserPresets {
        List<String> names();

        void save(String name);

        void recall(String name);

        void delete(String name);
    }

    static final String USER_PREFIX = "★ ";

    private final PerformanceControls controls;
    private final UserPresets user;
    private final ListView<String> modes = new ListView<>();
    private final ListView<String> presets = new ListView<>();
    private final TextField name = new TextField();
    private final Consumer<String> modeChanged;

    ModeBrowser(PerformanceControls controls, UserPresets user, Consumer<String> modeChanged) {
        this.controls = controls;
        this.user = user;
        this.modeChanged = modeChanged;
        getStyleClass().addAll("panel", "mode-browser");
        setSpacing(6);
        setPadding(new Insets(0));
        Label modeTitle = new Label("Mode");
        modeTitle.getStyleClass().add("panel-title");
        modes.setId("modes");
        modes.getItems().setAll(controls.modes());
        modes.getSelectionModel().select(controls.mode());
        modes.setPrefHeight(90);
        modes.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.equals(controls.mode())) {
                controls.selectMode(now);
                modeChanged.accept(now);
            }
        });
        Label presetTitle = new Label("Presets");
        presetTitle.getStyleClass().add("panel-title");
        presets.setId("presets");
        presets.setPrefHeight(150);
        VBox.setVgrow(presets, Priority.ALWAYS);
        presets.setOnMouseClicked(e -> {
            if (e.getClickCount() >= 1) recallSelected();
        });
        name.setId("preset-name");
        name.setPromptText("preset name");
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
        getChildren().addAll(modeTitle, modes, presetTitle, presets, name, new HBox(6, save, delete));
        reload();
    }

    private void recallSelected() {
        String selected = presets.getSelectionModel().getSelectedItem();
        if (selected == null) return;
        if (selected.startsWith(USER_PREFIX)) {
            user.recall(selected.substring(USER_PREFIX.length()));
        } else {
            // A shipped preset may change the mode and any value: the panels are rebuilt from the view-model.
            controls.applyPreset(selected);
            modeChanged.accept(controls.mode());
        }
        modes.getSelectionModel().select(controls.mode());
    }

    void reload() {
        List<String> items = new ArrayList<>(controls.presets());
        for (String n : user.names()) items.add(USER_PREFIX + n);
        presets.getItems().setAll(items);
        modes.getSelectionModel().select(controls.mode());
    }
}
