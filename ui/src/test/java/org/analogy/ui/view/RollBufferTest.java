package org.analogy.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.analogy.ui.controls.PerformanceControls.Voice;

class RollBufferTest {

    @Test
    void pairsNotesPerVoiceAndChannel() {
        RollBuffer roll = new RollBuffer(100);
        roll.event(Voice.INPUT, 0, 0x90, 60, 100);
        roll.event(Voice.MELODY, 1, 0x90, 60, 90);
        roll.event(Voice.INPUT, 2, 0x90, 60, 0);   // note-on with velocity 0 ends it
        roll.event(Voice.INPUT, 3, 0xB0, 7, 100);  // a CC is no note
        assertThat(roll.size()).isEqualTo(2);
        RollBuffer.Span input = roll.all().get(0);
        assertThat(input.end()).isEqualTo(2);
        assertThat(roll.all().get(1).sounding()).isTrue();
        roll.event(Voice.MELODY, 5, 0xB0, 123, 0); // all notes off
        assertThat(roll.all().get(1).end()).isEqualTo(5);
        assertThat(roll.between(2.5, 10)).extracting(s -> s.voice).containsExactly(Voice.MELODY);
    }

    @Test
    void keepsOnlyTheNewestAndRestrikesEndThePrevious() {
        RollBuffer roll = new RollBuffer(3);
        for (int i = 0; i < 5; i++) roll.event(Voice.INPUT, i, 0x90, 40 + i, 80);
        assertThat(roll.all()).extracting(s -> s.pitch).containsExactly(42, 43, 44);
        roll.event(Voice.INPUT, 6, 0x90, 44, 80);
        assertThat(roll.all().get(1).end()).isEqualTo(6);
        roll.closeAll(9);
        assertThat(roll.all()).noneMatch(RollBuffer.Span::sounding);
    }
}
