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
 * temperature, freeze, and the factor's attribute sliders. When the current mode has no such factor the
 * panel is greyed out and says why, but keeps its values for when it does.
 */
final class FactorPanel extends VBox {

    private final List<ParameterControl> parameters = new ArrayList<>();
    private final ChoiceBox<String> source = new ChoiceBox<>();
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
            if (now != null) controls.setSource(spec.name(), now);
        });
        Label from = new Label("from");
        from.getStyleClass().add("small");
        from.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        getChildren().addAll(title, new HBox(6, from, source));
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
    }

    List<ParameterControl> parameters() {
        return parameters;
    }

    void refresh() {
        source.setValue(controls.source(spec.name()));
        parameters.forEach(ParameterControl::refresh);
    }
}
