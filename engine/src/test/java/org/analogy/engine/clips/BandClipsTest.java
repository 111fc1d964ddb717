package org.analogy.engine.clips;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.analogy.engine.drums.DrumPattern;
import org.analogy.engine.drums.DrumVoice;
import org.analogy.engine.midi.MidiFileBuilder;
import org.analogy.engine.midi.MidiFileContent;
import org.analogy.engine.midi.MidiFiles;
import org.analogy.engine.style.ReferenceClip;
import org.analogy.engine.style.ReferenceClips;

/**
 * The band presets' drum and bass clips, written for Analogy (none is taken from a dataset or a record). This test
 * is their source, as {@link ReferenceClipsTest} is for the piano clips: it checks each file in
 * {@code presets/clips/} against the hits written here, and rewrites them with {@code -Danalogy.regenerateClips=true}.
 *
 * <p>Drum clips are two bars of General MIDI drums on channel 10, each hit with its velocity and its micro-timing
 * in ticks from the 16th grid (480 ticks a quarter, 120 a 16th; positive is late), because a groove is as much
 * where a hit lands against the grid as which drum it is. Fill clips are a bar of groove and then the fill, so
 * the fill's second bar is what the drums play in a fill bar. Bass clips are two bars over C then F (I–IV), like
 * the piano textures, for a learned bass model to take a part's style from.
 */
class BandClipsTest {

    static final Path DIR = ReferenceClipsTest.DIR;
    static final int TICKS = ReferenceClipsTest.TICKS;
    static final int KICK = 36;
    static final int SNARE = 38;
    static final int RIM = 37;
    static final int HAT = 42;
    static final int PEDAL_HAT = 44;
    static final int OPEN_HAT = 46;
    static final int LOW_TOM = 43;
    static final int MID_TOM = 47;
    static final int HIGH_TOM = 50;
    static final int CRASH = 49;
    static final int RIDE = 51;

    /** A clip: hits (step, note, velocity, micro-timing in ticks) on channel 10, or bass notes on channel 2. */
    static final class Clip {
        final String name;
        final double bpm;
        final int channel;
        final List<int[]> notes = new ArrayList<>();

        Clip(String name, double bpm, int channel) {
            this.name = name;
            this.bpm = bpm;
            this.channel = channel;
        }

        /** The same hit in both bars. */
        Clip both(int step, int note, int velocity, int lateTicks) {
            return hit(step, note, velocity, lateTicks).hit(16 + step, note, velocity, lateTicks);
        }

        Clip hit(int step, int note, int velocity, int lateTicks) {
            notes.add(new int[] {step, note, velocity, lateTicks, 1});
            return this;
        }

        /** Hits every {@code every} steps in both bars, accented on the beat, each {@code late} ticks off the grid. */
        Clip pulse(int note, int every, int accent, int soft, int late) {
            for (int s = 0; s < 16; s += every) both(s, note, s % 4 == 0 ? accent : soft, late);
            return this;
        }

        Clip bass(int step, int length, int pitch, int velocity) {
            notes.add(new int[] {step, pitch, velocity, 0, length});
            return this;
        }

        byte[] toMidi() throws Exception {
            MidiFileBuilder file = new MidiFileBuilder(480).title(name).tempo(0, bpm).meter(0, 4).endAt(32L * TICKS);
            MidiFileBuilder.TrackBuilder track = file.track(name);
            for (int[] n : notes) {
                long start = Math.max(0, (long) n[0] * TICKS + n[3]);
                long end = channel == DrumPattern.CHANNEL ? start + TICKS / 2 : (long) (n[0] + n[4]) * TICKS - 10;
                track.note(channel, n[1], n[2], start, end);
            }
            return file.toBytes();
        }
    }

    static Clip drums(String name, double bpm) {
        return new Clip(name, bpm, DrumPattern.CHANNEL);
    }

    static Map<String, Clip> clips() {
        Map<String, Clip> all = new LinkedHashMap<>();
        // ---- grooves ----
        // Pop: straight 8th hats, kick on 1 and 3 (and the "and" of 3 in the second bar), snare on 2 and 4.
        all.put("drums-pop", drums("drums-pop", 100).pulse(HAT, 2, 84, 58, 0)
                .both(0, KICK, 100, 0).both(8, KICK, 92, 0).hit(26, KICK, 80, 0)
                .both(4, SNARE, 98, 4).both(12, SNARE, 100, 4));
        // Rock: loud 8ths, open hat before the second bar's last beat, crash on the one, kicks pushing beat 3.
        all.put("drums-rock", drums("drums-rock", 126).pulse(HAT, 2, 100, 82, -4)
                .hit(0, CRASH, 110, 0).hit(0, KICK, 118, 0).hit(6, KICK, 96, 0).hit(8, KICK, 112, 0).hit(10, KICK, 100, 0)
                .hit(16, KICK, 116, 0).hit(24, KICK, 110, 0).hit(26, KICK, 104, 0).hit(30, OPEN_HAT, 96, -4)
                .both(4, SNARE, 120, 0).both(12, SNARE, 122, 0));
        // Funk: 16th hats accented on the 8ths, ghost notes around a late backbeat, syncopated kicks.
        Clip funk = drums("funk", 104);
        for (int s = 0; s < 16; s++) funk.both(s, HAT, s % 4 == 0 ? 96 : s % 2 == 0 ? 78 : 52, s % 2 == 0 ? 0 : 10);
        funk.both(0, KICK, 110, 0).both(3, KICK, 92, 6).both(10, KICK, 100, 6).hit(14, KICK, 86, 6).hit(22, KICK, 96, 6).hit(30, KICK, 90, 6)
                .both(4, SNARE, 112, 10).both(12, SNARE, 114, 10).both(7, SNARE, 34, 8).both(9, SNARE, 30, 8).both(15, SNARE, 36, 8);
        all.put("drums-funk", new Clip("drums-funk", 104, DrumPattern.CHANNEL));
        all.get("drums-funk").notes.addAll(funk.notes);
        // Bossa nova: side stick on the 3-2 clave across the two bars, kick on 1 and the "and" of 2 (a dotted feel),
        // soft 8ths on the ride with the off-beats a little late.
        all.put("drums-bossa", drums("drums-bossa", 132).pulse(RIDE, 2, 62, 44, 6)
                .both(0, KICK, 88, 0).both(6, KICK, 70, 0).both(8, KICK, 88, 0).both(14, KICK, 70, 0)
                .hit(0, RIM, 76, 0).hit(6, RIM, 72, 0).hit(12, RIM, 74, 0).hit(20, RIM, 72, 0).hit(24, RIM, 76, 0));
        // Ballad: half time, kick on 1, side stick on 3, ride in quarters, everything laid back.
        all.put("drums-ballad", drums("drums-ballad", 68).pulse(RIDE, 4, 66, 56, 14)
                .both(0, KICK, 84, 10).hit(10, KICK, 60, 12).both(8, RIM, 72, 16).hit(30, PEDAL_HAT, 40, 14));
        // Reggae one drop: nothing on the one; kick and side stick together on beat 3, hats on the off-beat 8ths
        // with an open hat, pushed late.
        Clip reggae = drums("drums-reggae", 76).both(8, KICK, 104, 8).both(8, RIM, 96, 8);
        for (int s = 2; s < 16; s += 4) reggae.both(s, HAT, 74, 12);
        reggae.hit(14, OPEN_HAT, 70, 12).hit(4, HAT, 40, 10).hit(20, HAT, 40, 10).hit(28, HAT, 40, 10);
        all.put("drums-reggae", reggae);
        // ---- fills: a bar of groove, then the fill ----
        // Snare on beat 2, then 16ths down the toms, two strokes a drum, over the kick on the beats.
        Clip toms = fillBar("drums-fill-toms", 100).hit(16, KICK, 104, 0).hit(16, HAT, 84, 0).hit(18, HAT, 64, 0).hit(20, SNARE, 108, 0)
                .hit(22, SNARE, 84, 0).hit(23, SNARE, 92, 0);
        int[] down = {HIGH_TOM, HIGH_TOM, MID_TOM, MID_TOM, MID_TOM, LOW_TOM, LOW_TOM, LOW_TOM};
        for (int i = 0; i < 8; i++) toms.hit(24 + i, down[i], 100 + (i % 2 == 0 ? 12 : 0), 0);
        all.put("drums-fill-toms", toms.hit(24, KICK, 100, 0).hit(28, KICK, 100, 0));
        // A snare roll in 16ths over the second half of the bar, growing louder.
        Clip snare = fillBar("drums-fill-snare", 104).hit(16, KICK, 104, 0).hit(20, SNARE, 104, 4);
        for (int s = 24; s < 32; s++) snare.hit(s, SNARE, 60 + (s - 24) * 8, 4);
        snare.hit(28, KICK, 96, 0);
        all.put("drums-fill-snare", snare);
        // For the slow styles: 8ths on snare then toms across beats 3 and 4, laid back, swelling from soft.
        all.put("drums-fill-soft", fillBar("drums-fill-soft", 70)
                .hit(16, KICK, 84, 10).hit(20, RIM, 70, 14).hit(24, SNARE, 76, 14).hit(25, SNARE, 70, 14).hit(26, HIGH_TOM, 88, 14)
                .hit(27, HIGH_TOM, 80, 14).hit(28, MID_TOM, 94, 14).hit(29, MID_TOM, 86, 14).hit(30, LOW_TOM, 100, 14).hit(31, LOW_TOM, 92, 14)
                .hit(24, KICK, 80, 10).hit(28, KICK, 84, 10));
        // ---- bass lines over C then F (the part's style for a learned bass model) ----
        all.put("bass-pop", bassOverChords("bass-pop", 100, new int[][] {{0, 2, 0, 96}, {2, 2, 0, 80}, {4, 2, 0, 84}, {6, 2, 0, 78},
                {8, 2, 0, 92}, {10, 2, 7, 80}, {12, 2, 0, 84}, {14, 2, 7, 78}}));
        all.put("bass-rock", bassOverChords("bass-rock", 126, new int[][] {{0, 2, 0, 110}, {2, 2, 0, 100}, {4, 2, 0, 104}, {6, 2, 0, 100},
                {8, 2, 0, 108}, {10, 2, 0, 100}, {12, 2, 0, 104}, {14, 2, 0, 100}}));
        all.put("bass-funk", bassOverChords("bass-funk", 104, new int[][] {{0, 1, 0, 112}, {2, 1, 12, 90}, {3, 1, 0, 96}, {6, 1, 10, 84},
                {7, 1, 12, 88}, {10, 2, 0, 100}, {13, 1, 7, 86}, {14, 1, 12, 92}}));
        all.put("bass-bossa", bassOverChords("bass-bossa", 132, new int[][] {{0, 6, 0, 90}, {6, 2, 7, 76}, {8, 6, 7, 86}, {14, 2, 0, 74}}));
        all.put("bass-ballad", bassOverChords("bass-ballad", 68, new int[][] {{0, 12, 0, 86}, {12, 4, 7, 70}}));
        all.put("bass-reggae", bassOverChords("bass-reggae", 76, new int[][] {{2, 2, 0, 96}, {5, 1, 0, 80}, {6, 2, 4, 88},
                {8, 4, 7, 96}, {12, 2, 4, 84}, {14, 2, 2, 80}}));
        return all;
    }

    /** Bar one of a fill clip: a plain 8th-note beat the fill's groove latent is anchored on. */
    static Clip fillBar(String name, double bpm) {
        Clip c = drums(name, bpm);
        for (int s = 0; s < 16; s += 2) c.hit(s, HAT, s % 4 == 0 ? 84 : 60, 0);
        return c.hit(0, KICK, 100, 0).hit(8, KICK, 92, 0).hit(4, SNARE, 100, 0).hit(12, SNARE, 100, 0);
    }

    /** A bass figure {step, length, interval above the root, velocity} over C (bar one) and F (bar two), roots in octave 2. */
    static Clip bassOverChords(String name, double bpm, int[][] figure) {
        Clip c = new Clip(name, bpm, 1);
        for (int bar = 0; bar < 2; bar++) {
            int root = bar == 0 ? 36 : 41;
            for (int[] n : figure) c.bass(bar * 16 + n[0], n[1], root + n[2], n[3]);
        }
        return c;
    }

    @Test
    void everyBandClipInPresetsIsTheOneWrittenHere() throws Exception {
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
    void drumClipsReadAsGroovesWithTheirMicroTimingAndBassClipsAsPitchedNotes() throws Exception {
        for (Clip clip : clips().values()) {
            MidiFileContent content = MidiFiles.parse(clip.toMidi(), clip.name);
            assertThat(content.allNotes()).as(clip.name).isNotEmpty().allSatisfy(n -> assertThat(n.endTick()).isLessThanOrEqualTo(32L * TICKS + TICKS));
            ReferenceClip read = ReferenceClips.read(clip.name, clip.toMidi(), "sha-" + clip.name, clip.name);
            if (clip.channel == DrumPattern.CHANNEL) {
                assertThat(read.hasDrums()).as(clip.name).isTrue();
                assertThat(read.notes()).as(clip.name + ": no pitched notes").isEmpty();
                // Every hit written is read back on its step with its offset (a 16th is 120 ticks).
                for (int[] n : clip.notes) {
                    DrumVoice v = DrumVoice.ofGeneralMidi(n[1]);
                    assertThat(read.drums().hit(n[0], v)).as(clip.name + " step " + n[0] + " note " + n[1]).isTrue();
                }
            } else {
                assertThat(read.hasDrums()).as(clip.name).isFalse();
                assertThat(read.notes()).as(clip.name).hasSize(clip.notes.size());
            }
        }
        DrumPattern funk = ReferenceClips.read("drums-funk", clips().get("drums-funk").toMidi(), "sha", "funk").drums();
        assertThat(funk.offset(4, DrumVoice.SNARE)).as("the funk backbeat is late by 10 ticks of 120").isCloseTo(10 / 120f, org.assertj.core.data.Offset.offset(1e-4f));
    }
}
