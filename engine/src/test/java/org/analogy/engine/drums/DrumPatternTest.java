package org.analogy.engine.drums;

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
    void generalMidiPercussionFoldsIntoTheNineDrums() {
        for (DrumVoice v : DrumVoice.values()) assertThat(DrumVoice.ofGeneralMidi(v.generalMidiNote())).isEqualTo(v);
        assertThat(DrumVoice.ofGeneralMidi(44)).isEqualTo(DrumVoice.CLOSED_HAT);
        assertThat(DrumVoice.ofGeneralMidi(56)).isNull();   // cowbell
        assertThat(DrumVoice.ofGeneralMidi(200)).isNull();
    }
}
