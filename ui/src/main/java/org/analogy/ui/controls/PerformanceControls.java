package org.analogy.ui.controls;

import java.util.List;

import org.analogy.engine.pipeline.CaptureStage.ClockSource;
import org.analogy.engine.time.Meter;

/**
 * Everything the performance window shows and changes, as one small view-model. The window binds only to
 * this interface: an implementation maps it onto the engine's control API and snapshots (see
 * {@link EngineControls}), so the window holds no engine logic and the engine's API can grow (modes with
 * latent factors, shipped presets, predicted chords) without the window changing shape.
 *
 * <p>Every method returns at once and is called on the JavaFX thread; none may block on the engine.
 * Parameters are addressed by the ids their specs carry ({@link ParameterSpec#id()}), which is also what
 * MIDI learn and user presets store.
 */
public interface PerformanceControls {

    // ---- transport -------------------------------------------------------------------------------

    void play();

    void stop();

    void continuePlaying();

    void tap();

    /** Releases every sounding note at once (note-offs, then CC 123). */
    void panic();

    void setTempo(double bpm);

    void setMeter(Meter meter);

    void setCountInBars(int bars);

    void setClockSource(ClockSource source);

    TransportState transport();

    // ---- modes and presets -----------------------------------------------------------------------

    List<String> modes();

    String mode();

    void selectMode(String name);

    /**
     * The style presets the engine's library finds, shipped and the performer's own, each read and validated
     * now: a file that cannot be used is listed with the engine's reason.
     */
    List<PresetInfo> presets();

    /** The name of the style in force (a preset's name while it is active), or null when none is. */
    String activePreset();

    /**
     * Puts a preset in force from the next bar line. Its reference clips are read and encoded off the JavaFX
     * thread; the future completes once the engine has it, or fails with the engine's reason.
     */
    java.util.concurrent.CompletableFuture<String> applyPreset(String key);

    /** Where the chords come from in the style in force, in one line (e.g. "chart: C G Am F"). */
    String chordSource();

    /** What each part of the band plays with, a line each (e.g. "accompaniment: learned accompaniment model"). */
    java.util.List<String> bandParts();

    // ---- parameters ------------------------------------------------------------------------------

    /** Settings of the current mode (e.g. echo delay and transposition), shown as one panel. */
    List<ParameterSpec> modeParameters();

    /** One panel per factor (pitch, rhythm, chord, texture): source, α, temperature, freeze, attributes. */
    List<FactorSpec> factors();

    /** The XY pad that blends four reference corners. */
    XyPadSpec xyPad();

    double value(String parameterId);

    /** Sets a parameter; out-of-range values are clamped to the spec. Heard from the next bar line. */
    void set(String parameterId, double value);

    String source(String factor);

    /** What the factor's transform does now, in one line (e.g. "slerp 0.6 → rhythm-swung"). */
    String describe(String factor);

    void setSource(String factor, String source);

    void setCorner(int corner, String reference);

    // ---- what is happening -----------------------------------------------------------------------

    /** Hands over every MIDI event played into or sent by the engine since the previous call. */
    void pollActivity(ActivitySink sink);

    /** Latency and counters; the window calls this a few times a second. */
    MeterReadings meters();

    /** The chord in use and, when the mode predicts them, the chords ahead. */
    ChordView chords();

    /** The latest problem worth showing (a refused command, a covered bar), or null. */
    String lastProblem();

    /** Where {@link #pollActivity} delivers: one MIDI channel message with its musical position. */
    interface ActivitySink {
        void event(Voice voice, long nanos, double step, int status, int data1, int data2);
    }

    /** Whose event it is: what the performer played, or a part the engine generated. */
    enum Voice { INPUT, MELODY, ACCOMPANIMENT }
}
