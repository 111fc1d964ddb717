package org.analogy.ui.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class MidiLearnTest {

    static final class Knob implements LearnTarget {
        final String id;
        final List<String> moves = new ArrayList<>();

        Knob(String id) {
            this.id = id;
        }

        @Override public String id() { return id; }

        @Override public String label() { return id; }

        @Override public void controller(int value) { moves.add("cc " + value); }

        @Override public void note(boolean down, int velocity) { moves.add((down ? "down " : "up ") + velocity); }
    }

    private final List<String> said = new ArrayList<>();
    private final MidiLearn learn = new MidiLearn(said::add);
    private final Knob tempo = new Knob("transport.tempo");
    private final Knob play = new Knob("transport.play");

    MidiLearnTest() {
        learn.register(tempo);
        learn.register(play);
    }

    @Test
    void armedControlTakesTheNextCcAndFollowsItFromThenOn() {
        learn.arm("transport.tempo");
        assertThat(learn.message(0xB2, 74, 10)).isTrue(); // channel 3, CC 74: learnt, not applied
        assertThat(tempo.moves).isEmpty();
        assertThat(learn.armed()).isNull();
        assertThat(learn.mappingOf("transport.tempo")).isEqualTo(new Mapping("transport.tempo", Mapping.Type.CC, 2, 74));
        assertThat(said).last().asString().contains("CC 74 ch 3");

        learn.message(0xB2, 74, 100);
        learn.message(0xB0, 74, 5);  // same CC on another channel: not mapped
        learn.message(0xB2, 75, 5);  // another CC: not mapped
        assertThat(tempo.moves).containsExactly("cc 100");
    }

    @Test
    void notesMapToo_andLearningAgainMovesTheMapping() {
        learn.arm("transport.play");
        learn.message(0x80, 60, 0); // a note-off cannot be learnt
        assertThat(learn.armed()).isEqualTo("transport.play");
        learn.message(0x99, 36, 100);
        learn.message(0x99, 36, 90);
        learn.message(0x89, 36, 0);
        assertThat(play.moves).containsExactly("down 90", "up 0");

        // The same pad learnt for tempo: it leaves play.
        learn.arm("transport.tempo");
        learn.message(0x99, 36, 100);
        assertThat(learn.mappingOf("transport.play")).isNull();
        assertThat(learn.mappings()).hasSize(1);
    }

    @Test
    void forgetAndCancel() {
        learn.arm("transport.tempo");
        learn.cancel();
        assertThat(learn.armed()).isNull();
        learn.message(0xB0, 1, 1);
        assertThat(learn.mappings()).isEmpty();
        learn.load(List.of(new Mapping("transport.tempo", Mapping.Type.CC, 0, 1)));
        learn.forget("transport.tempo");
        assertThat(learn.mappings()).isEmpty();
        assertThatThrownBy(() -> learn.arm("nope")).hasMessageContaining("nope");
    }

    @Test
    void badMappingsNameTheProblem() {
        assertThatThrownBy(() -> new Mapping("x", Mapping.Type.CC, 16, 1)).hasMessageContaining("channel 17");
        assertThatThrownBy(() -> new Mapping("x", Mapping.Type.NOTE, 0, 128)).hasMessageContaining("number 128");
        assertThat(new Mapping("x", Mapping.Type.NOTE, 9, 60).describe()).isEqualTo("note C4 ch 10");
    }
}
