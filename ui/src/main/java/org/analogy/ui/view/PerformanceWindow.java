package org.analogy.ui.view;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Screen;
import javafx.stage.Stage;

import org.analogy.engine.pipeline.CaptureStage.ClockSource;
import org.analogy.engine.time.Meter;
import org.analogy.ui.controls.FactorSpec;
import org.analogy.ui.controls.ParameterSpec;
import org.analogy.ui.controls.PerformanceControls;
import org.analogy.ui.controls.TransportState;
import org.analogy.ui.learn.MidiLearn;
import org.analogy.ui.session.DeviceWatcher;
import org.analogy.ui.session.Endpoint;
import org.analogy.ui.session.LiveSession;
import org.analogy.ui.settings.Settings;
import org.analogy.ui.settings.SettingsStore;

/**
 * The performance window: devices and transport on top, the piano roll in the middle, the mode and preset
 * browser, mode settings, factor panels and XY pad below, meters on the right, a status line at the bottom.
 *
 * <p>It reads and changes the engine only through {@link PerformanceControls} and the {@link LiveSession}
 * (devices, takes). Everything it shows is refreshed by one {@link AnimationTimer} at display rate, which
 * polls what the engine has published; nothing here waits on the engine.
 */
public final class PerformanceWindow {

    private static final long METER_PERIOD_NANOS = 250_000_000L;

    private final PerformanceControls controls;
    private final LiveSession session;
    private final SettingsStore store;
    private final Settings settings;
    private final Path recordingsDir;
    private final MidiLearn learn;
    private final RollBuffer roll = new RollBuffer(6000);
    private final PianoRollView rollView = new PianoRollView(roll);
    private final MeterPanel meters = new MeterPanel();
    private final Label status = new Label();
    private final HBox panels = new HBox(10);
    private final javafx.scene.control.TabPane factorTabs = new javafx.scene.control.TabPane();
    private final VBox xyPadHolder = new VBox();
    private final List<ParameterControl> modeParameters = new ArrayList<>();
    private final List<FactorPanel> factorPanels = new ArrayList<>();
    private final Label chordSource = new Label();
    /** The specs the panels were built from: when the engine's differ (mode, preset, source), they are rebuilt. */
    private String shownMode;
    private List<ParameterSpec> shownModeParameters = List.of();
    private List<FactorSpec> shownFactors = List.of();
    private final BorderPane root = new BorderPane();
    private final SplitPane split = new SplitPane();
    private final TransportBar transport;
    private final DeviceBar devices;
    private final ModeBrowser browser;
    private XyPad xyPad;
    private Scene scene;
    private Stage stage;
    private DeviceWatcher watcher;
    private boolean devicesChosen;
    private long lastMeterNanos;
    private String lastProblem;

    /**
     * Redraws every display frame. The software renderer (no GPU, e.g. a virtual display) copies the whole
     * window on each frame, so there every other frame is drawn, leaving the CPU to the engine.
     */
    private final AnimationTimer frame = new AnimationTimer() {
        private final boolean hardware = Platform.isSupported(javafx.application.ConditionalFeature.SCENE3D);
        private long count;

        @Override
        public void handle(long now) {
            if (stage != null && stage.isIconified()) return;
            if (hardware || count++ % 2 == 0) onFrame(System.nanoTime());
        }
    };

    public PerformanceWindow(PerformanceControls controls, LiveSession session, SettingsStore store, Settings settings,
                             Path recordingsDir) {
        this.controls = controls;
        this.session = session;
        this.store = store;
        this.settings = settings;
        this.recordingsDir = recordingsDir;
        this.learn = new MidiLearn(this::say);
        learn.load(settings.mappings);
        learn.onChange(this::saveSettings);

        applySettings();
        transport = new TransportBar(controls, new TransportBar.Recording() {
            @Override public void toggle() { toggleRecording(); }

            @Override public boolean isRecording() { return session.isRecording(); }

            @Override public void save() { saveTake(); }
        }, learn);
        devices = new DeviceBar(this::useInput, this::useOutput, this::rescan);
        browser = new ModeBrowser(controls, userPresets(), this::say);
        browser.setPrefWidth(230);
        browser.setMinWidth(210);

        Label brand = new Label("ANALOGY");
        brand.getStyleClass().add("brand");
        HBox top1 = new HBox(16, brand, devices);
        top1.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox top = new VBox(8, top1, transport);
        top.getStyleClass().add("top");
        top.setPadding(new Insets(10, 12, 8, 12));

        panels.setPadding(new Insets(0, 4, 0, 4));
        factorTabs.setId("factor-tabs");
        factorTabs.setMinWidth(270);
        factorTabs.setPrefWidth(300);
        factorTabs.setTabMinWidth(40);
        HBox.setHgrow(factorTabs, Priority.ALWAYS);
        ScrollPane panelScroll = new ScrollPane(panels);
        panelScroll.setFitToHeight(true);
        panelScroll.setFitToWidth(true);
        panelScroll.setId("factor-scroll");
        panelScroll.getStyleClass().add("panels");
        HBox.setHgrow(panelScroll, Priority.ALWAYS);
        rebuildPanels();
        HBox bottom = new HBox(10, panelScroll, xyPadHolder);
        bottom.setPadding(new Insets(8, 12, 8, 12));
        rollView.setId("piano-roll");
        split.setOrientation(Orientation.VERTICAL);
        split.getItems().addAll(rollView, bottom);
        split.setDividerPositions(Math.max(0.2, Math.min(0.8, settings.rollShare)));
        // The browser runs the whole height on the left, so its lists keep six rows or more at any window size.
        browser.setPadding(new Insets(8, 0, 8, 12));

        ScrollPane meterScroll = new ScrollPane(meters);
        meterScroll.setFitToWidth(true);
        meterScroll.setPrefWidth(250);
        meterScroll.setMinWidth(240);
        meterScroll.getStyleClass().add("panels");
        status.setId("status");
        status.getStyleClass().add("status");
        status.setMaxWidth(Double.MAX_VALUE);

        root.getStyleClass().add("performance");
        root.setTop(top);
        root.setLeft(browser);
        root.setCenter(split);
        root.setRight(meterScroll);
        root.setBottom(status);
        BorderPane.setMargin(meterScroll, new Insets(0, 12, 0, 0));
        say(store.problem() != null ? store.problem() : "Ready. Space: play/stop · T: tap · Esc: panic · right-click a control: MIDI learn");
    }

    // ---- settings --------------------------------------------------------------------------------

    /**
     * Transport, mode and preset as last saved; values the engine refuses are reported, not fatal. The last
     * preset is put back first (off this thread), then the values that were moved away from it.
     */
    private void applySettings() {
        controls.setTempo(settings.bpm);
        try {
            controls.setMeter(Meter.parse(settings.meter));
        } catch (IllegalArgumentException e) {
            say(e.getMessage());
        }
        controls.setCountInBars(Math.max(0, Math.min(4, settings.countInBars)));
        controls.setClockSource("midi".equalsIgnoreCase(settings.clock) ? ClockSource.MIDI : ClockSource.INTERNAL);
        Map<String, Double> saved = new LinkedHashMap<>(settings.values);
        if (settings.preset != null && controls.presets().stream().anyMatch(p -> p.key().equals(settings.preset))) {
            controls.applyPreset(settings.preset).whenComplete((name, error) -> Platform.runLater(() -> {
                if (error != null) say("! last preset " + settings.preset + ": " + cause(error));
                else restore(saved);
            }));
            return;
        }
        if (settings.mode != null && controls.modes().contains(settings.mode) && !settings.mode.equals(controls.mode())) {
            controls.selectMode(settings.mode);
        }
        restore(saved);
    }

    /** Sets the values that differ from the engine's now (a value the style already has is left alone). */
    private void restore(Map<String, Double> values) {
        values.forEach((id, v) -> {
            if (v != null && controls.value(id) != v) controls.set(id, v);
        });
        if (xyPad != null) refreshPanels();
    }

    /** Every parameter's current value, by id: for settings and presets. */
    private Map<String, Double> values() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ParameterSpec p : controls.modeParameters()) out.put(p.id(), controls.value(p.id()));
        for (FactorSpec f : controls.factors()) for (ParameterSpec p : f.parameters()) out.put(p.id(), controls.value(p.id()));
        out.put(controls.xyPad().x().id(), controls.value(controls.xyPad().x().id()));
        out.put(controls.xyPad().y().id(), controls.value(controls.xyPad().y().id()));
        return out;
    }

    /** Copies the current state into the settings and writes them; a failure is shown, never thrown. */
    public void saveSettings() {
        TransportState t = controls.transport();
        settings.bpm = Math.round(t.bpm() * 10) / 10.0;
        settings.meter = t.meter().toString();
        settings.countInBars = t.countInBars();
        settings.clock = t.clock().name().toLowerCase(java.util.Locale.ROOT);
        settings.mode = controls.mode();
        settings.preset = activePresetKey();
        settings.values = values();
        settings.mappings = new ArrayList<>(learn.mappings());
        if (session.input() != null && devicesChosen) settings.input = session.input().id();
        if (session.output() != null && devicesChosen) settings.output = session.output().id();
        if (stage != null) {
            settings.maximized = stage.isMaximized();
            if (!stage.isMaximized() && !stage.isIconified()) {
                settings.x = stage.getX();
                settings.y = stage.getY();
                settings.width = stage.getWidth();
                settings.height = stage.getHeight();
            }
        }
        if (!split.getDividers().isEmpty()) settings.rollShare = split.getDividers().get(0).getPosition();
        try {
            store.save(settings);
        } catch (Exception e) {
            say("could not save the settings to " + store.file() + ": " + e.getMessage());
        }
    }

    private ModeBrowser.UserPresets userPresets() {
        return new ModeBrowser.UserPresets() {
            @Override public List<String> names() { return new ArrayList<>(settings.presets.keySet()); }

            @Override public void save(String name) {
                Settings.Preset p = new Settings.Preset();
                p.mode = controls.mode();
                p.style = activePresetKey();
                p.values = values();
                p.mappings = new ArrayList<>(learn.mappings());
                settings.presets.put(name, p);
                say("Preset saved: " + name);
                saveSettings();
            }

            @Override public void recall(String name) {
                Settings.Preset p = settings.presets.get(name);
                if (p == null) return;
                if (p.mappings != null && !p.mappings.isEmpty()) learn.load(p.mappings);
                if (p.style != null) {
                    // The style preset first (off this thread), then the values moved away from it.
                    controls.applyPreset(p.style).whenComplete((n, error) -> Platform.runLater(() -> {
                        if (error != null) say("! snapshot " + name + ": preset " + p.style + ": " + cause(error));
                        else {
                            restore(p.values);
                            say("Snapshot: " + name);
                        }
                    }));
                    return;
                }
                if (p.mode != null && !p.mode.equals(controls.mode()) && controls.modes().contains(p.mode)) {
                    controls.selectMode(p.mode);
                }
                restore(p.values);
                say("Snapshot: " + name);
            }

            @Override public void delete(String name) {
                settings.presets.remove(name);
                say("Preset deleted: " + name);
                saveSettings();
            }
        };
    }

    /** The library key of the preset in force, or null when the style in force is not one of them. */
    private String activePresetKey() {
        String active = controls.activePreset();
        if (active == null) return null;
        return controls.presets().stream().filter(p -> !p.broken() && p.name().equals(active)).map(p -> p.key())
                .findFirst().orElse(null);
    }

    // ---- panels ----------------------------------------------------------------------------------

    /** Builds the mode settings, factor panels and XY pad for the mode and style the engine runs. */
    private void rebuildPanels() {
        shownMode = controls.mode();
        shownModeParameters = controls.modeParameters();
        shownFactors = controls.factors();
        modeParameters.clear();
        factorPanels.clear();
        VBox mode = new VBox(6);
        mode.getStyleClass().addAll("panel", "mode-settings");
        mode.setId("mode-settings");
        Label title = new Label("Mode: " + shownMode);
        title.getStyleClass().add("panel-title");
        chordSource.setId("chord-source");
        chordSource.getStyleClass().add("small");
        chordSource.setWrapText(true);
        chordSource.setText("Chords: " + controls.chordSource());
        Label parts = new Label(String.join("\n", controls.bandParts()));
        parts.setId("band-parts");
        parts.getStyleClass().add("small");
        parts.setWrapText(true);
        mode.getChildren().addAll(title, chordSource, parts);
        for (ParameterSpec p : shownModeParameters) {
            ParameterControl c = new ParameterControl(p, controls, learn);
            modeParameters.add(c);
            mode.getChildren().add(c);
        }
        mode.setPrefWidth(210);
        mode.setMinWidth(200);
        // One tab per factor, so the panels never need sideways scrolling: the factors the running mode uses
        // come first, and the tab that was open stays open across a rebuild.
        String open = factorTabs.getSelectionModel().getSelectedItem() == null ? null
                : factorTabs.getSelectionModel().getSelectedItem().getId();
        factorTabs.getTabs().clear();
        List<FactorSpec> ordered = new ArrayList<>(shownFactors);
        ordered.sort(java.util.Comparator.comparing(f -> !f.available()));
        for (FactorSpec f : ordered) {
            FactorPanel panel = new FactorPanel(f, controls, learn);
            factorPanels.add(panel);
            ScrollPane scroll = new ScrollPane(panel);
            scroll.setFitToWidth(true);
            scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
            scroll.getStyleClass().add("panels");
            javafx.scene.control.Tab tab = new javafx.scene.control.Tab(f.label(), scroll);
            tab.setId("tab-" + f.name());
            tab.setClosable(false);
            if (!f.available()) tab.getStyleClass().add("unavailable-tab");
            factorTabs.getTabs().add(tab);
        }
        factorTabs.getTabs().stream().filter(t -> t.getId().equals(open)).findFirst()
                .ifPresent(t -> factorTabs.getSelectionModel().select(t));
        panels.getChildren().setAll(mode, factorTabs);
        xyPad = new XyPad(controls, learn);
        xyPad.setPrefWidth(260);
        xyPad.setMinWidth(240);
        xyPadHolder.getChildren().setAll(xyPad);
        VBox.setVgrow(xyPad, Priority.ALWAYS);
    }

    private void refreshPanels() {
        modeParameters.forEach(ParameterControl::refresh);
        factorPanels.forEach(FactorPanel::refresh);
        xyPad.refresh();
        chordSource.setText("Chords: " + controls.chordSource());
        browser.refresh();
    }

    /**
     * Follows the engine: when the mode, a factor's sources or availability, or the XY pad's corners changed
     * (a preset, a mode switch, OSC), the panels are built again; otherwise their values are read back.
     */
    private void followEngine() {
        if (!controls.mode().equals(shownMode) || !controls.modeParameters().equals(shownModeParameters)
                || !controls.factors().equals(shownFactors) || !controls.xyPad().equals(xyPad.spec())) {
            rebuildPanels();
            browser.refresh();
        } else {
            refreshPanels();
        }
    }

    // ---- devices ---------------------------------------------------------------------------------

    private void useInput(Endpoint e) {
        switched(session.useInput(e), ok -> "Input: " + ok.name() + (ok.kind() == Endpoint.Kind.DEMO ? " (press Play to hear it)" : ""));
    }

    private void useOutput(Endpoint e) {
        switched(session.useOutput(e), ok -> "Output: " + ok.name());
    }

    /** Reports a device switch when it is done (or why it failed, showing the device still in use). */
    private java.util.concurrent.CompletableFuture<Endpoint> switched(java.util.concurrent.CompletableFuture<Endpoint> change,
                                                                      java.util.function.Function<Endpoint, String> message) {
        return change.whenComplete((ok, error) -> Platform.runLater(() -> {
            if (error != null) {
                say(cause(error));
                devices.show(session.input(), session.output());
            } else {
                if (message != null) say(message.apply(ok));
                saveSettings();
            }
        }));
    }

    private void rescan() {
        devicesChanged(session.inputs(), session.outputs());
    }

    /** New device lists (from the hot-plug watcher). The first time, picks the devices to start with. */
    private void devicesChanged(List<Endpoint> inputs, List<Endpoint> outputs) {
        if (!devicesChosen) {
            devicesChosen = true;
            Endpoint in = pick(Endpoint.fromId(settings.input), inputs);
            boolean demoOffered = false;
            if (in == null) {
                in = inputs.stream().filter(x -> x.kind() == Endpoint.Kind.DEVICE).findFirst().orElse(Endpoint.DEMO);
                demoOffered = in == Endpoint.DEMO;
            }
            Endpoint out = pick(Endpoint.fromId(settings.output), outputs);
            if (out == null) out = Endpoint.SYNTH;
            devices.devices(inputs, outputs, in, out);
            String opening = demoOffered
                    ? "No controller found: the demo melody plays as the performer — press Play (Space). Plug in a controller and pick it under In."
                    : "Input: " + in.name() + " · Output: " + out.name() + " — Space: play/stop · T: tap · Esc: panic · right-click a control: MIDI learn";
            // One message once both are open, so the offer of the demo is not overwritten by the two switches.
            java.util.concurrent.CompletableFuture.allOf(switched(session.useInput(in), null), switched(session.useOutput(out), null))
                    .thenRun(() -> say(opening));
            return;
        }
        Endpoint in = session.input();
        Endpoint out = session.output();
        devices.devices(inputs, outputs, in, out);
        if (in == null) return;
        if (in.kind() == Endpoint.Kind.DEVICE && !inputs.contains(in)) say("Input " + in.name() + " was disconnected");
        else if (in.kind() != Endpoint.Kind.DEVICE && session.hasController(inputs)) {
            say("Controller connected: pick it under In");
        }
    }

    /** The saved endpoint if it is there now; null otherwise. */
    private static Endpoint pick(Endpoint saved, List<Endpoint> available) {
        if (saved == null) return null;
        if (saved.kind() == Endpoint.Kind.NONE || saved.kind() == Endpoint.Kind.DEMO || saved.kind() == Endpoint.Kind.SYNTH) {
            return saved;
        }
        return available.contains(saved) ? saved : null;
    }

    // ---- recording -------------------------------------------------------------------------------

    private void toggleRecording() {
        if (session.isRecording()) {
            session.stopTake();
            say("Take stopped — Save MIDI writes it");
        } else {
            session.startTake();
            say("Recording…");
        }
    }

    private void saveTake() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = recordingsDir.resolve("take-" + stamp + ".mid");
        session.saveTake(file).whenComplete((saved, error) -> Platform.runLater(() ->
                say(error != null ? cause(error) : "Saved take → " + saved)));
    }

    // ---- the frame -------------------------------------------------------------------------------

    private void onFrame(long nowNanos) {
        controls.pollActivity((voice, nanos, step, st, d1, d2) -> {
            roll.event(voice, step, st, d1, d2);
            boolean input = voice == PerformanceControls.Voice.INPUT;
            if (input) learn.message(st, d1, d2);
            meters.activity(input, nowNanos);
        });
        TransportState t = controls.transport();
        transport.refresh(t);
        rollView.chords(controls.chords());
        rollView.draw(t);
        meters.tick(nowNanos);
        if (nowNanos - lastMeterNanos >= METER_PERIOD_NANOS) {
            lastMeterNanos = nowNanos;
            meters.show(controls.meters());
            followEngine();
            String problem = controls.lastProblem();
            if (problem != null && !problem.equals(lastProblem)) say("! " + problem);
            lastProblem = problem;
        }
    }

    /** Runs one frame now (tests drive the window without waiting for the display). */
    public void frame() {
        onFrame(System.nanoTime());
    }

    // ---- window ----------------------------------------------------------------------------------

    public Parent root() {
        return root;
    }

    /** The scene with the stage theme and the keyboard shortcuts. */
    public Scene scene() {
        if (scene != null) return scene;
        scene = new Scene(root, settings.width, settings.height);
        scene.getStylesheets().add(PerformanceWindow.class.getResource("stage.css").toExternalForm());
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        return scene;
    }

    /** Space play/stop, T tap, Esc panic (or cancels MIDI learn). Typing in a text field is left alone. */
    private void shortcut(KeyEvent e) {
        boolean typing = scene.getFocusOwner() instanceof TextInputControl;
        if (e.getCode() == KeyCode.ESCAPE) {
            if (learn.armed() != null) learn.cancel();
            else {
                controls.panic();
                say("Panic: every note released");
            }
            e.consume();
        } else if (!typing && e.getCode() == KeyCode.SPACE) {
            transport.togglePlay();
            e.consume();
        } else if (!typing && e.getCode() == KeyCode.T) {
            controls.tap();
            e.consume();
        }
    }

    /** Shows the window where it was last time (if that is still on a screen) and starts refreshing. */
    public void show(Stage stage) {
        this.stage = stage;
        stage.setTitle("Analogy");
        stage.setScene(scene());
        stage.setMinWidth(900);
        stage.setMinHeight(600);
        if (!Double.isNaN(settings.x) && !Double.isNaN(settings.y)
                && !Screen.getScreensForRectangle(settings.x, settings.y, 100, 100).isEmpty()) {
            stage.setX(settings.x);
            stage.setY(settings.y);
        }
        stage.setWidth(settings.width);
        stage.setHeight(settings.height);
        stage.setMaximized(settings.maximized);
        stage.show();
        start();
    }

    /** Starts the display refresh and the device watcher. */
    public void start() {
        watcher = new DeviceWatcher(session, 2000, (in, out) -> Platform.runLater(() -> devicesChanged(in, out)));
        frame.start();
    }

    /** Stops refreshing and saves the settings; the caller closes the session. */
    public void close() {
        frame.stop();
        if (watcher != null) watcher.close();
        saveSettings();
    }

    private static final int RECENT_MESSAGES = 16;
    private final java.util.ArrayDeque<String> recentMessages = new java.util.ArrayDeque<>();

    public void say(String message) {
        if (Platform.isFxApplicationThread()) show(message);
        else Platform.runLater(() -> show(message));
    }

    /** FX thread. The status line shows the newest message; a few recent ones are kept for tests to read. */
    private void show(String message) {
        status.setText(message);
        recentMessages.addLast(message);
        if (recentMessages.size() > RECENT_MESSAGES) recentMessages.removeFirst();
    }

    private static String cause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && (c instanceof java.util.concurrent.CompletionException || c.getMessage() == null)) c = c.getCause();
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    // ---- for tests -------------------------------------------------------------------------------

    public RollBuffer roll() {
        return roll;
    }

    public MidiLearn learn() {
        return learn;
    }

    public String status() {
        return status.getText();
    }

    /** The last few status messages, oldest first (a later one, e.g. an engine warning, may have replaced it). FX thread. */
    public java.util.List<String> recentStatus() {
        return java.util.List.copyOf(recentMessages);
    }

    public PianoRollView rollView() {
        return rollView;
    }
}
