package org.analogy.ui.app;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

import org.analogy.engine.band.Band;
import org.analogy.engine.cli.Logs;
import org.analogy.engine.pipeline.EngineConfig;
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
    private String bandProblem;
    private Band band;
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
        band = loadBand();
    }

    @Override
    public void start(Stage stage) {
        started = true;
        SettingsStore store = SettingsStore.inUserDir();
        Settings settings = store.load();
        String mode = settings.mode != null && contains(Modes.names(), settings.mode)
                && (band.hasMelodyModel() || !Modes.needsMelodyModel(settings.mode)) ? settings.mode : "echo";
        session = new LiveSession(config(settings).withControls(band.defaultControls()), Modes.create(mode, band));
        controls = new EngineControls(session.engine(), band.presetLibrary(Logs.userDir()), band);
        window = new PerformanceWindow(controls, session, store, settings, Logs.recordingsDir());
        if (bandProblem != null) window.say("! " + bandProblem);
        else if (!band.problems().isEmpty()) window.say("! " + String.join(" · ", band.problems()));
        else window.say("Ready: " + summary(band) + ". Space: play/stop · T: tap · Esc: panic");
        stage.setOnCloseRequest(e -> Platform.exit());
        Runtime.getRuntime().addShutdownHook(releaseOnExit);
        window.show(stage);
    }

    @Override
    public void stop() {
        if (window != null) window.close();
        if (controls != null) controls.close();
        if (session != null) session.close();
        if (band != null) band.close();
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
     * The band the window plays with: the same assembly as the command line's ({@link Band#load}), except that a
     * bundle that is there but broken leaves its part on the stand-in, with the problem on the status line,
     * so the window still opens.
     */
    static Band loadBand(java.util.function.Consumer<String> problem) {
        try {
            return Band.load(Band.Sources.SHIPPED, Band.OnBrokenBundle.USE_STAND_IN);
        } catch (Exception | LinkageError e) {
            problem.accept("the models could not be loaded, so the rule-based stand-ins play: " + e.getMessage());
            return Band.standIns();
        }
    }

    private Band loadBand() {
        return loadBand(p -> bandProblem = p);
    }

    /** The band in a few words for the status line, e.g. "learned melody, accompaniment and chords". */
    static String summary(Band band) {
        java.util.List<String> learned = new java.util.ArrayList<>();
        java.util.List<String> standIn = new java.util.ArrayList<>();
        for (Band.PartPath p : band.paths()) (p.learned() ? learned : standIn).add(p.part().key());
        String out = learned.isEmpty() ? "" : "learned " + words(learned);
        if (!standIn.isEmpty()) out += (out.isEmpty() ? "" : "; ") + "stand-in " + words(standIn) + " (no model installed)";
        return out;
    }

    private static String words(java.util.List<String> parts) {
        if (parts.size() == 1) return parts.get(0);
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static boolean contains(Iterable<String> names, String name) {
        for (String n : names) if (n.equalsIgnoreCase(name)) return true;
        return false;
    }
}
