package org.analogy.ui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.analogy.ui.controls.ParameterSpec;
import org.analogy.ui.controls.PerformanceControls;
import org.analogy.ui.learn.LearnTarget;
import org.analogy.ui.learn.MidiLearn;

/**
 * One parameter as a control: a slider (snapping to the step or the choices) or a switch, with its name
 * and value. It writes to the view-model when moved (by hand or by MIDI) and reads back on {@link #refresh}.
 */
final class ParameterControl extends VBox {

    private final ParameterSpec spec;
    private final PerformanceControls controls;
    private final Control input;
    private final Label value = new Label();
    private final java.util.List<ToggleButton> choiceButtons = new java.util.ArrayList<>();
    private boolean updating;

    ParameterControl(ParameterSpec spec, PerformanceControls controls, MidiLearn learn) {
        this.spec = spec;
        this.controls = controls;
        getStyleClass().add("parameter");
        Label name = new Label(spec.label());
        name.getStyleClass().add("parameter-name");
        value.getStyleClass().add("parameter-value");
        HBox header = new HBox(8, name, spacer(), value);
        header.setAlignment(Pos.CENTER_LEFT);
        LearnTarget target = new LearnTarget() {
            @Override public String id() { return spec.id(); }

            @Override public String label() { return spec.label(); }

            @Override public void controller(int v) {
                write(spec.kind() == ParameterSpec.Kind.TOGGLE ? (v >= 64 ? 1 : 0) : spec.fromController(v));
                refresh();
            }

            @Override public void note(boolean down, int velocity) {
                if (!down) return;
                write(spec.kind() == ParameterSpec.Kind.TOGGLE ? 1 - controls.value(spec.id()) : spec.fromController(velocity));
                refresh();
            }
        };
        if (spec.kind() == ParameterSpec.Kind.TOGGLE) {
            ToggleButton toggle = new ToggleButton(spec.label());
            toggle.getStyleClass().add("parameter-toggle");
            toggle.selectedProperty().addListener((o, was, on) -> {
                if (!updating) write(on ? 1 : 0);
            });
            input = toggle;
            getChildren().add(toggle);
        } else if (spec.kind() == ParameterSpec.Kind.CHOICE) {
            // A few values: one button each, big enough to hit without looking twice.
            ToggleGroup group = new ToggleGroup();
            HBox row = new HBox(4);
            for (double c : spec.choices()) {
                ToggleButton b = new ToggleButton(spec.display(c));
                b.setUserData(c);
                b.setToggleGroup(group);
                b.setId("param-" + Ids.of(spec.id()) + "-" + spec.display(c).replaceAll("[^0-9A-Za-z]", ""));
                b.setOnAction(e -> {
                    write(c);
                    refresh();
                });
                b.setMaxWidth(Double.MAX_VALUE);
                HBox.setHgrow(b, Priority.ALWAYS);
                Learnable.attach(b, target, learn);
                choiceButtons.add(b);
                row.getChildren().add(b);
            }
            input = choiceButtons.get(0);
            getChildren().addAll(header, row);
        } else {
            Slider slider = new Slider(spec.min(), spec.max(), controls.value(spec.id()));
            if (spec.step() > 0) slider.setBlockIncrement(spec.step());
            slider.valueProperty().addListener((o, was, now) -> {
                if (!updating) write(now.doubleValue());
            });
            // On release the knob settles on the value actually set (a step).
            slider.valueChangingProperty().addListener((o, was, changing) -> {
                if (!changing) refresh();
            });
            input = slider;
            getChildren().addAll(header, slider);
        }
        if (spec.kind() != ParameterSpec.Kind.CHOICE) {
            input.setId("param-" + Ids.of(spec.id()));
            input.setMaxWidth(Double.MAX_VALUE);
            Learnable.attach(input, target, learn);
        }
        refresh();
    }

    ParameterSpec spec() {
        return spec;
    }

    Control input() {
        return input;
    }

    private void write(double v) {
        controls.set(spec.id(), spec.constrain(v));
        showValue(controls.value(spec.id()));
    }

    /** Shows the view-model's value (after a preset, a MIDI move or a refused change). */
    void refresh() {
        if (input instanceof Slider s && s.isValueChanging()) return; // being dragged: the hand leads
        double v = controls.value(spec.id());
        updating = true;
        try {
            if (input instanceof Slider s) s.setValue(v);
            else if (spec.kind() == ParameterSpec.Kind.CHOICE) {
                for (ToggleButton b : choiceButtons) b.setSelected((double) b.getUserData() == v);
            } else if (input instanceof ToggleButton t) t.setSelected(v >= 0.5);
        } finally {
            updating = false;
        }
        showValue(v);
    }

    private void showValue(double v) {
        value.setText(spec.kind() == ParameterSpec.Kind.TOGGLE ? (v >= 0.5 ? "on" : "off") : spec.display(v));
    }

    private static javafx.scene.layout.Region spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
