package org.analogy.ui.view;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import org.analogy.ui.controls.PerformanceControls;
import org.analogy.ui.controls.XyPadSpec;
import org.analogy.ui.learn.LearnTarget;
import org.analogy.ui.learn.MidiLearn;

/**
 * The XY pad: drag the point between four reference corners; the corner weights (bilinear) blend the
 * factor the style has on its XY transform (texture, or rhythm). Each axis can be MIDI-learnt (right-click
 * the pad: x, then y). Corner clips are chosen below the pad; choosing them when the style has no XY
 * transform makes one on texture.
 */
final class XyPad extends VBox {

    private final PerformanceControls controls;
    private final XyPadSpec spec;
    private final Canvas canvas = new Canvas(220, 220);
    private final Pane holder = new Pane(canvas);
    private double x;
    private double y;

    XyPad(PerformanceControls controls, MidiLearn learn) {
        this.controls = controls;
        this.spec = controls.xyPad();
        getStyleClass().addAll("panel", "xy-pad");
        setSpacing(6);
        Label title = new Label("XY pad — " + spec.factor());
        title.getStyleClass().add("panel-title");
        x = controls.value(spec.x().id());
        y = controls.value(spec.y().id());
        holder.setId("xy-pad");
        holder.setMinSize(160, 160);
        holder.setPrefSize(240, 240);
        VBox.setVgrow(holder, Priority.ALWAYS);
        canvas.widthProperty().bind(holder.widthProperty());
        canvas.heightProperty().bind(holder.heightProperty());
        canvas.widthProperty().addListener(o -> draw());
        canvas.heightProperty().addListener(o -> draw());
        holder.addEventHandler(MouseEvent.MOUSE_PRESSED, this::drag);
        holder.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::drag);

        // MIDI learn for the two axes, through one context menu on the pad.
        learn.register(axis(spec.x().id(), "XY pad x", true));
        learn.register(axis(spec.y().id(), "XY pad y", false));
        javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu();
        for (String[] a : new String[][] {{spec.x().id(), "MIDI learn x"}, {spec.y().id(), "MIDI learn y"}}) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(a[1]);
            item.setOnAction(e -> learn.arm(a[0]));
            menu.getItems().add(item);
        }
        holder.setOnContextMenuRequested(e -> menu.show(holder, e.getScreenX(), e.getScreenY()));

        getChildren().addAll(title, holder, corners());
        if (!spec.available()) {
            Label why = new Label(spec.unavailableReason());
            why.setId("xy-unavailable");
            why.getStyleClass().add("unavailable");
            why.setWrapText(true);
            why.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // every line of the reason shows
            getChildren().add(why);
        }
        draw();
    }

    private LearnTarget axis(String id, String label, boolean horizontal) {
        return new LearnTarget() {
            @Override public String id() { return id; }

            @Override public String label() { return label; }

            @Override public void controller(int value) {
                double v = value / 127.0;
                move(horizontal ? v : x, horizontal ? y : v);
            }

            @Override public void note(boolean down, int velocity) {
                if (down) controller(velocity);
            }
        };
    }

    private javafx.scene.Node corners() {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(6);
        grid.setVgap(4);
        String[] names = {"↖", "↗", "↙", "↘"}; // the corner each picker sets, as an arrow: the clip names get the room
        for (int i = 0; i < 4; i++) {
            ChoiceBox<String> box = new ChoiceBox<>();
            box.getItems().setAll(spec.references().isEmpty() ? java.util.List.of("—") : spec.references());
            box.setValue(spec.corners().get(i));
            box.setMaxWidth(Double.MAX_VALUE);
            box.setId("xy-corner-" + i);
            int corner = i;
            box.valueProperty().addListener((o, was, now) -> {
                if (now != null && !now.equals(spec.corners().get(corner))) controls.setCorner(corner, now);
                draw();
            });
            Label l = new Label(names[i]);
            l.getStyleClass().add("small");
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            l.setTooltip(new javafx.scene.control.Tooltip(new String[] {"top left", "top right", "bottom left", "bottom right"}[i] + " corner"));
            // One corner a row, its name beside the picker: a clip's whole name shows at every window size.
            grid.add(l, 0, i);
            grid.add(box, 1, i);
            javafx.scene.layout.GridPane.setHgrow(box, Priority.ALWAYS);
        }
        return grid;
    }

    private void drag(MouseEvent e) {
        if (!e.isPrimaryButtonDown()) return;
        move(e.getX() / holder.getWidth(), e.getY() / holder.getHeight());
    }

    /** Moves the point (0–1 each way) and tells the view-model. */
    void move(double nx, double ny) {
        controls.set(spec.x().id(), Math.max(0, Math.min(1, nx)));
        controls.set(spec.y().id(), Math.max(0, Math.min(1, ny)));
        // The point shows where the engine has it: a refused move (no XY transform) leaves it where it was.
        x = controls.value(spec.x().id());
        y = controls.value(spec.y().id());
        draw();
    }

    void refresh() {
        x = controls.value(spec.x().id());
        y = controls.value(spec.y().id());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#161a20"));
        g.fillRect(0, 0, w, h);
        g.setStroke(Color.web("#2c323c"));
        for (int i = 1; i < 4; i++) {
            g.strokeLine(w * i / 4, 0, w * i / 4, h);
            g.strokeLine(0, h * i / 4, w, h * i / 4);
        }
        double[] weights = XyPadSpec.weights(x, y);
        double[][] at = {{0, 0}, {w, 0}, {0, h}, {w, h}};
        g.setFont(Font.font(11));
        for (int i = 0; i < 4; i++) {
            g.setFill(Color.web("#ffb74d", 0.15 + 0.6 * weights[i]));
            g.fillOval(at[i][0] - 26, at[i][1] - 26, 52, 52);
            g.setFill(Color.web("#c8ccd2"));
            g.setTextAlign(i % 2 == 0 ? TextAlignment.LEFT : TextAlignment.RIGHT);
            g.setTextBaseline(i < 2 ? VPos.TOP : VPos.BOTTOM);
            double tx = i % 2 == 0 ? 4 : w - 4;
            double maxWidth = w / 2 - 8;
            // Name and weight on two lines, each kept to its half of the pad.
            g.fillText(spec.corners().get(i), tx, i < 2 ? 4 : h - 18, maxWidth);
            g.fillText(String.format("%.0f%%", weights[i] * 100), tx, i < 2 ? 18 : h - 4, maxWidth);
        }
        double px = x * w;
        double py = y * h;
        g.setStroke(Color.web("#ffb74d", 0.5));
        g.strokeLine(px, 0, px, h);
        g.strokeLine(0, py, w, py);
        g.setFill(spec.available() ? Color.web("#ffb74d") : Color.web("#8a8f98"));
        g.fillOval(px - 10, py - 10, 20, 20);
        g.setStroke(Color.WHITE);
        g.strokeOval(px - 10, py - 10, 20, 20);
    }

    XyPadSpec spec() {
        return spec;
    }

    double x() {
        return x;
    }

    double y() {
        return y;
    }
}
