package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./analogy inpaint} through the shipped melody model and latent predictor: the bars asked for get new
 * melody notes, and every other event of the file (the melody outside them, the other tracks, the meta events)
 * comes back identical.
 */
class InpaintIT {

    static final int PPQ = 480;
    static final int STEP = PPQ / 4;
    static final int BAR = 16 * STEP;

    @TempDir
    Path dir;

    @RegisterExtension
    final CliSandbox cli = new CliSandbox(() -> dir.resolve("home"));

    @Test
    void replacesTheBarsAndKeepsEverythingElseExactly() throws Exception {
        Path in = dir.resolve("song.mid");
        MidiSystem.write(song(), 1, in.toFile());
        Path out = dir.resolve("filled.mid");

        CliSandbox.Outcome o = cli.run("inpaint", "--in", in.toString(), "--bars", "9-12", "--out", out.toString());
        assertThat(o.code()).as(o.err() + o.out()).isZero();

        Sequence before = MidiSystem.getSequence(in.toFile());
        Sequence after = MidiSystem.getSequence(out.toFile());
        assertThat(after.getTracks()).hasSameSizeAs(before.getTracks());
        long from = 8L * BAR, to = 12L * BAR;
        for (int t = 0; t < before.getTracks().length; t++) {
            boolean melody = t == 0;
            assertThat(outside(after.getTracks()[t], melody, from, to)).as("track " + t + " outside bars 9-12")
                    .isEqualTo(outside(before.getTracks()[t], melody, from, to));
        }
        long filled = 0;
        Track m = after.getTracks()[0];
        for (int i = 0; i < m.size(); i++) {
            if (m.get(i).getMessage() instanceof ShortMessage s && s.getCommand() == ShortMessage.NOTE_ON && s.getData2() > 0) {
                long tick = m.get(i).getTick();
                if (tick >= from && tick < to) filled++;
            }
        }
        assertThat(filled).as("notes in the filled bars").isPositive();
    }

    @Test
    void barsOutsideTheSongOrBackwardsAreOneLineErrors() throws Exception {
        Path in = dir.resolve("song.mid");
        MidiSystem.write(song(), 1, in.toFile());
        CliSandbox.Outcome past = cli.run("inpaint", "--in", in.toString(), "--bars", "30-32", "--out", dir.resolve("x.mid").toString());
        assertThat(past.code()).isNotZero();
        assertThat(past.err()).contains("--bars 30-32").contains("16 bars");
        CliSandbox.Outcome backwards = cli.run("inpaint", "--in", in.toString(), "--bars", "12-9", "--out", dir.resolve("x.mid").toString());
        assertThat(backwards.code()).isNotZero();
        assertThat(backwards.err()).contains("FROM-TO");
    }

    /**
     * Events as comparable strings: every event of a track, except (for the melody track) its note events whose
     * note begins inside [from, to). A note-off belongs to the note-on before it on its key.
     */
    static List<String> outside(Track t, boolean melody, long from, long to) {
        List<String> out = new ArrayList<>();
        long[] startOf = new long[16 * 128];
        for (int i = 0; i < t.size(); i++) {
            MidiEvent e = t.get(i);
            MidiMessage msg = e.getMessage();
            if (melody && msg instanceof ShortMessage s && (s.getCommand() == ShortMessage.NOTE_ON || s.getCommand() == ShortMessage.NOTE_OFF)) {
                int key = s.getChannel() * 128 + s.getData1();
                boolean on = s.getCommand() == ShortMessage.NOTE_ON && s.getData2() > 0;
                if (on) startOf[key] = e.getTick();
                long start = on ? e.getTick() : startOf[key];
                if (start >= from && start < to) continue;
            }
            out.add(e.getTick() + ":" + java.util.HexFormat.of().formatHex(msg.getMessage()));
        }
        out.sort(null);
        return out;
    }

    /** 16 bars of 4/4: a melody (two 8-bar phrases of eighths and quarters) and a block-chord track, C Am F G per bar. */
    static Sequence song() throws Exception {
        Sequence s = new Sequence(Sequence.PPQ, PPQ);
        Track melody = s.createTrack();
        Track chords = s.createTrack();
        melody.add(new MidiEvent(new MetaMessage(0x03, "melody".getBytes(StandardCharsets.US_ASCII), 6), 0));
        melody.add(new MidiEvent(new MetaMessage(0x58, new byte[]{4, 2, 24, 8}, 4), 0));
        chords.add(new MidiEvent(new MetaMessage(0x03, "piano".getBytes(StandardCharsets.US_ASCII), 5), 0));
        int[][] triads = {{48, 52, 55}, {45, 48, 52}, {41, 45, 48}, {43, 47, 50}};
        int[] line = {64, 67, 69, 67, 64, 62, 60, 62, 64, 64, 62, 60, 62, 64, 67, 65};
        for (int bar = 0; bar < 16; bar++) {
            int[] triad = triads[bar % 4];
            for (int p : triad) {
                chords.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 1, p, 70), (long) bar * BAR));
                chords.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 1, p, 0), (long) bar * BAR + BAR - STEP));
            }
            for (int i = 0; i < 6; i++) {
                long start = (long) bar * BAR + (i < 4 ? i * 2L * STEP : 8L * STEP + (i - 4) * 4L * STEP);
                long length = i < 4 ? 2L * STEP : 4L * STEP;
                int pitch = line[(bar * 3 + i) % line.length] + (bar % 8 >= 4 ? 2 : 0);
                melody.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, pitch, 96), start));
                melody.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, pitch, 0), start + length - STEP / 2));
            }
        }
        return s;
    }
}
