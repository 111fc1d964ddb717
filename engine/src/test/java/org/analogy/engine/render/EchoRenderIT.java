package org.analogy.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import javax.sound.midi.MidiEvent;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.EchoProcessor;
import org.analogy.engine.schedule.RecordingOutput;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

/** File in → file out in virtual time: the echo returns every played note N bars later, on the grid. */
class EchoRenderIT {

    /** A humanised performance: notes on random 16ths, each played up to ±40% of a 16th off the grid. */
    static PerformanceInput humanPerformance(Meter meter, int bars, long seed) {
        Random random = new Random(seed);
        List<PerformanceInput.Message> messages = new ArrayList<>();
        int stepsPerBar = meter.stepsPerBar();
        for (int step = 0; step < bars * stepsPerBar; step++) {
            if (random.nextInt(3) != 0) continue;
            int pitch = 55 + random.nextInt(24);
            double jitter = (random.nextDouble() - 0.5) * 0.8;
            double on = Math.max(0, step + jitter);
            double length = 0.6 + random.nextInt(3);
            messages.add(new PerformanceInput.Message(on, 0x90, pitch, 40 + random.nextInt(80)));
            messages.add(new PerformanceInput.Message(on + length, 0x80, pitch, 0));
        }
        return new PerformanceInput(meter, 120, messages, List.of());
    }

    /** Expected grid step of a played onset: nearest 16th, or the next bar line when just before it. */
    static long expectedStep(double on, int stepsPerBar) {
        double barLine = Math.ceil(on / stepsPerBar) * stepsPerBar;
        if (barLine - on > 0 && barLine - on <= 0.6) return (long) barLine;
        return Math.round(on);
    }

    @ParameterizedTest(name = "echo {0} bar(s), {1}, transpose {2}, {3} BPM")
    @CsvSource({"1, 4/4, 0, 120", "2, 4/4, 12, 180", "4, 3/4, -5, 60", "1, 3/4, 0, 300"})
    void everyNoteComesBackNBarsLaterOnTheGrid(int delayBars, String meterText, int transpose, double bpm) {
        Meter meter = Meter.parse(meterText);
        PerformanceInput played = humanPerformance(meter, 12, 42 + delayBars).atTempo(bpm);
        RecordingOutput out = new RecordingOutput();
        EngineConfig config = EngineConfig.defaults().withBpm(bpm).withMeter(meter)
                .withControls(ControlSnapshot.DEFAULT.withEcho(delayBars, transpose));
        VirtualSession session = new VirtualSession(config, new EchoProcessor(), List.of(out));
        session.play(played, delayBars);
        Timeline stopped = session.timeline(); // constant tempo: the stopped map, set running again, is the map played
        Timeline timeline = new Timeline(stopped.anchorNanos(), stopped.anchorStep(), stopped.nanosPerStep(), meter, true);
        int stepsPerBar = meter.stepsPerBar();

        List<String> expected = new ArrayList<>();
        for (PerformanceInput.Message m : played.messages()) {
            if (m.status() != 0x90) continue;
            long step = expectedStep(m.step(), stepsPerBar) + (long) delayBars * stepsPerBar;
            expected.add(step + ":" + (m.data1() + transpose));
        }
        List<String> actual = new ArrayList<>();
        for (RecordingOutput.Sent s : out.noteOns()) {
            double step = timeline.stepAt(s.nanos());
            assertThat(Math.abs(step - Math.rint(step))).as("on the 16th grid").isLessThan(1e-6);
            actual.add(Math.round(step) + ":" + s.data1());
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(out.hangingNotes()).isEmpty();
        assertThat(session.metrics().deadlineMisses.get()).isZero();
    }

    @Test
    void theRecordingHasInputAndMelodyTracksWithTheInputsTempoAndMeter() throws Exception {
        PerformanceInput played = humanPerformance(Meter.THREE_FOUR, 4, 7).atTempo(90);
        VirtualSession session = new VirtualSession(EngineConfig.defaults().withBpm(90).withMeter(Meter.THREE_FOUR),
                new EchoProcessor(), List.of());
        session.play(played, 1);
        Sequence recording = session.recorder().toSequence();
        List<String> names = new ArrayList<>();
        Double bpm = null;
        Integer beats = null;
        for (Track track : recording.getTracks()) {
            for (int i = 0; i < track.size(); i++) {
                MidiEvent e = track.get(i);
                if (e.getMessage() instanceof MetaMessage meta) {
                    byte[] d = meta.getData();
                    if (meta.getType() == 0x03) names.add(new String(d, java.nio.charset.StandardCharsets.US_ASCII));
                    if (meta.getType() == 0x51) bpm = 60_000_000.0 / ((d[0] & 0xFF) << 16 | (d[1] & 0xFF) << 8 | (d[2] & 0xFF));
                    if (meta.getType() == 0x58) beats = (int) d[0];
                }
            }
        }
        assertThat(names).containsExactly("analogy", "input", "melody");
        assertThat(bpm).isCloseTo(90.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(beats).isEqualTo(3);
        // every input note-on lands on the tick it was played at (480 PPQ: 120 ticks per 16th)
        Track input = recording.getTracks()[1];
        List<Long> ticks = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            if (input.get(i).getMessage() instanceof ShortMessage m && m.getCommand() == 0x90) ticks.add(input.get(i).getTick());
        }
        List<Long> expected = played.messages().stream().filter(m -> m.status() == 0x90)
                .map(m -> Math.round(m.step() * 120)).toList();
        assertThat(ticks).containsExactlyElementsOf(expected);
    }
}
