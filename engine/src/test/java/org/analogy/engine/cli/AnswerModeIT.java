package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./analogy render --mode answer} on a melody with two-bar rests, through the shipped melody model and
 * latent predictor: the band's melody track answers in the rests only, never sounds once the performer plays
 * again, and the recording marks the answered bars.
 */
class AnswerModeIT {

    static final int PPQ = 480;
    static final int STEP = PPQ / 4;
    static final int BAR = 16 * STEP;
    /** Bars the performer plays; the gaps between (4–5 and 10–11) are two-bar rests. */
    static final int[][] PHRASES = {{0, 4}, {6, 10}, {12, 14}};

    @TempDir
    Path dir;

    @RegisterExtension
    final CliSandbox cli = new CliSandbox(() -> dir.resolve("home"));

    @Test
    void answersOnlyInTheRestsAndStopsWhenThePerformerPlaysAgain() throws Exception {
        Path in = dir.resolve("phrases.mid");
        MidiSystem.write(phrases(), 1, in.toFile());
        Path out = dir.resolve("answered.mid");

        CliSandbox.Outcome o = cli.run("render", "--in", in.toString(), "--mode", "answer", "--out", out.toString());
        assertThat(o.code()).as(o.err() + o.out()).isZero();

        Sequence rendered = MidiSystem.getSequence(out.toFile());
        List<long[]> melody = notes(track(rendered, "melody"));
        assertThat(melody).as("the band answered").isNotEmpty();
        for (long[] n : melody) {
            long bar = n[0] / BAR;
            // The rests, and the silence after the last phrase (the render plays on for the answer's length).
            assertThat(bar == 4 || bar == 5 || bar == 10 || bar == 11 || bar >= 14).as("answer note at tick " + n[0] + " (bar " + bar + ") lies in a rest").isTrue();
            long comesBack = bar < 6 ? 6L * BAR : bar < 12 ? 12L * BAR : Long.MAX_VALUE;
            assertThat(n[0]).as("no answer note begins within a 16th of the performer's return").isLessThan(comesBack);
            assertThat(n[1]).as("the answer note at tick " + n[0] + " is released when the performer plays again").isLessThanOrEqualTo(comesBack);
        }
        assertThat(melody).as("an answer in each two-bar rest").anyMatch(n -> n[0] / BAR == 5).anyMatch(n -> n[0] / BAR == 11);
        List<Long> markers = markers(rendered, "answer");
        assertThat(markers).as("answered bars are marked").isNotEmpty();
        for (long tick : markers) assertThat(tick / BAR).isIn(4L, 5L, 6L, 10L, 11L, 12L, 14L, 15L, 16L, 17L, 18L);
    }

    /** A performer's line: quarter notes up and down a C major scale in the phrases' bars, rests between. */
    static Sequence phrases() throws Exception {
        Sequence s = new Sequence(Sequence.PPQ, PPQ);
        Track t = s.createTrack();
        t.add(new MidiEvent(new MetaMessage(0x03, "melody".getBytes(StandardCharsets.US_ASCII), 6), 0));
        t.add(new MidiEvent(new MetaMessage(0x58, new byte[]{4, 2, 24, 8}, 4), 0));
        t.add(new MidiEvent(new MetaMessage(0x51, new byte[]{0x07, (byte) 0xA1, 0x20}, 3), 0));   // 120 BPM
        int[] scale = {60, 62, 64, 65, 67, 69, 71, 72, 71, 69, 67, 65, 64, 62};
        int k = 0;
        for (int[] phrase : PHRASES) {
            for (int bar = phrase[0]; bar < phrase[1]; bar++) {
                for (int beat = 0; beat < 4; beat++) {
                    long tick = (long) bar * BAR + beat * 4L * STEP;
                    int pitch = scale[k++ % scale.length];
                    t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, pitch, 90), tick));
                    t.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, pitch, 0), tick + 3L * STEP));
                }
            }
        }
        return s;
    }

    static Track track(Sequence s, String name) {
        for (Track t : s.getTracks()) {
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).getMessage() instanceof MetaMessage m && m.getType() == 0x03
                        && new String(m.getData(), StandardCharsets.US_ASCII).equals(name)) return t;
            }
        }
        throw new AssertionError("no track named " + name);
    }

    /** {start tick, end tick} of each note of the track. */
    static List<long[]> notes(Track t) {
        List<long[]> out = new ArrayList<>();
        long[] started = new long[128];
        java.util.Arrays.fill(started, -1);
        for (int i = 0; i < t.size(); i++) {
            if (!(t.get(i).getMessage() instanceof ShortMessage m)) continue;
            boolean on = m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0;
            boolean off = m.getCommand() == ShortMessage.NOTE_OFF || (m.getCommand() == ShortMessage.NOTE_ON && m.getData2() == 0);
            if (on) started[m.getData1()] = t.get(i).getTick();
            if (off && started[m.getData1()] >= 0) {
                out.add(new long[]{started[m.getData1()], t.get(i).getTick()});
                started[m.getData1()] = -1;
            }
        }
        return out;
    }

    static List<Long> markers(Sequence s, String text) {
        List<Long> out = new ArrayList<>();
        for (Track t : s.getTracks()) {
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).getMessage() instanceof MetaMessage m && m.getType() == 0x06
                        && new String(m.getData(), StandardCharsets.US_ASCII).equals(text)) out.add(t.get(i).getTick());
            }
        }
        return out;
    }
}
