package org.analogy.ui.view;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.analogy.ui.controls.FactorSpec;
import org.analogy.ui.controls.ParameterSpec;
import org.analogy.ui.controls.PerformanceControls;
import org.analogy.ui.learn.MidiLearn;

/**
 * One factor's panel: where it comes from (the performer or a reference clip), α towards that source,
 * temperature, freeze, and the factor's attribute sliders, with a line saying what its transform does now.
 * When the running mode does not use the factor the panel is greyed out and says why; it can still be set
 * up for a mode that will.
 */
final class FactorPanel extends VBox {

    private final List<ParameterControl> parameters = new ArrayList<>();
    private final ChoiceBox<String> source = new ChoiceBox<>();
    private final Label transform = new Label();
    private boolean updating;
    private final FactorSpec spec;
    private final PerformanceControls controls;

    FactorPanel(FactorSpec spec, PerformanceControls controls, MidiLearn learn) {
        this.spec = spec;
        this.controls = controls;
        getStyleClass().addAll("panel", "factor");
        setId("factor-" + spec.name());
        setSpacing(4);
        Label title = new Label(spec.label());
        title.getStyleClass().add("panel-title");
        source.getItems().setAll(spec.sources());
        source.setValue(controls.source(spec.name()));
        source.setId("source-" + spec.name());
        source.setMaxWidth(Double.MAX_VALUE);
        source.valueProperty().addListener((o, was, now) -> {
            if (!updating && now != null && !now.equals(controls.source(spec.name()))) controls.setSource(spec.name(), now);
        });
        transform.setId("transform-" + spec.name());
        transform.getStyleClass().add("small");
        transform.setWrapText(true);
        Label from = new Label("from");
        from.getStyleClass().add("small");
        from.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(title, new HBox(6, from, source), transform);
        for (ParameterSpec p : spec.parameters()) {
            ParameterControl c = new ParameterControl(p, controls, learn);
            parameters.add(c);
            getChildren().add(c);
        }
        if (!spec.available()) {
            getStyleClass().add("unavailable-panel");
            Label why = new Label(spec.unavailableReason());
            why.getStyleClass().add("unavailable");
            why.setWrapText(true);
            getChildren().add(1, why);
        }
        transform.setText(controls.describe(spec.name()));
    }

    List<ParameterControl> parameters() {
        return parameters;
    }

    /** Shows the engine's values (after a preset, a MIDI move, a change from OSC or a refused change). */
    void refresh() {
        updating = true;
        try {
            source.setValue(controls.source(spec.name()));
        } finally {
            updating = false;
        }
        transform.setText(controls.describe(spec.name()));
        parameters.forEach(ParameterControl::refresh);
    }
}
