package org.analogy.engine.clips;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.analogy.engine.midi.MidiFileBuilder;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFiles;

/**
 * The reference clips that presets take textures and rhythms from, written for Analogy (none is taken from
 * a dataset). This test is their source: it checks each file in {@code presets/clips/} against the notes
 * written here, and rewrites them with {@code -Danalogy.regenerateClips=true}.
 *
 * <p>Texture clips are two bars of piano accompaniment over C then F (I–IV), so the texture, not the
 * harmony, is what differs between them. Rhythm clips are two bars of a single line on C major scale notes;
 * what matters in them is where notes start and how long they last. Everything is on the 16th grid the
 * models use (four steps a beat), which is why swing and triplet feels are written the way a 16th grid can
 * hold them (3+1 long–short pairs; 3+3+2 groupings).
 */
class ReferenceClipsTest {

    static final Path DIR = Path.of("../presets/clips");
    static final int TICKS = 120; // per 16th at 480 PPQ
    static final int[] C = {48, 52, 55, 60, 64, 67, 72};
    static final int[] F = {41, 45, 48, 53, 57, 60, 65};

    /** A note list for one clip: step, length in steps, pitch, velocity. */
    static final class Clip {
        final String name;
        final double bpm;
        final List<int[]> notes = new ArrayList<>();

        Clip(String name, double bpm) {
            this.name = name;
            this.bpm = bpm;
        }

        Clip note(int step, int length, int pitch, int velocity) {
            notes.add(new int[] {step, length, pitch, velocity});
            return this;
        }

        /** The same bar pattern over C (bar 1) and F (bar 2): {@code pattern} uses chord-tone indices 0–6. */
        Clip overChords(int[][] pattern) {
            for (int bar = 0; bar < 2; bar++) {
                int[] chord = bar == 0 ? C : F;
                for (int[] p : pattern) note(bar * 16 + p[0], p[1], chord[p[2]], p[3]);
            }
            return this;
        }

        byte[] toMidi() throws Exception {
            MidiFileBuilder file = new MidiFileBuilder(480).title(name).tempo(0, bpm).meter(0, 4).endAt(32L * TICKS);
            MidiFileBuilder.TrackBuilder track = file.track(name);
            for (int[] n : notes) track.note(0, n[2], n[3], (long) n[0] * TICKS, (long) (n[0] + n[1]) * TICKS - 10);
            return file.toBytes();
        }
    }

    static Map<String, Clip> clips() {
        Map<String, Clip> all = new LinkedHashMap<>();
        // ---- accompaniment textures ----
        all.put("ballad-arpeggio", new Clip("ballad-arpeggio", 72).overChords(new int[][] {
                {0, 16, 0, 70}, {2, 2, 1, 55}, {4, 2, 2, 58}, {6, 2, 3, 60}, {8, 2, 4, 62}, {10, 2, 3, 56}, {12, 2, 2, 55}, {14, 2, 1, 52}}));
        all.put("alberti-bass", new Clip("alberti-bass", 110).overChords(new int[][] {
                {0, 2, 0, 72}, {2, 2, 2, 58}, {4, 2, 1, 62}, {6, 2, 2, 58}, {8, 2, 0, 68}, {10, 2, 2, 58}, {12, 2, 1, 62}, {14, 2, 2, 58}}));
        all.put("stride", new Clip("stride", 140).overChords(new int[][] {
                {0, 4, 0, 88}, {4, 3, 3, 70}, {4, 3, 4, 70}, {4, 3, 5, 70}, {8, 4, 2, 84}, {12, 3, 3, 70}, {12, 3, 4, 70}, {12, 3, 5, 70}}));
        all.put("oom-pah", new Clip("oom-pah", 120).overChords(new int[][] {
                {0, 3, 0, 86}, {4, 2, 4, 64}, {4, 2, 5, 64}, {8, 3, 2, 80}, {12, 2, 4, 64}, {12, 2, 5, 64}}));
        all.put("bossa-nova", new Clip("bossa-nova", 128).overChords(new int[][] {
                {0, 6, 0, 78}, {6, 2, 2, 66}, {8, 6, 2, 72}, {14, 2, 0, 66},
                {0, 3, 4, 60}, {0, 3, 5, 60}, {3, 3, 4, 56}, {3, 3, 5, 56}, {6, 4, 4, 62}, {6, 4, 5, 62}, {10, 3, 4, 56}, {10, 3, 5, 56}, {13, 3, 4, 58}, {13, 3, 5, 58}}));
        all.put("block-chords", new Clip("block-chords", 90).overChords(new int[][] {
                {0, 8, 0, 76}, {0, 8, 3, 70}, {0, 8, 4, 70}, {0, 8, 5, 70}, {8, 8, 2, 70}, {8, 8, 3, 66}, {8, 8, 4, 66}, {8, 8, 5, 66}}));
        all.put("broken-chord-pop", new Clip("broken-chord-pop", 100).overChords(new int[][] {
                {0, 2, 0, 76}, {2, 2, 2, 60}, {4, 2, 3, 64}, {6, 2, 2, 58}, {8, 2, 0, 72}, {10, 2, 2, 58}, {12, 2, 3, 62}, {14, 2, 4, 60}}));
        all.put("offbeat-skank", new Clip("offbeat-skank", 84).overChords(new int[][] {
                {0, 4, 0, 80}, {2, 1, 3, 66}, {2, 1, 4, 66}, {2, 1, 5, 66}, {6, 1, 3, 62}, {6, 1, 4, 62}, {6, 1, 5, 62},
                {8, 4, 2, 76}, {10, 1, 3, 66}, {10, 1, 4, 66}, {10, 1, 5, 66}, {14, 1, 3, 62}, {14, 1, 4, 62}, {14, 1, 5, 62}}));
        all.put("sixteenth-pulse", new Clip("sixteenth-pulse", 116));
        for (int bar = 0; bar < 2; bar++) {
            int[] chord = bar == 0 ? C : F;
            all.get("sixteenth-pulse").note(bar * 16, 16, chord[0], 72);
            for (int s = 0; s < 16; s++) {
                int v = s % 4 == 0 ? 66 : s % 2 == 0 ? 54 : 46;
                for (int i = 3; i <= 5; i++) all.get("sixteenth-pulse").note(bar * 16 + s, 1, chord[i], v);
            }
        }
        // ---- melody rhythms (scale notes; what counts is where notes start and how long they last) ----
        all.put("rhythm-straight-8ths", line("rhythm-straight-8ths", 110, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2));
        all.put("rhythm-dotted", line("rhythm-dotted", 100, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 6, 2));
        all.put("rhythm-syncopated", line("rhythm-syncopated", 104, 3, 3, 2, 2, 4, 2, 3, 3, 2, 4, 4));
        all.put("rhythm-swung", line("rhythm-swung", 120, 3, 1, 3, 1, 4, 3, 1, 3, 1, 3, 1, 4, 4));
        all.put("rhythm-tresillo", line("rhythm-tresillo", 96, 3, 3, 2, 3, 3, 2, 3, 3, 2, 3, 3, 2));
        all.put("rhythm-long-notes", line("rhythm-long-notes", 76, 8, 4, 4, 12, 4));
        all.put("rhythm-sixteenths", line("rhythm-sixteenths", 92, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 4, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 4));
        return all;
    }

    /** A scale line with the given note lengths (in 16ths), legato, two bars long. */
    static Clip line(String name, double bpm, int... lengths) {
        int[] scale = {60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62};
        Clip clip = new Clip(name, bpm);
        int step = 0;
        for (int i = 0; i < lengths.length; i++) {
            clip.note(step, lengths[i], scale[i % scale.length], step % 4 == 0 ? 92 : 76);
            step += lengths[i];
        }
        if (step != 32) throw new IllegalStateException(name + " is " + step + " steps, not two bars");
        return clip;
    }

    @Test
    void everyClipInPresetsIsTheOneWrittenHere() throws Exception {
        boolean regenerate = Boolean.getBoolean("analogy.regenerateClips");
        if (regenerate) Files.createDirectories(DIR);
        for (Clip clip : clips().values()) {
            Path file = DIR.resolve(clip.name + ".mid");
            byte[] expected = clip.toMidi();
            if (regenerate) Files.write(file, expected);
            assertThat(file).as(clip.name).exists();
            assertThat(Files.readAllBytes(file)).as(clip.name).isEqualTo(expected);
        }
    }

    @Test
    void everyClipIsTwoBarsOf44OnTheGrid() throws Exception {
        for (Clip clip : clips().values()) {
            MidiFileContent content = MidiFiles.parse(clip.toMidi(), clip.name);
            assertThat(content.meters()).singleElement().satisfies(m -> assertThat(m.numerator()).isEqualTo(4));
            assertThat(content.allNotes()).isNotEmpty().allSatisfy(n -> {
                assertThat(n.startTick() % TICKS).isZero();
                assertThat(n.endTick()).isLessThanOrEqualTo(32L * TICKS);
            });
        }
    }
}
