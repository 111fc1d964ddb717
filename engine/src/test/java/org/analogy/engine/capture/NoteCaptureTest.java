package org.analogy.engine.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

class NoteCaptureTest {

    private static final long T0 = 1_000_000_000L;
    private static final long STEP = 125_000_000L; // a 16th at 120 BPM
    private final Timeline timeline = Timeline.of(120, Meter.FOUR_FOUR, T0, 0, true);
    private final NoteCapture capture = new NoteCapture(CaptureSettings.DEFAULT);

    private long at(double step) {
        return timeline.nanosAt(step);
    }

    @Test
    void roundsOnsetsToTheNearest16thAndDurationsFromNoteOffs() {
        capture.noteOn(at(2.3), 0, 60, 90, timeline);
        capture.noteOff(at(5.6), 0, 60, timeline);
        BarWindow w = capture.window(2, at(15), timeline);
        assertThat(w.notesInBar(0)).containsExactly(new CapturedNote(0, 0, 60, 90, 2, 4, false));
    }

    @Test
    void aNotePlayedJustBeforeTheBarLineBelongsToTheNextBar() {
        capture.noteOn(at(15.45), 0, 60, 90, timeline); // within the 0.6-step tolerance
        capture.noteOff(at(17), 0, 60, timeline);
        capture.noteOn(at(31.0), 0, 62, 90, timeline);   // a deliberate last 16th stays
        capture.noteOff(at(31.9), 0, 62, timeline);
        BarWindow w = capture.window(2, at(32.5), timeline);
        assertThat(w.notesInBar(0)).isEmpty();
        assertThat(w.notesInBar(1)).extracting(CapturedNote::pitch, CapturedNote::start).containsExactly(
                org.assertj.core.groups.Tuple.tuple(60, 0), org.assertj.core.groups.Tuple.tuple(62, 15));
    }

    @Test
    void theSustainPedalHoldsReleasedNotesUntilItIsLifted() {
        capture.sustainPedal(at(0), 0, true, timeline);
        capture.noteOn(at(0), 0, 60, 90, timeline);
        capture.noteOff(at(1), 0, 60, timeline);
        capture.sustainPedal(at(6), 0, false, timeline);
        BarWindow w = capture.window(1, at(15), timeline);
        assertThat(w.notesInBar(0)).extracting(CapturedNote::duration).containsExactly(6);
    }

    @Test
    void notesStillHeldArePublishedOpenWithTheirDurationSoFar() {
        capture.noteOn(at(8), 0, 60, 90, timeline);
        BarWindow w = capture.window(1, at(15), timeline);
        assertThat(w.notesInBar(0)).singleElement().satisfies(n -> {
            assertThat(n.open()).isTrue();
            assertThat(n.duration()).isEqualTo(7);
        });
        assertThat(capture.soundingCount()).isEqualTo(1);
    }

    @Test
    void reStrikingAKeyWithoutANoteOffEndsThePreviousNote() {
        capture.noteOn(at(0), 0, 60, 90, timeline);
        capture.noteOn(at(4), 0, 60, 90, timeline);
        capture.noteOff(at(6), 0, 60, timeline);
        BarWindow w = capture.window(1, at(15), timeline);
        assertThat(w.notesInBar(0)).extracting(CapturedNote::start, CapturedNote::duration).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 4), org.assertj.core.groups.Tuple.tuple(4, 2));
    }

    @Test
    void allNotesOffEndsEverythingOnTheChannelAndStrayNoteOffsAreCounted() {
        capture.noteOn(at(0), 1, 60, 90, timeline);
        capture.noteOn(at(0), 1, 64, 90, timeline);
        capture.allNotesOff(at(3), 1, timeline);
        capture.noteOff(at(4), 1, 60, timeline);
        assertThat(capture.soundingCount()).isZero();
        assertThat(capture.strayNoteOffs()).isEqualTo(1);
    }

    @Test
    void filteredChannelsAreIgnored() {
        NoteCapture onlyFirst = new NoteCapture(CaptureSettings.DEFAULT.withChannelMask(1));
        onlyFirst.noteOn(at(0), 0, 60, 90, timeline);
        onlyFirst.noteOn(at(0), 5, 62, 90, timeline);
        assertThat(onlyFirst.window(1, at(15), timeline).notes()).extracting(CapturedNote::pitch).containsExactly(60);
    }

    @Test
    void aWindowCarriesTheHistoryBarsAndTheModelWindowIsTheLastTwo() {
        for (int bar = 0; bar < 10; bar++) {
            capture.noteOn(at(bar * 16 + 4), 0, 60 + bar, 90, timeline);
            capture.noteOff(at(bar * 16 + 6), 0, 60 + bar, timeline);
        }
        BarWindow w = capture.window(10, at(159), timeline);
        assertThat(w.firstBar()).isEqualTo(2);
        assertThat(w.notes()).hasSize(8);
        assertThat(w.modelWindowNotes()).extracting(n -> n.pitch() + "@" + n.start()).containsExactly("68@4", "69@20");
    }

    @Test
    void resetForgetsTheEarlierTake() {
        capture.noteOn(at(0), 0, 60, 90, timeline);
        capture.reset(at(2), timeline);
        assertThat(capture.window(1, at(15), timeline).notes()).isEmpty();
    }
}
