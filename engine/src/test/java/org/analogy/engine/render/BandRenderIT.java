package org.analogy.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.analogy.engine.band.Band;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.Modes;
import org.analogy.engine.process.NoteSink;
import org.analogy.engine.process.Part;
import org.analogy.engine.schedule.RecordingOutput;
import org.analogy.engine.style.OutputSettings;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.time.Timeline;

/**
 * The six factory band presets over the demo melody, through the real pipeline in virtual time, on the installed
 * bundles (the groove model ships in presets/models/drums; without it the drums play their clips as written):
 * each writes tracks input, accompaniment, bass and drums; no part's notes leave its register; no note hangs;
 * every onset sounds within 1 ms of the time its part wrote for it (drum micro-timing included); and the six
 * sound clearly different (drum onset patterns and densities, bass onsets).
 */
class BandRenderIT {

    static final List<String> BANDS = List.of("band-pop", "band-rock", "band-funk", "band-bossa", "band-ballad", "band-reggae");
    static Band band;

    @BeforeAll
    static void load() throws Exception {
        band = Band.load(Band.Sources.SHIPPED.withoutMelody(), Band.OnBrokenBundle.FAIL);
    }

    @AfterAll
    static void close() {
        if (band != null) band.close();
    }

    /** A note a part wrote: where it was meant to sound. */
    record Intended(Part part, int channel, int pitch, double step) {}

    /** The mode with the band, recording what every part writes before it reaches the scheduler. */
    static final class Witness implements BarProcessor {
        final BarProcessor inner;
        final List<Intended> written = new ArrayList<>();

        Witness(BarProcessor inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void process(BarWindow window, ControlSnapshot controls, NoteSink out) throws Exception {
            inner.process(window, controls, new NoteSink() {
                @Override
                public void note(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps) {
                    written.add(new Intended(part, channel, pitch, startStep));
                    out.note(part, channel, pitch, velocity, startStep, durationSteps);
                }

                @Override
                public void control(Part part, int channel, int controller, int value, double atStep) {
                    out.control(part, channel, controller, value, atStep);
                }

                @Override
                public void chords(double fromStep, org.analogy.engine.chords.Chord[] perStep) {
                    out.chords(fromStep, perStep);
                }
            });
        }
    }

    record Result(Preset preset, PresetRenderIT.Rendered rendered, Witness witness, List<Intended> sounded) {}

    static Result render(String name) throws Exception {
        PresetLibrary library = PresetRenderIT.library();
        Preset preset = library.find(name);
        band.prepare(preset.style());
        Witness witness = new Witness(Modes.create(preset.style().mode(), band));
        RecordingOutput out = new RecordingOutput();
        PerformanceInput performance = PresetRenderIT.demo(preset);
        EngineConfig config = EngineConfig.defaults().withBpm(performance.initialBpm()).withMeter(performance.meter())
                .withControls(preset.applyTo(ControlSnapshot.DEFAULT));
        VirtualSession session = new VirtualSession(config, witness, List.of(out));
        session.play(performance, 1);
        PresetRenderIT.Rendered r = new PresetRenderIT.Rendered(session, out, session.recorder().toSequence());
        Timeline stopped = session.timeline();
        Timeline t = new Timeline(stopped.anchorNanos(), stopped.anchorStep(), stopped.nanosPerStep(), stopped.meter(), true);
        List<Intended> sounded = new ArrayList<>();
        for (RecordingOutput.Sent s : out.sent) if (s.isNoteOn()) sounded.add(new Intended(null, s.channel(), s.data1(), t.stepAt(s.nanos())));
        return new Result(preset, r, witness, sounded);
    }

    @Test
    void everyBandPresetPlaysFourTracksInRegisterOnTimeWithNothingHanging() throws Exception {
        Map<String, Set<Integer>> drumPatterns = new LinkedHashMap<>();
        Map<String, Double> drumDensity = new LinkedHashMap<>();
        Map<String, Set<Integer>> bassPatterns = new LinkedHashMap<>();
        Set<Integer> drumNotes = new HashSet<>();
        for (DrumVoice v : DrumVoice.values()) drumNotes.add(v.generalMidiNote());
        for (String name : BANDS) {
            Result res = render(name);
            var style = res.preset().style();
            int drumsChannel = style.band().drums().channel();
            PresetRenderIT.checkClean(res.rendered(), drumsChannel);
            assertThat(PresetRenderIT.trackNames(res.rendered().sequence())).as(name).contains("input", "accompaniment", "bass", "drums");
            int bars = (int) Math.ceil(res.rendered().session().timeline().stepAt(res.rendered().out().sent.get(res.rendered().out().sent.size() - 1).nanos()) / 16);

            // Registers: every note of a part inside the part's register (drums: the nine GM drums).
            OutputSettings acc = style.accompaniment();
            OutputSettings bass = style.band().bass().sound();
            for (Intended n : res.witness().written) {
                switch (n.part()) {
                    case ACCOMPANIMENT -> assertThat(n.pitch()).as(name + " accompaniment").isBetween(acc.low(), acc.high());
                    case BASS -> assertThat(n.pitch()).as(name + " bass").isBetween(bass.low(), bass.high());
                    case DRUMS -> assertThat(drumNotes).as(name + " drums").contains(n.pitch());
                    default -> { }
                }
            }
            // Timing: every onset sent is within 1 ms of a time its part wrote (same channel and key).
            double msPerStep = res.rendered().session().timeline().nanosPerStep() / 1e6;
            double worst = 0;
            for (Intended s : res.sounded()) {
                double best = Double.MAX_VALUE;
                for (Intended w : res.witness().written) {
                    if (w.channel() == s.channel() && w.pitch() == s.pitch()) best = Math.min(best, Math.abs(w.step() - s.step()) * msPerStep);
                }
                worst = Math.max(worst, best);
            }
            assertThat(worst).as(name + ": worst onset error in ms").isLessThan(1.0);

            Set<Integer> drums = new HashSet<>();
            int drumHits = 0;
            Set<Integer> bassOnsets = new HashSet<>();
            long offGrid = 0;
            for (Intended n : res.witness().written) {
                int step = (int) Math.floor(n.step() + 0.5);
                if (n.part() == Part.DRUMS) {
                    drums.add((step % 32) * 128 + n.pitch());
                    drumHits++;
                    if (Math.abs(n.step() - Math.rint(n.step())) > 1e-6) offGrid++;
                }
                if (n.part() == Part.BASS) bassOnsets.add(step % 16);
            }
            drumPatterns.put(name, drums);
            drumDensity.put(name, drumHits / (double) bars);
            bassPatterns.put(name, bassOnsets);
            System.out.printf("%-12s %2d bars: drums %5.1f hits/bar (%d of %d off the grid: micro-timing), bass onsets on steps %s, worst onset error %.3f ms%n",
                    name, bars, drumHits / (double) bars, offGrid, drumHits, new java.util.TreeSet<>(bassOnsets), worst);
            if (band.hasGrooveModel()) assertThat(offGrid).as(name + ": micro-timing is played").isPositive();
        }
        // Clearly different: every two presets' drum onset patterns (step in the 2-bar cycle × drum) overlap little.
        for (int i = 0; i < BANDS.size(); i++) {
            for (int j = i + 1; j < BANDS.size(); j++) {
                Set<Integer> a = drumPatterns.get(BANDS.get(i));
                Set<Integer> b = drumPatterns.get(BANDS.get(j));
                Set<Integer> both = new HashSet<>(a);
                both.retainAll(b);
                double f1 = 2.0 * both.size() / (a.size() + b.size());
                System.out.printf("drum onset-pattern F1 %s / %s: %.2f%n", BANDS.get(i), BANDS.get(j), f1);
                assertThat(f1).as(BANDS.get(i) + " against " + BANDS.get(j)).isLessThan(0.8);
            }
        }
        assertThat(new HashSet<>(drumDensity.values())).as("densities " + drumDensity).hasSizeGreaterThan(3);
    }

    @Test
    void theShippedGrooveAndBassModelsAreWhatTheDrumsAndBassPlay() {
        boolean installed = Files.isRegularFile(ModelStore.bundleDir("drums").resolve(ModelBundle.MANIFEST));
        assertThat(band.path(Band.Part.DRUMS).learned()).isEqualTo(installed);
        boolean bass = Files.isRegularFile(ModelStore.bundleDir("bass").resolve(ModelBundle.MANIFEST));
        assertThat(band.path(Band.Part.BASS).learned()).isEqualTo(bass);
        assertThat(band.path(Band.Part.BASS).line()).contains(bass ? "learned bass model" : "stand-in");
    }
}
