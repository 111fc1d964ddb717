package org.analogy.engine.chords;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.Windows;
import org.analogy.engine.midi.MidiFileBuilder;
import org.analogy.engine.repr.GridNote;

class ChordSourcesTest {

    static Chord sym(String s) {
        return Chord.parseSymbol(s);
    }

    @Test
    void aChartFollowsTheBarPositionAndRepeats() {
        ChartChords chart = ChartChords.parse("C G | Am F");
        BarWindow w = new Windows(5, 2).build();
        Chord[] bar5 = chart.chords(w, 5, 1); // bar 5 = the chart's second bar again
        assertThat(bar5[0]).isEqualTo(sym("Am"));
        assertThat(bar5[8]).isEqualTo(sym("F"));
        assertThat(chart.chords(w, 4, 2)).hasSize(32).startsWith(sym("C")).endsWith(sym("F"));
    }

    @Test
    void theLeftHandCountsFromTheNearestBeatAndHoldsIntoBarsToCome() {
        SplitKeyboardChords keys = new SplitKeyboardChords(60, false);
        // bar 2: C major (C3 E3 G3) on the downbeat; bar 3: A minor struck a 16th before beat 3 (step 7 → beat at 8)
        BarWindow w = new Windows(4, 4)
                .note(48, 32, 4).note(52, 32, 4).note(55, 32, 4)
                .note(45, 55, 4).note(48, 55, 4).note(52, 55, 4)
                .note(72, 33, 2) // melody, above the split
                .build();
        Chord[] bar3 = keys.chords(w, 3, 1);
        assertThat(bar3[0]).isEqualTo(sym("C"));
        assertThat(bar3[7]).isEqualTo(sym("C"));
        assertThat(bar3[8]).isEqualTo(sym("Am"));
        assertThat(keys.chords(w, 4, 2)).containsOnly(sym("Am")); // held after the hand lifts
        assertThat(keys.chords(w, 0, 1)).containsOnly(Chord.NONE);  // before anything was played
        assertThat(keys.isMelody(72)).isTrue();
        assertThat(keys.isMelody(55)).isFalse();
    }

    @Test
    void inversionsAndSeventhsAreReadAsFingered() {
        SplitKeyboardChords keys = new SplitKeyboardChords(60, false);
        BarWindow w = new Windows(2, 2).note(43, 16, 8).note(47, 16, 8).note(50, 16, 8).note(53, 16, 8).build(); // G B D F
        assertThat(keys.chords(w, 2, 1)[0]).isEqualTo(sym("G7"));
        BarWindow inv = new Windows(2, 2).note(40, 16, 8).note(43, 16, 8).note(48, 16, 8).build(); // E G C
        assertThat(keys.chords(inv, 2, 1)[0]).isEqualTo(sym("C/E"));
    }

    @Test
    void predictionRepeatsTheLastHeardChordForBarsToCome() {
        PredictedChords predicted = new PredictedChords(new RepeatChordPredictor());
        BarWindow w = new Windows(4, 4)
                .note(57, 32, 16).note(60, 32, 16).note(64, 32, 16)  // bar 2: A minor
                .note(62, 48, 16).note(65, 48, 16).note(69, 48, 16)  // bar 3: D minor
                .build();
        assertThat(predicted.chords(w, 2, 1)).containsOnly(sym("Am"));
        assertThat(predicted.chords(w, 4, 2)).containsOnly(sym("Dm"));
        assertThat(predicted.describe()).contains("repeat the current chord");
    }

    @Test
    void theRepeatPredictorFallsBackToTheWindowsHarmony() {
        Chord c = new RepeatChordPredictor().predictNext(List.of(Chord.NONE, Chord.NONE),
                List.of(new GridNote(60, 80, 0, 8), new GridNote(64, 80, 8, 8), new GridNote(67, 80, 16, 8)), 16);
        assertThat(c).isEqualTo(sym("C"));
    }

    @Test
    void aChordTrackInAFileBecomesAChart(@TempDir Path dir) throws Exception {
        MidiFileBuilder f = new MidiFileBuilder(480).tempo(0, 120).meter(0, 4).endAt(4 * 1920);
        var melody = f.track("melody");
        melody.note(0, 76, 90, 0, 480);
        var chords = f.track("chords");
        int[][] bars = {{48, 52, 55}, {43, 47, 50, 53}, {45, 48, 52}, {41, 45, 48}};
        for (int b = 0; b < 4; b++) for (int p : bars[b]) chords.note(0, p, 70, b * 1920L, (b + 1) * 1920L - 10);
        Path file = dir.resolve("song.mid");
        java.nio.file.Files.write(file, f.toBytes());
        ChartChords chart = ChartChords.fromFile(file);
        assertThat(chart.chart().bars()).isEqualTo(4);
        BarWindow w = new Windows(0, 2).build();
        assertThat(Arrays.asList(chart.chords(w, 0, 4)).stream().distinct().toList())
                .containsExactly(sym("C"), sym("G7"), sym("Am"), sym("F"));
    }
}
