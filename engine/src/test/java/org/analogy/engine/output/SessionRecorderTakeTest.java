package org.analogy.engine.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javax.sound.midi.MidiEvent;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.Test;

import org.analogy.engine.process.Part;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

/** A take (record … stop within a session) holds only its own events, starts at its own bar, and leaves no note hanging. */
class SessionRecorderTakeTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void takeKeepsOnlyItsEventsAndClosesNotesStillSounding() {
        SessionRecorder recorder = new SessionRecorder();
        // 120 BPM: one 4/4 bar is two seconds.
        recorder.timelineChanged(Timeline.of(120, Meter.FOUR_FOUR, 0, 0, true), 0);
        recorder.recordInput(1 * SECOND, 0x90, 60, 100);           // before the take
        recorder.recordInput(1 * SECOND + 100, 0x80, 60, 0);
        recorder.recordInput(4 * SECOND, 0x90, 62, 90);            // bar 2, inside
        recorder.recordInput(5 * SECOND, 0x80, 62, 0);
        recorder.recordOutput(6 * SECOND, Part.MELODY, 0x90, 64, 80); // inside, released after the take ends
        recorder.recordOutput(9 * SECOND, Part.MELODY, 0x80, 64, 0);

        Sequence take = recorder.toSequence(3 * SECOND, 8 * SECOND);

        List<ShortMessage> input = notes(take, "input");
        assertThat(input).extracting(ShortMessage::getData1).containsExactly(62, 62);
        // 16 steps a bar, 8 steps a second: the take begins in bar 1 (3 s = step 24), so the note at 4 s
        // (step 32, the downbeat of bar 2) lands on the second bar of the file: 4 beats × 480 ticks.
        assertThat(firstNoteTick(take, "input")).isEqualTo(4 * 480);
        List<ShortMessage> melody = notes(take, "melody");
        assertThat(melody).hasSize(2);
        assertThat(melody.get(1).getCommand()).isEqualTo(ShortMessage.NOTE_OFF);

        assertThat(notes(recorder.toSequence(), "input")).hasSize(4);
    }

    private static Track track(Sequence s, String name) {
        for (Track t : s.getTracks()) {
            MidiEvent first = t.get(0);
            if (first.getMessage() instanceof javax.sound.midi.MetaMessage m && new String(m.getData()).equals(name)) return t;
        }
        throw new AssertionError("no track " + name);
    }

    private static List<ShortMessage> notes(Sequence s, String name) {
        List<ShortMessage> out = new ArrayList<>();
        Track t = track(s, name);
        for (int i = 0; i < t.size(); i++) if (t.get(i).getMessage() instanceof ShortMessage m) out.add(m);
        return out;
    }

    private static long firstNoteTick(Sequence s, String name) {
        Track t = track(s, name);
        for (int i = 0; i < t.size(); i++) if (t.get(i).getMessage() instanceof ShortMessage) return t.get(i).getTick();
        return -1;
    }
}
