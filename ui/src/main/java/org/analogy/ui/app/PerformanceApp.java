package org.analogy.ui.app;

import java.nio.file.Files;
import java.nio.file.Path;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import org.analogy.engine.cli.Logs;
import org.analogy.engine.accompany.PatternAccompanist;
import org.analogy.engine.model.MelodyModel;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.Instruments;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.process.Modes;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;
import org.analogy.ui.controls.EngineControls;
import org.analogy.ui.session.LiveSession;
import org.analogy.ui.settings.Settings;
import org.analogy.ui.settings.SettingsStore;
import org.analogy.ui.view.PerformanceWindow;

/**
 * The JavaFX application: loads the settings, starts one live engine for the session, shows the
 * performance window, and on close saves the settings and stops the engine (every note released).
 */
public final class PerformanceApp extends Application {

    private static volatile boolean started;
    private LiveSession session;
    private EngineControls controls;
    private String instrumentsProblem;
    private Instruments instruments = Instruments.NONE;
    private PerformanceWindow window;
    /** Ctrl-C or a kill still releases every sounding note on the devices. */
    private final Thread releaseOnExit = new Thread(() -> {
        if (session != null) session.close();
    }, "analogy-ui-shutdown");

    /** Runs until the window is closed; returns the exit code. */
    static int run(String[] args) {
        // JavaFX warns when loaded from the class path rather than as modules; that is how Analogy ships.
        java.util.logging.Logger.getLogger("javafx").setLevel(java.util.logging.Level.SEVERE);
        Application.launch(PerformanceApp.class, args);
        return 0;
    }

    /** True once the toolkit ran {@link #start}: a failure after that is not a missing display. */
    static boolean hasStarted() {
        return started;
    }

    /** Loads the models on the launcher thread, before the toolkit shows anything, so the JavaFX thread never waits for them. */
    @Override
    public void init() {
        instruments = instruments();
    }

    @Override
    public void start(Stage stage) {
        started = true;
        SettingsStore store = SettingsStore.inUserDir();
        Settings settings = store.load();
        String mode = settings.mode != null && contains(Modes.names(), settings.mode)
                && (instruments.hasMelodyModel() || !Modes.needsMelodyModel(settings.mode)) ? settings.mode : "echo";
        session = new LiveSession(config(settings), Modes.create(mode, instruments));
        controls = new EngineControls(session.engine(), PresetLibrary.standard(Logs.userDir()), instruments);
        window = new PerformanceWindow(controls, session, store, settings, Logs.recordingsDir());
        if (instrumentsProblem != null) window.say("! " + instrumentsProblem);
        stage.setOnCloseRequest(e -> Platform.exit());
        Runtime.getRuntime().addShutdownHook(releaseOnExit);
        window.show(stage);
    }

    @Override
    public void stop() {
        if (window != null) window.close();
        if (controls != null) controls.close();
        if (session != null) session.close();
        try {
            Runtime.getRuntime().removeShutdownHook(releaseOnExit);
        } catch (IllegalStateException shuttingDown) {
            // already exiting: the hook runs anyway, and closing twice is safe
        }
    }

    private static EngineConfig config(Settings s) {
        EngineConfig c = EngineConfig.defaults();
        c = c.withBpm(Math.max(Timeline.MIN_BPM, Math.min(Timeline.MAX_BPM, s.bpm)));
        try {
            c = c.withMeter(Meter.parse(s.meter));
        } catch (IllegalArgumentException | NullPointerException e) {
            // an unreadable meter in the settings: the default 4/4
        }
        return c.withCountInBars(Math.max(0, Math.min(4, s.countInBars)));
    }

    /**
     * What the modes play with: the melody model when it is installed (restyle and looper need it; presets
     * switch modes, so it is loaded even when the first mode does not), with its attribute directions.
     * A bundle that cannot be loaded leaves those modes out, with the reason on the status line.
     */
    private Instruments instruments() {
        Path dir = ModelStore.bundleDir("melody");
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) return Instruments.NONE;
        try {
            MelodyModel melody = ModelStore.openMelody(null, MelodyModel.Device.CPU);
            return new Instruments(melody, PatternAccompanist::new, AttributeOffsets.loadFromBundle(dir));
        } catch (Exception e) {
            instrumentsProblem = "the melody model in " + dir + " cannot be loaded, so restyle and looper are off: " + e.getMessage();
            return Instruments.NONE;
        }
    }

    private static boolean contains(Iterable<String> names, String name) {
        for (String n : names) if (n.equalsIgnoreCase(name)) return true;
        return false;
    }
}
