package org.analogy.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.analogy.engine.band.Band;
import org.analogy.engine.control.ControlSnapshot;
import org.analogy.engine.pipeline.EngineConfig;
import org.analogy.engine.process.AccompanyProcessor;
import org.analogy.engine.schedule.RecordingOutput;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.PresetLoader;
import org.analogy.engine.style.ReferenceClips;
import org.analogy.engine.time.Timeline;

/**
 * Split keyboard, arranger style: a chord played in the middle of a bar is heard from its beat, not from
 * the next bar line. The bar already generated is rewritten from that beat; nothing hangs.
 */
class ChordChangeRevisionIT {

    @Test
    void aChordPlayedOnBeatThreeChangesTheAccompanimentFromBeatThree() throws Exception {
        PresetLibrary library = new PresetLibrary(Path.of("../presets/styles"), Path.of("target/no-user-presets"),
                new PresetLoader(new ReferenceClips(List.of(Path.of("../presets/clips")))));
        Preset stride = library.find("stride-keys"); // split at C4, a stride texture with notes on every beat
        List<PerformanceInput.Message> played = new ArrayList<>();
        // bar 0: C major on the downbeat (held briefly); a melody above the split throughout
        for (int p : new int[] {48, 52, 55}) {
            played.add(new PerformanceInput.Message(0.1, 0x90, p, 80));
            played.add(new PerformanceInput.Message(2, 0x80, p, 0));
        }
        // bar 2: A minor a little before beat 3 (step 32 + 7.6: nearest beat is step 40)
        for (int p : new int[] {45, 48, 52}) {
            played.add(new PerformanceInput.Message(39.6, 0x90, p, 80));
            played.add(new PerformanceInput.Message(42, 0x80, p, 0));
        }
        for (int s = 0; s < 64; s += 4) {
            played.add(new PerformanceInput.Message(s + 0.05, 0x90, 72, 90));
            played.add(new PerformanceInput.Message(s + 2, 0x80, 72, 0));
        }
        played.sort((a, b) -> Double.compare(a.step(), b.step()));
        PerformanceInput performance = new PerformanceInput(org.analogy.engine.time.Meter.FOUR_FOUR, 120, played, List.of());

        RecordingOutput out = new RecordingOutput();
        EngineConfig config = EngineConfig.defaults().withControls(stride.applyTo(ControlSnapshot.DEFAULT));
        VirtualSession session = new VirtualSession(config, new AccompanyProcessor(Band.standIns()), List.of(out));
        session.play(performance, 1);

        Timeline stopped = session.timeline();
        Timeline t = new Timeline(stopped.anchorNanos(), stopped.anchorStep(), stopped.nanosPerStep(), stopped.meter(), true);
        List<Integer> beforeBeat3 = new ArrayList<>();
        List<Integer> fromBeat3 = new ArrayList<>();
        for (RecordingOutput.Sent s : out.noteOns()) {
            if (s.channel() != 1) continue;
            double step = t.stepAt(s.nanos());
            if (step >= 32 && step < 40) beforeBeat3.add(s.data1() % 12);
            if (step >= 40 && step < 48) fromBeat3.add(s.data1() % 12);
        }
        assertThat(beforeBeat3).isNotEmpty().allSatisfy(pc -> assertThat(List.of(0, 4, 7)).contains(pc));
        assertThat(fromBeat3).isNotEmpty().allSatisfy(pc -> assertThat(List.of(9, 0, 4)).contains(pc)).contains(9);
        assertThat(session.metrics().barsRevised.get()).isGreaterThanOrEqualTo(1);
        assertThat(session.metrics().processorErrors.get()).isZero();
        assertThat(out.hangingNotes()).isEmpty();
        // every note-on has its own note-off: withdrawn notes were never started
        int[] open = new int[16 * 128];
        for (RecordingOutput.Sent s : out.sent) {
            if (s.isNoteOn()) open[s.channel() * 128 + s.data1()]++;
            else if (s.isNoteOff()) open[s.channel() * 128 + s.data1()]--;
        }
        for (int v : open) assertThat(v).isZero();
    }
}
