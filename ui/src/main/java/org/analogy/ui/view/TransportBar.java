package org.analogy.ui.view;

import java.util.List;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import org.analogy.engine.pipeline.CaptureStage.ClockSource;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;
import org.analogy.ui.controls.PerformanceControls;
import org.analogy.ui.controls.TransportState;
import org.analogy.ui.learn.LearnTarget;
import org.analogy.ui.learn.MidiLearn;

/**
 * Transport: play/stop, continue, tap, tempo, meter, count-in, clock source, the position, record and
 * save, and the panic button. Large, so they can be hit on a dark stage.
 */
final class TransportBar extends HBox {

    /** What record and save do; the window owns the session. */
    interface Recording {
        void toggle();

        boolean isRecording();

        void save();
    }

    private final PerformanceControls controls;
    private final Button play = new Button("▶ Play");
    private final Slider tempo = new Slider(Timeline.MIN_BPM, Timeline.MAX_BPM, 120);
    private final Label tempoValue = new Label();
    private final ChoiceBox<Meter> meter = new ChoiceBox<>();
    private final ChoiceBox<Integer> countIn = new ChoiceBox<>();
    private final ChoiceBox<ClockSource> clock = new ChoiceBox<>();
    private final Label position = new Label("—");
    private final ToggleButton record = new ToggleButton("● Rec");
    private final Recording recording;
    private boolean updating;
    private boolean running;

    TransportBar(PerformanceControls controls, Recording recording, MidiLearn learn) {
        this.controls = controls;
        this.recording = recording;
        getStyleClass().add("transport");
        setSpacing(10);
        setAlignment(Pos.CENTER_LEFT);

        play.setId("play");
        play.getStyleClass().add("big");
        play.setOnAction(e -> togglePlay());
        Learnable.attach(play, new ActionTarget("transport.play", "Play / stop", this::togglePlay), learn);
        Button cont = new Button("Continue");
        cont.setId("continue");
        cont.setOnAction(e -> controls.continuePlaying());
        Learnable.attach(cont, new ActionTarget("transport.continue", "Continue", controls::continuePlaying), learn);
        Button tap = new Button("Tap");
        tap.setId("tap");
        tap.getStyleClass().add("big");
        tap.setOnAction(e -> controls.tap());
        Learnable.attach(tap, new ActionTarget("transport.tap", "Tap tempo", controls::tap), learn);

        tempo.setId("tempo");
        tempo.setPrefWidth(200);
        tempo.setMinWidth(70); // on a narrow window the slider gives way, never a button's text
        tempo.setBlockIncrement(1);
        tempo.valueProperty().addListener((o, was, now) -> {
            tempoValue.setText(String.format("%.0f BPM", now.doubleValue()));
            if (!updating) controls.setTempo(Math.round(now.doubleValue()));
        });
        Learnable.attach(tempo, new LearnTarget() {
            @Override public String id() { return "transport.tempo"; }

            @Override public String label() { return "Tempo"; }

            @Override public void controller(int value) {
                tempo.setValue(Timeline.MIN_BPM + value / 127.0 * (Timeline.MAX_BPM - Timeline.MIN_BPM));
            }

            @Override public void note(boolean down, int velocity) {
                if (down) controls.tap();
            }
        }, learn);
        tempoValue.setId("tempo-value");
        tempoValue.getStyleClass().add("readout");
        tempoValue.setMinWidth(90);

        meter.setId("meter");
        meter.getItems().setAll(Meter.values());
        meter.valueProperty().addListener((o, was, now) -> {
            if (!updating && now != null) controls.setMeter(now);
        });
        countIn.setId("count-in");
        countIn.getItems().setAll(List.of(0, 1, 2, 3, 4));
        countIn.valueProperty().addListener((o, was, now) -> {
            if (!updating && now != null) controls.setCountInBars(now);
        });
        clock.setId("clock");
        clock.getItems().setAll(ClockSource.values());
        clock.valueProperty().addListener((o, was, now) -> {
            if (!updating && now != null) controls.setClockSource(now);
        });
        position.setId("position");
        position.getStyleClass().add("readout");
        position.setMinWidth(120);

        record.setId("record");
        record.getStyleClass().add("record");
        record.setOnAction(e -> {
            recording.toggle();
            record.setSelected(recording.isRecording());
        });
        Learnable.attach(record, new ActionTarget("transport.record", "Record", () -> {
            recording.toggle();
            record.setSelected(recording.isRecording());
        }), learn);
        Button save = new Button("Save MIDI");
        save.setId("save");
        save.setOnAction(e -> recording.save());

        Button panic = new Button("PANIC");
        panic.setId("panic");
        panic.getStyleClass().add("panic");
        panic.setOnAction(e -> controls.panic());
        Learnable.attach(panic, new ActionTarget("transport.panic", "Panic", controls::panic), learn);

        for (javafx.scene.layout.Region r : java.util.List.of(play, cont, tap, record, save, panic, meter, countIn, clock)) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        getChildren().addAll(play, cont, tap, labelled("tempo", new HBox(6, tempo, tempoValue)), labelled("meter", meter),
                labelled("count-in", countIn), labelled("clock", clock), labelled("position", position), spacer,
                record, save, panic);
        refresh(controls.transport());
    }

    private static VBox labelled(String name, javafx.scene.Node node) {
        Label l = new Label(name);
        l.getStyleClass().add("small");
        return new VBox(2, l, node);
    }

    void togglePlay() {
        if (controls.transport().running()) controls.stop();
        else controls.play();
    }

    /** Follows the engine: tempo from tap or clock, running state, position. Called at display rate. */
    void refresh(TransportState t) {
        updating = true;
        try {
            if (!tempo.isValueChanging() && Math.abs(tempo.getValue() - t.bpm()) > 0.05) tempo.setValue(t.bpm());
            tempoValue.setText(String.format("%.0f BPM", tempo.getValue()));
            if (meter.getValue() != t.meter()) meter.setValue(t.meter());
            if (countIn.getValue() == null || countIn.getValue() != t.countInBars()) countIn.setValue(t.countInBars());
            if (clock.getValue() != t.clock()) clock.setValue(t.clock());
        } finally {
            updating = false;
        }
        if (t.running() != running) {
            running = t.running();
            play.setText(running ? "■ Stop" : "▶ Play");
            play.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("running"), running);
        }
        position.setText(t.step() < 0 ? String.format("count-in %d", t.beat())
                : String.format("bar %d · %d", t.bar() + 1, t.beat()));
        record.setSelected(recording.isRecording());
    }
}
