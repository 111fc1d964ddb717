package org.analogy.ui.view;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.Control;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

import org.analogy.ui.learn.LearnTarget;
import org.analogy.ui.learn.Mapping;
import org.analogy.ui.learn.MidiLearn;

/** Right-click → "MIDI learn" on any control, and a tooltip that says what it is mapped to. */
final class Learnable {

    static final String LEARNING = "learning";

    private Learnable() {}

    static void attach(Control control, LearnTarget target, MidiLearn learn) {
        learn.register(target);
        MenuItem learnItem = new MenuItem("MIDI learn");
        learnItem.setId("learn-" + Ids.of(target.id()));
        learnItem.setOnAction(e -> learn.arm(target.id()));
        MenuItem forget = new MenuItem("Forget mapping");
        forget.setOnAction(e -> learn.forget(target.id()));
        ContextMenu menu = new ContextMenu(learnItem, forget);
        menu.setOnShowing(e -> forget.setDisable(learn.mappingOf(target.id()) == null));
        control.setContextMenu(menu);
        Tooltip tip = new Tooltip();
        tip.setOnShowing(e -> {
            Mapping m = learn.mappingOf(target.id());
            tip.setText(target.label() + (m == null ? " — right-click to MIDI-learn" : " — mapped to " + m.describe()));
        });
        control.setTooltip(tip);
        learn.onArmed(armed -> showArmed(control, target.id().equals(armed)));
        // A right-click is for the menu only: a slider would otherwise jump to where it was clicked.
        for (var type : java.util.List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED, MouseEvent.MOUSE_DRAGGED)) {
            control.addEventFilter(type, e -> {
                if (e.getButton() == MouseButton.SECONDARY || e.isSecondaryButtonDown() && !e.isPrimaryButtonDown()) e.consume();
            });
        }
    }

    /** Marks the armed control so the performer sees which one is listening. */
    static void showArmed(Control control, boolean armed) {
        if (armed && !control.getStyleClass().contains(LEARNING)) control.getStyleClass().add(LEARNING);
        if (!armed) control.getStyleClass().remove(LEARNING);
    }
}
