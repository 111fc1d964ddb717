package org.analogy.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.analogy.engine.accompaniment.AccompanimentCodec;
import org.analogy.engine.accompaniment.Accompanist;
import org.analogy.engine.accompaniment.LatentAccompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.model.ModelStore;
import org.analogy.engine.model.TokenCodec;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.BarProcessor;
import org.analogy.engine.process.Modes;
import org.analogy.engine.repr.GridNote;
import org.analogy.engine.schedule.RecordingOutput;
import org.analogy.engine.style.Preset;
import org.analogy.engine.transform.AttributeOffsets;

/**
 * The accompany, restyle and looper presets with their accompaniment on the learned path: on a transparent
 * stand-in accompaniment model always (chords and texture pass through the latents, so every transform
 * runs), and on the installed accompaniment bundle when there is one. Clean output as for the pattern
 * accompanist; a failing model call is covered like any processor failure.
 */
class LearnedAccompanimentRenderIT {

    /**
     * z_chord: per beat the chord's root and pitch-class mask; z_texture: per step the onset count. Decoding
     * plays, at each step whose (interpolated) onset count rounds above 0, the root and third of that beat's chord.
     */
    static class StandInCodec implements AccompanimentCodec {
        int decodes;

        public int chordLatentSize() { return 16; }

        public int textureLatentSize() { return 32; }

        public float[] encodeChord(Chord[] chords) {
            float[] z = new float[16];
            for (int beat = 0; beat < 8; beat++) {
                Chord c = chords[beat * 4];
                z[2 * beat] = c.isNone() ? -1 : c.root();
                z[2 * beat + 1] = c.isNone() ? 0 : c.pitchClassMask();
            }
            return z;
        }

        public float[] encodeTexture(int[][] roll) {
            float[] z = new float[32];
            for (int s = 0; s < 32; s++) for (int d : roll[s]) if (d > 0) z[s]++;
            return z;
        }

        public List<GridNote> decode(float[] zc, float[] zt) throws Exception {
            decodes++;
            List<GridNote> out = new ArrayList<>();
            for (int s = 0; s < 32; s++) {
                if (Math.round(zt[s]) <= 0) continue;
                int root = Math.round(zc[2 * (s / 4)]);
                if (root < 0) continue;
                root = Math.floorMod(root, 12);
                out.add(new GridNote(48 + root, 80, s, 2));
                int mask = Math.round(zc[2 * (s / 4) + 1]);
                int third = (mask >> ((root + 3) % 12) & 1) == 1 ? 3 : 4;
                out.add(new GridNote(48 + root + third, 80, s, 2));
            }
            return out;
        }
    }

    static PresetRenderIT.Rendered render(Preset preset, Supplier<Accompanist> accompanists) throws Exception {
        Band band = Band.builder().melody(new TokenCodec()).accompaniment(accompanists).build();
        band.prepare(preset.style());
        BarProcessor processor = Modes.create(preset.style().mode(), band);
        RecordingOutput out = new RecordingOutput();
        PerformanceInput performance = PresetRenderIT.demo(preset);
        EngineConfig config = EngineConfig.defaults().withBpm(performance.initialBpm()).withMeter(performance.meter())
                .withControls(preset.applyTo(ControlSnapshot.DEFAULT));
        VirtualSession session = new VirtualSession(config, processor, List.of(out));
        session.play(performance, PresetRenderIT.tail(preset));
        return new PresetRenderIT.Rendered(session, out, session.recorder().toSequence());
    }

    static java.util.stream.Stream<String> accompaniedPresets() throws Exception {
        return PresetRenderIT.factoryPresets().filter(n -> {
            try {
                return !PresetRenderIT.library().find(n).style().mode().equals("echo");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @ParameterizedTest(name = "{0} (stand-in accompaniment model)")
    @MethodSource("accompaniedPresets")
    void everyAccompaniedPresetRendersCleanlyOnTheLearnedPath(String name) throws Exception {
        Preset preset = PresetRenderIT.library().find(name);
        StandInCodec codec = new StandInCodec();
        PresetRenderIT.Rendered r = render(preset, () -> new LatentAccompanist(codec, AttributeOffsets.NONE));
        PresetRenderIT.checkClean(r, drumsChannel(preset));
        assertThat(codec.decodes).as("every accompanied bar decoded by the model").isGreaterThan(8);
        assertThat(PresetRenderIT.noteOns(r.sequence(), "accompaniment")).as("accompaniment notes").isGreaterThan(0);
    }

    @ParameterizedTest(name = "{0} (installed accompaniment model)")
    @MethodSource("accompaniedPresets")
    void accompaniedPresetsRenderOnTheInstalledModel(String name) throws Exception {
        Path bundle = ModelStore.bundleDir("accompaniment");
        Assumptions.assumeTrue(Files.isRegularFile(bundle.resolve("manifest.json")),
                "skipped: the accompaniment model is not installed at " + bundle + " (it ships in presets/models/accompaniment)");
        try (Band models = Band.load(Band.Sources.SHIPPED.withoutMelody().withAccompaniment(bundle), Band.OnBrokenBundle.FAIL)) {
            Preset preset = PresetRenderIT.library().find(name);
            PresetRenderIT.Rendered r = render(preset, models.accompanists());
            PresetRenderIT.checkClean(r, drumsChannel(preset));
            assertThat(PresetRenderIT.noteOns(r.sequence(), "accompaniment")).as("accompaniment notes").isGreaterThan(0);
        }
    }

    /** The drums play their micro-timing off the grid (checked in BandRenderIT); −1 for a preset without drums. */
    static int drumsChannel(Preset preset) {
        var drums = preset.style().band().drums();
        return drums == null ? -1 : drums.channel();
    }

    @Test
    void aFailingModelCallIsCoveredByTheBarBeforeAndNothingHangs() throws Exception {
        Preset preset = PresetRenderIT.library().find("ballad");
        StandInCodec failing = new StandInCodec() {
            @Override
            public List<GridNote> decode(float[] zc, float[] zt) throws Exception {
                if (decodes == 4) {
                    decodes++;
                    throw new IllegalStateException("ONNX Runtime: session failed");
                }
                return super.decode(zc, zt);
            }
        };
        PresetRenderIT.Rendered r = render(preset, () -> new LatentAccompanist(failing, AttributeOffsets.NONE));
        assertThat(r.session().metrics().processorErrors.get()).isEqualTo(1);
        assertThat(r.session().metrics().coveredBars.get()).isEqualTo(1);
        int[] open = new int[16 * 128];
        for (RecordingOutput.Sent s : r.out().sent) {
            if (s.isNoteOn()) open[s.channel() * 128 + s.data1()]++;
            else if (s.isNoteOff()) open[s.channel() * 128 + s.data1()]--;
        }
        for (int v : open) assertThat(v).isZero();
    }
}
