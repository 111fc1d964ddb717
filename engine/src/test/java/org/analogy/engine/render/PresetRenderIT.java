package org.analogy.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.analogy.engine.accompaniment.PatternAccompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.chords.SplitKeyboardChords;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.melody.MelodyCodec;
import org.analogy.engine.melody.MelodyModel;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.model.TokenCodec;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.Modes;
import org.analogy.engine.schedule.RecordingOutput;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.time.Timeline;
import org.analogy.engine.transform.AttributeOffsets;

/**
 * Every factory preset rendered over the demo melody in virtual time, through the real pipeline stages:
 * the tracks its mode makes, every output onset on the 16th grid, every note-on matched by a note-off
 * before the stop, no covered bars or errors. Modes that decode melodies run on the shipped model when it
 * is installed, and on a transparent stand-in model always, so the plumbing is checked either way.
 */
class PresetRenderIT {

    static final Path STYLES = Path.of("../presets/styles");
    static final Path CLIPS = Path.of("../presets/clips");

    static PresetLibrary library() {
        return new PresetLibrary(STYLES, Path.of("target/no-user-presets"), new PresetLoader(new ReferenceClips(List.of(CLIPS))));
    }

    static Stream<String> factoryPresets() throws Exception {
        return library().files().keySet().stream();
    }

    /** The demo melody, with a left hand added below the split for keyboard-chord presets (C Am F G per bar). */
    static PerformanceInput demo(Preset preset) throws Exception {
        byte[] bytes;
        try (InputStream in = PresetRenderIT.class.getResourceAsStream("/org/analogy/engine/demo/demo-melody.mid")) {
            bytes = in.readAllBytes();
        }
        PerformanceInput melody = PerformanceFiles.fromContent(MidiFiles.parse(bytes, "demo"), null);
        if (!(preset.style().chords() instanceof SplitKeyboardChords keys)) return melody;
        List<PerformanceInput.Message> messages = new ArrayList<>(melody.messages());
        int[][] chords = {{48, 52, 55}, {45, 48, 52}, {41, 45, 48}, {43, 47, 50}};
        int bars = (int) Math.ceil(melody.endStep() / 16);
        for (int bar = 0; bar < bars; bar++) {
            for (int p : chords[bar % 4]) {
                int key = p - 12 * ((p - keys.splitPoint()) / 12 + 1); // an octave or more below the split
                messages.add(new PerformanceInput.Message(bar * 16 + 0.1, 0x90 | 1, key, 70));
                messages.add(new PerformanceInput.Message(bar * 16 + 3.5, 0x80 | 1, key, 0));
            }
        }
        messages.sort((a, b) -> Double.compare(a.step(), b.step()));
        return new PerformanceInput(melody.meter(), melody.initialBpm(), messages, melody.tempoChanges());
    }

    record Rendered(VirtualSession session, RecordingOutput out, Sequence sequence) {}

    static Rendered render(Preset preset, MelodyCodec codec, int tailBars) throws Exception {
        Band band = Band.builder().melody(codec).build();
        band.prepare(preset.style());
        BarProcessor processor = Modes.create(preset.style().mode(), band);
        RecordingOutput out = new RecordingOutput();
        PerformanceInput performance = demo(preset);
        EngineConfig config = EngineConfig.defaults().withBpm(performance.initialBpm()).withMeter(performance.meter())
                .withControls(preset.applyTo(ControlSnapshot.DEFAULT));
        VirtualSession session = new VirtualSession(config, processor, List.of(out));
        session.play(performance, tailBars);
        return new Rendered(session, out, session.recorder().toSequence());
    }

    static List<String> trackNames(Sequence s) {
        List<String> names = new ArrayList<>();
        for (Track track : s.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                MidiEvent e = track.get(i);
                if (e.getMessage() instanceof MetaMessage meta && meta.getType() == 0x03) names.add(new String(meta.getData()));
            }
        }
        return names;
    }

    static int noteOns(Sequence s, String trackName) {
        for (Track track : s.getTracks()) {
            boolean named = false;
            int ons = 0;
            for (int i = 0; i < track.size(); i++) {
                if (track.get(i).getMessage() instanceof MetaMessage m && m.getType() == 0x03 && new String(m.getData()).equals(trackName)) named = true;
                if (track.get(i).getMessage() instanceof ShortMessage m && m.getCommand() == 0x90 && m.getData2() > 0) ons++;
            }
            if (named) return ons;
        }
        return 0;
    }

    /**
     * Every note-on has a note-off of its own (not only the final all-notes-off), and lands on the grid; the drums
     * (channel {@code drumsChannel}, −1 for none) play their micro-timing, so their onsets are checked in BandRenderIT.
     */
    static void checkClean(Rendered r) {
        checkClean(r, -1);
    }

    static void checkClean(Rendered r, int drumsChannel) {
        Timeline stopped = r.session().timeline();
        Timeline timeline = new Timeline(stopped.anchorNanos(), stopped.anchorStep(), stopped.nanosPerStep(), stopped.meter(), true);
        int[] open = new int[16 * 128];
        for (RecordingOutput.Sent s : r.out().sent) {
            int slot = s.channel() * 128 + s.data1();
            if (s.isNoteOn()) {
                open[slot]++;
                if (s.channel() == drumsChannel) continue;
                double step = timeline.stepAt(s.nanos());
                assertThat(Math.abs(step - Math.rint(step))).as("onset on the 16th grid").isLessThan(1e-6);
            } else if (s.isNoteOff()) {
                open[slot]--;
            }
        }
        for (int slot = 0; slot < open.length; slot++) assertThat(open[slot]).as("note %d:%d", slot / 128, slot % 128).isZero();
        assertThat(r.session().metrics().coveredBars.get()).isZero();
        assertThat(r.session().metrics().processorErrors.get()).isZero();
        assertThat(r.session().metrics().deadlineMisses.get()).isZero();
    }

    static int tail(Preset p) {
        return switch (p.style().mode()) {
            case "looper" -> p.style().loopBars();
            case "restyle" -> 2;
            default -> 1;
        };
    }

    @ParameterizedTest(name = "{0} (stand-in melody model)")
    @MethodSource("factoryPresets")
    void everyFactoryPresetRendersTheDemoCleanly(String name) throws Exception {
        Preset preset = library().find(name);
        Rendered r = render(preset, new TokenCodec(), tail(preset));
        var drums = preset.style().band().drums();
        checkClean(r, drums == null ? -1 : drums.channel());
        List<String> tracks = trackNames(r.sequence());
        assertThat(tracks).contains("input");
        String mode = preset.style().mode();
        if (!mode.equals("echo")) {
            assertThat(tracks).contains("accompaniment");
            assertThat(noteOns(r.sequence(), "accompaniment")).as("accompaniment notes").isGreaterThan(20);
        }
        if (!mode.equals("accompany")) {
            assertThat(tracks).contains("melody");
            assertThat(noteOns(r.sequence(), "melody")).as("melody notes").isGreaterThan(4);
        }
    }

    @ParameterizedTest(name = "{0} (shipped melody model)")
    @MethodSource("factoryPresets")
    void modelPresetsRenderOnTheShippedModel(String name) throws Exception {
        Preset preset = library().find(name);
        Assumptions.assumeTrue(Modes.needsMelodyModel(preset.style().mode()), name + " does not decode melodies");
        Path bundle = ModelStore.bundleDir("melody");
        Assumptions.assumeTrue(Files.isRegularFile(bundle.resolve("manifest.json")),
                "skipped: the melody model is not installed at " + bundle + " (it ships in presets/models/melody)");
        try (MelodyModel model = ModelStore.openMelody(null, MelodyModel.Device.CPU)) {
            Rendered r = render(preset, model, tail(preset));
            checkClean(r);
            assertThat(trackNames(r.sequence())).contains("input", "melody", "accompaniment");
            assertThat(noteOns(r.sequence(), "melody")).isGreaterThan(4);
        }
    }

    @Test
    void switchingModesMidRunLeavesNothingHangingAndMissesNoBar() throws Exception {
        PresetLibrary library = library();
        Preset ballad = library.find("ballad");
        Preset swing = library.find("restyle-swing");
        Preset loop = library.find("looper-morph");
        Preset bossa = library.find("bossa-nova");
        Band band = Band.builder().melody(new TokenCodec()).build();
        for (Preset p : List.of(ballad, swing, loop, bossa)) band.prepare(p.style());
        RecordingOutput out = new RecordingOutput();
        PerformanceInput once = demo(ballad);
        double length = Math.ceil(once.endStep() / 16) * 16;
        List<PerformanceInput.Message> messages = new ArrayList<>(once.messages());
        for (PerformanceInput.Message m : once.messages()) messages.add(new PerformanceInput.Message(m.step() + length, m.status(), m.data1(), m.data2()));
        PerformanceInput performance = new PerformanceInput(once.meter(), once.initialBpm(), messages, List.of());
        EngineConfig config = EngineConfig.defaults().withBpm(150).withMeter(performance.meter())
                .withControls(ControlSnapshot.DEFAULT);
        VirtualSession session = new VirtualSession(config, Modes.create("echo"), List.of(out));
        // switch a little before bar lines (as a performer would) and in the middle of bars
        Object[][] plan = {{30.0, ballad}, {70.0, swing}, {115.5, loop}, {250.0, bossa}, {300.0, swing}};
        for (Object[] step : plan) {
            Preset p = (Preset) step[1];
            session.at((Double) step[0], () -> {
                session.setControls(p.applyTo(session.controls()));
                session.setProcessor(Modes.create(p.style().mode(), band));
            });
        }
        session.play(performance.atTempo(150), 4);
        Rendered r = new Rendered(session, out, session.recorder().toSequence());
        checkClean(r);
        assertThat(trackNames(r.sequence())).contains("input", "melody", "accompaniment");
        assertThat(session.metrics().barsGenerated.get()).isGreaterThan(2 * (long) (length / 16));
    }
}
