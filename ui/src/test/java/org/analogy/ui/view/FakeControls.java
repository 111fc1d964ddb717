package org.analogy.ui.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import org.analogy.engine.pipeline.CaptureStage.ClockSource;
import org.analogy.engine.repr.Chord;
import org.analogy.engine.time.Meter;
import org.analogy.ui.controls.ChordView;
import org.analogy.ui.controls.FactorSpec;
import org.analogy.ui.controls.MeterReadings;
import org.analogy.ui.controls.ParameterSpec;
import org.analogy.ui.controls.PerformanceControls;
import org.analogy.ui.controls.TransportState;
import org.analogy.ui.controls.XyPadSpec;

/**
 * A view-model with every panel available, as the analogy modes will offer: it records what the window
 * sets, so the window's bindings can be checked before the engine has latent factors.
 */
final class FakeControls implements PerformanceControls {

    final Map<String, Double> values = new HashMap<>();
    final Map<String, String> sources = new HashMap<>();
    final String[] corners = {"alberti-bass", "ballad-arpeggio", "block-chords", "bossa-nova"};
    final Queue<int[]> pending = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();
    String mode = "analogy";
    double bpm = 100;

    @Override public void play() { calls.add("play"); }

    @Override public void stop() { calls.add("stop"); }

    @Override public void continuePlaying() { calls.add("continue"); }

    @Override public void tap() { calls.add("tap"); }

    @Override public void panic() { calls.add("panic"); }

    @Override public void setTempo(double value) { bpm = value; }

    @Override public void setMeter(Meter meter) { calls.add("meter " + meter); }

    @Override public void setCountInBars(int bars) { }

    @Override public void setClockSource(ClockSource source) { }

    @Override
    public TransportState transport() {
        return new TransportState(bpm, Meter.FOUR_FOUR, false, 40, 0, ClockSource.INTERNAL);
    }

    @Override public List<String> modes() { return List.of("echo", "analogy"); }

    @Override public String mode() { return mode; }

    @Override public void selectMode(String name) { mode = name; }

    @Override public List<String> presets() { return List.of("Ballad", "Bossa"); }

    @Override public void applyPreset(String name) { calls.add("preset " + name); }

    @Override
    public List<ParameterSpec> modeParameters() {
        return List.of(ParameterSpec.continuous("analogy.mix", "mix", 0, 1, 0.01, "%.2f"));
    }

    @Override
    public List<FactorSpec> factors() {
        List<String> clips = List.of("performer", "alberti-bass", "ballad-arpeggio", "bossa-nova");
        return List.of(
                FactorSpec.standard("pitch", "Pitch", clips, List.of(ParameterSpec.continuous("pitch.register", "register", -12, 12, 1, "%+.0f")), true, ""),
                FactorSpec.standard("rhythm", "Rhythm", clips, List.of(), true, ""),
                FactorSpec.standard("texture", "Texture", clips, List.of(ParameterSpec.continuous("texture.density", "density", 0, 1, 0.01, "%.2f")), true, ""));
    }

    @Override
    public XyPadSpec xyPad() {
        return new XyPadSpec(List.of(corners), List.of(corners), ParameterSpec.continuous("xy.x", "x", 0, 1, 0.001, "%.2f"),
                ParameterSpec.continuous("xy.y", "y", 0, 1, 0.001, "%.2f"), true, "");
    }

    @Override
    public double value(String id) {
        return values.getOrDefault(id, id.endsWith(".temperature") ? 1.0 : id.startsWith("xy.") ? 0.5 : 0.0);
    }

    @Override public void set(String id, double value) { values.put(id, value); }

    @Override public String source(String factor) { return sources.getOrDefault(factor, "performer"); }

    @Override public void setSource(String factor, String source) { sources.put(factor, source); }

    @Override public void setCorner(int corner, String reference) { corners[corner] = reference; }

    /** Queues a controller message as if the performer's controller sent it. */
    void controller(int status, int data1, int data2) {
        synchronized (pending) {
            pending.add(new int[] {status, data1, data2});
        }
    }

    @Override
    public void pollActivity(ActivitySink sink) {
        synchronized (pending) {
            for (int[] m = pending.poll(); m != null; m = pending.poll()) sink.event(Voice.INPUT, 0, 40, m[0], m[1], m[2]);
        }
    }

    @Override public MeterReadings meters() { return MeterReadings.NONE; }

    @Override
    public ChordView chords() {
        return new ChordView(1, Chord.parseSymbol("Am"), List.of(Chord.parseSymbol("F"), Chord.parseSymbol("G")));
    }

    @Override public String lastProblem() { return null; }
}
