package org.analogy.ui.view;

import java.util.EnumMap;
import java.util.Map;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Rectangle;

import org.analogy.engine.metrics.Stage;
import org.analogy.ui.controls.MeterReadings;

/**
 * Meters: input and output activity lights, inference time against the bar, deadline misses, and latency
 * per stage (median and p99 since the previous reading, as a bar on a log scale from 10 µs to 100 ms).
 */
final class MeterPanel extends VBox {

    private static final double BAR_WIDTH = 150;
    private final Circle inLight = new Circle(9);
    private final Circle outLight = new Circle(9);
    private final Label misses = new Label("0");
    private final Label covered = new Label("0");
    private final Label late = new Label("0");
    private final Label bars = new Label("0");
    private final Label events = new Label("0 / 0");
    private final Label inference = new Label("—");
    private final Map<Stage, Rectangle> p99Bars = new EnumMap<>(Stage.class);
    private final Map<Stage, Rectangle> medianBars = new EnumMap<>(Stage.class);
    private final Map<Stage, Label> stageText = new EnumMap<>(Stage.class);
    private long inFlashUntil;
    private long outFlashUntil;
    private MeterReadings last = MeterReadings.NONE;

    MeterPanel() {
        getStyleClass().addAll("panel", "meters");
        setSpacing(8);
        Label title = new Label("Meters");
        title.getStyleClass().add("panel-title");
        inLight.setId("in-light");
        outLight.setId("out-light");
        HBox lights = new HBox(14, light("in", inLight), light("out", outLight));
        lights.setAlignment(Pos.CENTER_LEFT);
        inference.setId("inference");
        inference.getStyleClass().add("readout");
        misses.setId("misses");
        late.setId("late");
        events.setId("events");
        misses.getStyleClass().add("readout");
        GridPane counters = new GridPane();
        counters.setHgap(10);
        counters.setVgap(4);
        counters.addRow(0, small("inference (max)"), inference);
        counters.addRow(1, small("misses"), misses);
        counters.addRow(2, small("covered"), covered);
        counters.addRow(3, small("late dropped"), late);
        counters.addRow(4, small("bars made"), bars);
        counters.addRow(5, small("in / out"), events);
        GridPane stages = new GridPane();
        stages.setHgap(8);
        stages.setVgap(3);
        int row = 0;
        for (Stage s : Stage.values()) {
            Rectangle back = new Rectangle(BAR_WIDTH, 10, Color.web("#242933"));
            Rectangle p99 = new Rectangle(0, 10, Color.web("#ffb74d", 0.55));
            Rectangle median = new Rectangle(0, 10, Color.web("#4fc3f7"));
            StackPane bar = new StackPane(back, p99, median);
            bar.setAlignment(Pos.CENTER_LEFT);
            Label text = new Label("—");
            text.getStyleClass().add("small");
            text.setId("stage-" + s.name().toLowerCase(java.util.Locale.ROOT));
            p99Bars.put(s, p99);
            medianBars.put(s, median);
            stageText.put(s, text);
            // The stage's name above its bar: the panel stays narrow and no name is cut.
            stages.add(small(s.label()), 0, row++);
            stages.add(bar, 0, row++);
            stages.add(text, 0, row++);
        }
        Label latency = new Label("Latency (median · p99)");
        latency.getStyleClass().add("panel-title");
        getChildren().addAll(title, lights, counters, latency, stages);
    }

    private static Label small(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("small");
        return l;
    }

    private static HBox light(String name, Circle c) {
        c.setFill(Color.web("#2a2f38"));
        HBox box = new HBox(6, c, small(name));
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** An event went in or out: its light flashes. */
    void activity(boolean input, long nowNanos) {
        if (input) inFlashUntil = nowNanos + 120_000_000L;
        else outFlashUntil = nowNanos + 120_000_000L;
    }

    /** Lights, at display rate. */
    void tick(long nowNanos) {
        inLight.setFill(nowNanos < inFlashUntil ? Color.web("#4fc3f7") : Color.web("#2a2f38"));
        outLight.setFill(nowNanos < outFlashUntil ? Color.web("#ffb74d") : Color.web("#2a2f38"));
    }

    /** Numbers, a few times a second. Stages with nothing new keep their last reading. */
    void show(MeterReadings r) {
        misses.setText(Long.toString(r.deadlineMisses()));
        misses.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("alarm"), r.deadlineMisses() > 0);
        covered.setText(Long.toString(r.coveredBars()));
        late.setText(Long.toString(r.lateDropped()));
        bars.setText(Long.toString(r.barsGenerated()));
        events.setText(r.inputEvents() + " / " + r.eventsSent());
        MeterReadings.Latency inf = r.latency().get(Stage.INFERENCE);
        if (inf != null) inference.setText(String.format("%.2f ms", inf.maxMs()));
        for (Stage s : Stage.values()) {
            MeterReadings.Latency l = r.latency().get(s);
            if (l == null) continue;
            p99Bars.get(s).setWidth(scale(l.p99Ms()));
            medianBars.get(s).setWidth(scale(l.medianMs()));
            stageText.get(s).setText(String.format("%s · %s ms", format(l.medianMs()), format(l.p99Ms())));
        }
        last = r;
    }

    MeterReadings last() {
        return last;
    }

    private static String format(double ms) {
        return ms < 0.1 ? String.format("%.3f", ms) : ms < 10 ? String.format("%.2f", ms) : String.format("%.0f", ms);
    }

    /** Log scale: 0.01 ms at the left edge, 100 ms at the right. */
    private static double scale(double ms) {
        double f = (Math.log10(Math.max(0.01, ms)) + 2) / 4;
        return Math.max(2, Math.min(1, f) * BAR_WIDTH);
    }
}
