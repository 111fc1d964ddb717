package org.analogy.engine.drums;

import org.analogy.engine.midi.FileNote;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DrumPatternTest {

    @Test
    void hitsBecomeGeneralMidiNotesOnChannelTenWithMicroTimingInsideTheirStep() {
        DrumPattern p = new DrumPattern()
                .set(0, DrumVoice.KICK, 1f, -0.2f)          // early on the first step: clamped to 0 s
                .set(4, DrumVoice.SNARE, 0.5f, 0.25f)       // a quarter step late
                .set(4, DrumVoice.CLOSED_HAT, 0.0f, -0.1f); // silent velocity still sounds (velocity 1)
        List<DrumPattern.Hit> hits = p.toHits(DrumPattern.stepSeconds(120));   // 0.125 s a step
        assertThat(hits).hasSize(3);
        assertThat(hits.get(0).note()).isEqualTo(36);
        assertThat(hits.get(0).seconds()).isZero();
        assertThat(hits.get(0).velocity()).isEqualTo(127);
        assertThat(hits.get(1).note()).isEqualTo(42);
        assertThat(hits.get(1).seconds()).isCloseTo(3.9 * 0.125, within(1e-6));
        assertThat(hits.get(1).velocity()).isEqualTo(1);
        assertThat(hits.get(2).note()).isEqualTo(38);
        assertThat(hits.get(2).seconds()).isCloseTo(4.25 * 0.125, within(1e-6));
        assertThat(hits.get(2).velocity()).isEqualTo(64);
        assertThat(hits).allSatisfy(h -> assertThat(h.channel()).isEqualTo(9));
    }

    @Test
    void featuresRoundTripAndKeepTheModelsLayout() {
        DrumPattern p = new DrumPattern().set(31, DrumVoice.RIDE, 0.75f, 0.5f).set(3, DrumVoice.OPEN_HAT, 0.25f, -0.5f);
        float[] f = p.features();
        assertThat(f).hasSize(DrumPattern.STEPS * DrumPattern.FEATURES);
        int row = 31 * DrumPattern.FEATURES;
        assertThat(f[row + DrumVoice.RIDE.ordinal()]).isEqualTo(1f);
        assertThat(f[row + 9 + DrumVoice.RIDE.ordinal()]).isEqualTo(0.75f);
        assertThat(f[row + 18 + DrumVoice.RIDE.ordinal()]).isEqualTo(0.5f);
        assertThat(DrumPattern.ofFeatures(f, 0)).isEqualTo(p);
    }

    @Test
    void decoderOutputsAreThresholdedAndSquashed() {
        float[] out = new float[DrumPattern.STEPS * DrumPattern.FEATURES];
        out[DrumVoice.KICK.ordinal()] = 2f;                 // hit
        out[9 + DrumVoice.KICK.ordinal()] = 0f;             // velocity sigmoid(0) = 0.5
        out[18 + DrumVoice.KICK.ordinal()] = 100f;          // offset tanh → 0.5
        out[DrumVoice.SNARE.ordinal()] = -1f;               // no hit at threshold 0
        DrumPattern p = DrumPattern.ofDecoderOutputs(out, 0, 0f);
        assertThat(p.hitCount()).isEqualTo(1);
        assertThat(p.velocity(0, DrumVoice.KICK)).isCloseTo(0.5f, within(1e-6f));
        assertThat(p.offset(0, DrumVoice.KICK)).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void outOfRangeValuesAreClampedAndBadTemposRefused() {
        DrumPattern p = new DrumPattern().set(0, DrumVoice.CRASH, 3f, Float.NaN);
        assertThat(p.velocity(0, DrumVoice.CRASH)).isEqualTo(1f);
        assertThat(p.offset(0, DrumVoice.CRASH)).isZero();
        assertThatThrownBy(() -> p.set(32, DrumVoice.KICK, 1f, 0f)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> DrumPattern.stepSeconds(0)).hasMessageContaining("tempo 0.0 BPM");
        assertThatThrownBy(() -> p.toHits(Double.NaN)).hasMessageContaining("step length");
    }

    @Test
    void aGeneralMidiClipIsReadOntoTheGridWithItsMicroTiming() {
        int step = 120;   // 480 ticks per quarter
        List<FileNote> clip = List.of(
                new FileNote(9, 1920 - 30, 1920 + 10, 36, 127),      // a kick 30 ticks before the window: its step 0, early
                new FileNote(9, 1920 + 4 * step + 12, 1920 + 4 * step + 50, 40, 64),   // electric snare, late
                new FileNote(9, 1920 + 4 * step, 1920 + 4 * step + 50, 38, 32),        // a quieter snare on the same step
                new FileNote(9, 1920 + 5 * step, 1920 + 5 * step + 50, 56, 100),       // cowbell: not one of the nine
                new FileNote(9, 1920 + 32 * step - 40, 1920 + 32 * step, 42, 90));     // rounds to step 32: next window
        DrumPattern p = DrumPattern.ofOnsets(clip, 1920, step, DrumVoice::ofGeneralMidi);
        assertThat(p.hitCount()).isEqualTo(2);
        assertThat(p.offset(0, DrumVoice.KICK)).isCloseTo(-0.25f, within(1e-6f));
        assertThat(p.velocity(4, DrumVoice.SNARE)).isCloseTo(64 / 127f, within(1e-6f));
        assertThat(p.offset(4, DrumVoice.SNARE)).isCloseTo(0.1f, within(1e-6f));
    }

    @Test
    void generalMidiPercussionFoldsIntoTheNineDrums() {
        for (DrumVoice v : DrumVoice.values()) assertThat(DrumVoice.ofGeneralMidi(v.generalMidiNote())).isEqualTo(v);
        assertThat(DrumVoice.ofGeneralMidi(44)).isEqualTo(DrumVoice.CLOSED_HAT);
        assertThat(DrumVoice.ofGeneralMidi(56)).isNull();   // cowbell
        assertThat(DrumVoice.ofGeneralMidi(200)).isNull();
    }
}
