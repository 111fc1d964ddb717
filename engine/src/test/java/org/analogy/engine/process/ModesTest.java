package org.analogy.engine.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.accompaniment.PatternAccompanist;
import org.analogy.engine.band.Band;
import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.Windows;
import org.analogy.engine.chords.ChartChords;
import org.analogy.engine.chords.Chord;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.model.TokenCodec;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.style.Style;
import org.analogy.engine.transform.AttributeOffsets;
import org.analogy.engine.transform.Factor;
import org.analogy.engine.transform.FactorTransform;

/** The modes on a transparent stand-in model (see {@link TokenCodec}): what comes back, and when. */
class ModesTest {

    static final ReferenceClips CLIPS = new ReferenceClips(List.of(Path.of("../presets/clips")));
    final TokenCodec codec = new TokenCodec();
    final Band band = Band.builder().melody(codec).build();

    static ReferenceClip clip(String name) throws Exception {
        return CLIPS.load(name, null);
    }

    /** Quarter notes on C-major chord tones in bars [from, to), each bar starting an octave step higher. */
    static Windows quarters(Windows w, int from, int to, int base) {
        int[] tones = {60, 64, 67, 72};
        for (int bar = from; bar < to; bar++) {
            for (int q = 0; q < 4; q++) w.note(tones[q] + (bar % 2 == 0 ? 0 : 12) + base, bar * 16L + q * 4, 3);
        }
        return w;
    }

    static ControlSnapshot controls(Style style) {
        return ControlSnapshot.DEFAULT.withStyle(style);
    }

    @Test
    void restyleBringsTheLastTwoBarsBackOnAnotherRhythmReharmonised() throws Exception {
        ReferenceClip longNotes = clip("rhythm-long-notes"); // 8, 4, 4 | 12, 4
        Style style = Style.DEFAULT.withMode("restyle").withChords(ChartChords.parse("C C F F"))
                .withTransform(Factor.RHYTHM, FactorTransform.swap("rhythm-long-notes"), List.of(longNotes));
        RestyleProcessor restyle = new RestyleProcessor(band);
        BarWindow w = quarters(new Windows(2, 8), 0, 2, 0).build();
        CollectingSink bar2 = new CollectingSink();
        restyle.process(w, controls(style), bar2);
        // played pitches in order (60 64 67 72 72 76 79 84), on the clip's onsets, moved to F-major tones
        assertThat(bar2.onsets(Part.MELODY, 32)).containsExactly("0:60", "8:65", "12:65");
        assertThat(restyle.chordInUse()).isEqualTo(Chord.parseSymbol("F"));
        // live texture: the arpeggio just played, re-voiced to the new bar's F major
        assertThat(bar2.of(Part.ACCOMPANIMENT)).hasSize(4).allSatisfy(n -> assertThat(List.of(5, 9, 0)).contains(n.pitch() % 12));
        CollectingSink bar3 = new CollectingSink();
        restyle.process(quarters(new Windows(3, 8), 0, 2, 0).build(), controls(style), bar3);
        assertThat(bar3.onsets(Part.MELODY, 48)).containsExactly("0:72", "12:72");
        assertThat(codec.encodes).isEqualTo(2); // the pair, and the reference clip once
    }

    @Test
    void restyleIsSilentForAPairWithNoMelodyAndPlaysAccompanimentUnderIt() throws Exception {
        Style style = Style.DEFAULT.withMode("restyle").withChords(ChartChords.parse("G"))
                .withTransform(Factor.TEXTURE, FactorTransform.swap("block-chords"), List.of(clip("block-chords")));
        RestyleProcessor restyle = new RestyleProcessor(band);
        CollectingSink out = new CollectingSink();
        restyle.process(new Windows(4, 8).build(), controls(style), out);
        assertThat(out.of(Part.MELODY)).isEmpty();
        assertThat(out.of(Part.ACCOMPANIMENT)).isNotEmpty().allSatisfy(n -> assertThat(List.of(7, 11, 2)).contains(n.pitch() % 12));
    }

    @Test
    void theLooperRecordsThenLoopsDecodingEveryPassFromTheCurrentTransforms() throws Exception {
        Style style = Style.DEFAULT.withMode("looper").withChords(ChartChords.parse("C")).withLooper(4, false);
        LooperProcessor looper = new LooperProcessor(band);
        Windows played = quarters(new Windows(0, 8), 0, 0, 0);
        // nothing played yet: waiting
        looper.process(new Windows(1, 8).build(), controls(style), new CollectingSink());
        assertThat(looper.phase()).isEqualTo(LooperProcessor.Phase.WAITING);
        CollectingSink[] out = new CollectingSink[13];
        for (int target = 2; target <= 12; target++) {
            out[target] = new CollectingSink();
            Windows w = quarters(new Windows(target, 8), 1, Math.min(target, 5), 0);
            Style now = target >= 9 ? style.withTransform(Factor.RHYTHM, FactorTransform.swap("rhythm-sixteenths"),
                    List.of(clip("rhythm-sixteenths"))) : style;
            looper.process(w.build(), controls(now), out[target]);
            if (target == 5) assertThat(looper.phase()).isEqualTo(LooperProcessor.Phase.LOOPING);
        }
        assertThat(out[3].of(Part.MELODY)).isEmpty(); // still recording bars 1–4
        // the loop (bars 1–4) plays back from bar 5, bar for bar, as played (live transforms, chord tones kept)
        for (int i = 0; i < 4; i++) {
            List<String> expected = new java.util.ArrayList<>();
            int[] tones = {60, 64, 67, 72};
            for (int q = 0; q < 4; q++) expected.add(q * 4 + ":" + (tones[q] + ((1 + i) % 2 == 0 ? 0 : 12)));
            assertThat(out[5 + i].onsets(Part.MELODY, (5 + i) * 16)).as("loop bar %d", i).isEqualTo(expected);
        }
        // from bar 9 the rhythm control moved: the same loop comes back on the sixteenths reference
        assertThat(out[9].of(Part.MELODY).size()).isGreaterThan(out[5].of(Part.MELODY).size());
        assertThat(out[10].onsets(Part.MELODY, 160)).isNotEqualTo(out[6].onsets(Part.MELODY, 96));
        assertThat(played.build().isEmpty()).isTrue();
    }

    @Test
    void overdubReplacesTheBarPlayedOver() throws Exception {
        Style style = Style.DEFAULT.withMode("looper").withChords(ChartChords.parse("C")).withLooper(2, true);
        LooperProcessor looper = new LooperProcessor(band);
        for (int target = 1; target <= 3; target++) {
            looper.process(quarters(new Windows(target, 8), 0, Math.min(target, 2), 0).build(), controls(style), new CollectingSink());
        }
        assertThat(looper.phase()).isEqualTo(LooperProcessor.Phase.LOOPING);
        // bar 4 is loop bar 0: the performer plays a new line over it (C-major tones an octave up)
        Windows w = quarters(new Windows(5, 8), 0, 2, 0);
        int[] line = {84, 79, 76, 72};
        for (int q = 0; q < 4; q++) w.note(line[q], 64 + q * 4L, 3);
        looper.process(w.build(), controls(style), new CollectingSink());
        CollectingSink bar6 = new CollectingSink();
        looper.process(quarters(new Windows(6, 8), 0, 2, 0).build(), controls(style), bar6);
        assertThat(bar6.onsets(Part.MELODY, 96)).containsExactly("0:84", "4:79", "8:76", "12:72");
    }

    @Test
    void accompanyDecidesTheNextBarsChordAtTheTriggerAndWritesItsProgramOnce() throws Exception {
        Style style = Style.DEFAULT.withMode("accompany").withChords(ChartChords.parse("C G Am F"))
                .withTransform(Factor.TEXTURE, FactorTransform.swap("oom-pah"), List.of(clip("oom-pah")))
                .withOutputs(new org.analogy.engine.style.OutputSettings(32, 1.0, 28, 60), org.analogy.engine.style.OutputSettings.ACCOMPANIMENT);
        style = style.withOutputs(style.melody(), new org.analogy.engine.style.OutputSettings(58, 0.9, 28, 60));
        AccompanyProcessor accompany = new AccompanyProcessor(Band.standIns());
        CollectingSink bar2 = new CollectingSink();
        accompany.process(new Windows(2, 8).build(), controls(style), bar2);
        assertThat(accompany.chordInUse()).isEqualTo(Chord.parseSymbol("Am"));
        assertThat(bar2.of(Part.ACCOMPANIMENT)).isNotEmpty().allSatisfy(n -> {
            assertThat(List.of(9, 0, 4)).contains(n.pitch() % 12);
            assertThat(n.pitch()).isBetween(28, 60);
            assertThat(n.channel()).isEqualTo(1);
        });
        assertThat(bar2.programs).singleElement().satisfies(p -> assertThat(p[2]).isEqualTo(58));
        CollectingSink bar3 = new CollectingSink();
        accompany.process(new Windows(3, 8).build(), controls(style), bar3);
        assertThat(bar3.programs).isEmpty();
        assertThat(accompany.chordInUse()).isEqualTo(Chord.parseSymbol("F"));
    }

    @Test
    void modesThatDecodeMelodiesSayWhatTheyNeed() {
        assertThatThrownBy(() -> Modes.create("restyle")).hasMessageContaining("mode restyle needs the melody model");
        assertThatThrownBy(() -> Modes.create("looper")).hasMessageContaining("mode looper needs the melody model");
        assertThat(Modes.create("accompany").name()).isEqualTo("accompany");
        assertThatThrownBy(() -> Modes.create("karaoke")).hasMessageContaining("available: echo, accompany, restyle, looper");
    }
}
