package org.analogy.engine.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.output.SessionRecorder;
import org.analogy.engine.process.NoteSink;
import org.analogy.engine.process.Part;
import org.analogy.engine.time.Meter;
import org.analogy.engine.time.Timeline;

class SchedulerTest {

    private static final long T0 = 1_000_000_000L;
    /** 120 BPM: 125 ms per 16th. */
    private final Timeline timeline = Timeline.of(120, Meter.FOUR_FOUR, T0, 0, true);
    private final LatencyMetrics metrics = new LatencyMetrics();
    private RecordingOutput out;
    private Scheduler scheduler;

    @BeforeEach
    void setUp() {
        out = new RecordingOutput();
        scheduler = new Scheduler(List.of(out), new SessionRecorder(), metrics, 64, 5_000_000);
    }

    /** Dispatches every event exactly when it is due, up to {@code endNanos}, as the scheduler thread would. */
    private void playUntil(long endNanos, Timeline t) {
        for (long next = scheduler.nextDueNanos(t); next <= endNanos; next = scheduler.nextDueNanos(t)) {
            scheduler.dispatchDue(next, t);
        }
    }

    @Test
    void sendsEachEventAtItsTimeWithItsNoteOff() {
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 4, 2);
        assertThat(scheduler.nextDueNanos(timeline)).isEqualTo(T0 + 500_000_000L);
        assertThat(scheduler.dispatchDue(T0 + 499_999_999L, timeline)).isEqualTo(T0 + 500_000_000L);
        assertThat(out.sent).isEmpty();
        scheduler.dispatchDue(T0 + 500_000_000L, timeline);
        assertThat(out.sent).containsExactly(new RecordingOutput.Sent(T0 + 500_000_000L, 0x90, 60, 100));
        scheduler.dispatchDue(T0 + 750_000_000L, timeline);
        assertThat(out.sent).hasSize(2);
        assertThat(out.sent.get(1)).isEqualTo(new RecordingOutput.Sent(T0 + 750_000_000L, 0x80, 60, 0));
        assertThat(scheduler.soundingCount()).isZero();
    }

    @Test
    void anOutputPerPartGetsItsOwnPartOnlyIncludingTheFinalRelease() {
        RecordingOutput melody = new RecordingOutput();
        melody.onlyPart = Part.MELODY;
        RecordingOutput accompaniment = new RecordingOutput();
        accompaniment.onlyPart = Part.ACCOMPANIMENT;
        accompaniment.sendAheadNanos = 10_000_000; // a JACK port per part: the early lane filters too
        Scheduler perPart = new Scheduler(List.of(melody, accompaniment, out), new SessionRecorder(), metrics, 64, 5_000_000);
        perPart.scheduleNote(Part.MELODY, 0, 72, 100, 0, 2);
        perPart.scheduleNote(Part.ACCOMPANIMENT, 1, 48, 90, 0, 64);
        for (long next = perPart.nextDueNanos(timeline); next <= T0 + 500_000_000L; next = perPart.nextDueNanos(timeline)) {
            perPart.dispatchDue(next, timeline);
        }
        perPart.allNotesOff(T0 + 500_000_000L);

        assertThat(melody.sent).allSatisfy(s -> assertThat(s.channel()).isZero());
        assertThat(melody.sent).extracting(RecordingOutput.Sent::status).contains(0x90, 0x80);
        assertThat(accompaniment.sent).allSatisfy(s -> assertThat(s.channel()).isEqualTo(1));
        assertThat(accompaniment.sent).extracting(RecordingOutput.Sent::status).contains(0x91, 0x81, 0xB1);
        assertThat(accompaniment.hangingNotes()).isEmpty();
        assertThat(out.sent).extracting(RecordingOutput.Sent::channel).contains(0, 1);
    }

    @Test
    void releasesBeforeStrikingAgainAtTheSameTime() {
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 4, 4);
        scheduler.scheduleNote(Part.MELODY, 0, 60, 90, 0, 4); // ends exactly where the next starts
        playUntil(T0 + 2_000_000_000L, timeline);
        assertThat(out.sent).extracting(RecordingOutput.Sent::status)
                .containsExactly(0x90, 0x80, 0x90, 0x80);
        assertThat(out.hangingNotes()).isEmpty();
    }

    @Test
    void overlappingSamePitchIsReStruckAndTheEarlierNoteOffIsIgnored() {
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 0, 8);
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 2, 2);
        playUntil(T0 + 2_000_000_000L, timeline);
        // on(0), off+on(2) for the re-strike, off(4); the first note's own off at 8 finds nothing to release
        assertThat(out.sent).extracting(RecordingOutput.Sent::status).containsExactly(0x90, 0x80, 0x90, 0x80);
        assertThat(out.hangingNotes()).isEmpty();
    }

    @Test
    void allNotesOffReleasesEverythingSoundingThenSendsCc123OnUsedChannels() {
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 0, 64);
        scheduler.scheduleNote(Part.ACCOMPANIMENT, 3, 48, 100, 0, 64);
        scheduler.scheduleNote(Part.ACCOMPANIMENT, 3, 52, 100, 32, 4);
        scheduler.dispatchDue(T0, timeline);
        assertThat(scheduler.soundingCount()).isEqualTo(2);
        scheduler.allNotesOff(T0 + 1);
        assertThat(out.hangingNotes()).isEmpty();
        assertThat(out.sent.subList(2, 4)).allMatch(RecordingOutput.Sent::isNoteOff);
        assertThat(out.sent.subList(4, 6)).extracting(RecordingOutput.Sent::status).containsExactlyInAnyOrder(0xB0, 0xB3);
        assertThat(out.sent.subList(4, 6)).allMatch(s -> s.data1() == 123);
        assertThat(scheduler.pendingCount()).isZero();
        scheduler.dispatchDue(T0 + 10_000_000_000L, timeline);
        assertThat(out.sent).hasSize(6); // nothing queued survives
    }

    @Test
    void aNoteFoundTooLateIsDroppedAndCountedNeverPlayedLate() {
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 0, 1);
        scheduler.dispatchDue(T0 + 6_000_000L, timeline); // 6 ms late, limit is 5 ms
        assertThat(out.sent).isEmpty();
        assertThat(metrics.lateEventsDropped.get()).isEqualTo(1);
        assertThat(metrics.deadlineMisses.get()).as("the bar was ready in time: not a deadline miss").isZero();
        assertThat(metrics.missLog.snapshot()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(org.analogy.engine.metrics.MissLog.Kind.LATE_NOTE_DROPPED);
            assertThat(m.latenessNanos()).isEqualTo(6_000_000L);
        });
        assertThat(scheduler.soundingCount()).isZero();
    }

    @Test
    void followsTempoChangesBetweenSchedulingAndPlaying() {
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 8, 1);
        Timeline faster = timeline.withTempo(240, T0); // 62.5 ms per 16th from T0
        assertThat(scheduler.nextDueNanos(faster)).isEqualTo(T0 + 500_000_000L);
        scheduler.dispatchDue(T0 + 500_000_000L, faster);
        assertThat(out.noteOns()).hasSize(1);
    }

    @Test
    void aFullQueueRefusesAndCountsInsteadOfThrowing() {
        for (int i = 0; i < 40; i++) scheduler.scheduleNote(Part.MELODY, 0, 60, 100, i, 1);
        assertThat(scheduler.pendingCount()).isLessThanOrEqualTo(64);
        assertThat(metrics.queueOverflows.get()).isGreaterThan(0);
    }

    @Test
    void aVanishedOutputIsSkippedWhileOthersPlayOn() {
        RecordingOutput second = new RecordingOutput();
        scheduler = new Scheduler(List.of(out, second), new SessionRecorder(), metrics, 64, 5_000_000);
        out.available = false;
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 0, 1);
        playUntil(T0 + 200_000_000L, timeline);
        assertThat(out.sent).isEmpty();
        assertThat(second.sent).hasSize(2);
    }

    // ---- the early lane: outputs with a send-ahead ------------------------------------------------

    private static final long AHEAD = 10_000_000L;

    private RecordingOutput earlyOutput() {
        RecordingOutput early = new RecordingOutput();
        early.sendAheadNanos = AHEAD;
        return early;
    }

    @Test
    void anEarlyOutputGetsEachEventItsSendAheadBeforeItIsDueWithTheDueTimeWhileOthersGetItWhenDue() {
        RecordingOutput early = earlyOutput();
        SessionRecorder recorder = new SessionRecorder();
        scheduler = new Scheduler(List.of(out, early), recorder, metrics, 64, 5_000_000);
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 4, 2);
        long due = T0 + 500_000_000L;

        assertThat(scheduler.nextDueNanos(timeline)).isEqualTo(due - AHEAD);
        assertThat(scheduler.dispatchDue(due - AHEAD - 1, timeline)).isEqualTo(due - AHEAD);
        assertThat(early.sent).isEmpty();

        assertThat(scheduler.dispatchDue(due - AHEAD, timeline)).isEqualTo(due); // next: the exact lane
        assertThat(early.sent).containsExactly(new RecordingOutput.Sent(due, 0x90, 60, 100));
        assertThat(out.sent).isEmpty();
        assertThat(recorder.outputEventCount()).isZero();
        assertThat(metrics.eventsSent.get()).isZero();

        scheduler.dispatchDue(due, timeline);
        assertThat(out.sent).containsExactly(new RecordingOutput.Sent(due, 0x90, 60, 100));
        assertThat(recorder.outputEventCount()).isEqualTo(1);
        assertThat(metrics.eventsSent.get()).isEqualTo(1);

        playUntil(T0 + 2_000_000_000L, timeline);
        assertThat(early.sent).isEqualTo(out.sent);
        assertThat(early.hangingNotes()).isEmpty();
    }

    @Test
    void withOnlyEarlyOutputsTheRecordingStillHappensWhenEventsAreDue() {
        RecordingOutput early = earlyOutput();
        SessionRecorder recorder = new SessionRecorder();
        scheduler = new Scheduler(List.of(early), recorder, metrics, 64, 5_000_000);
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 0, 1);
        scheduler.dispatchDue(T0 - AHEAD, timeline);
        assertThat(early.sent).hasSize(1);
        assertThat(recorder.outputEventCount()).isZero();
        scheduler.dispatchDue(T0, timeline);
        assertThat(recorder.outputEventCount()).isEqualTo(1);
    }

    @Test
    void aReleaseOfEverythingReachesTheEarlyLaneAfterTheNotesItAlreadyHolds() {
        RecordingOutput early = earlyOutput();
        scheduler = new Scheduler(List.of(out, early), new SessionRecorder(), metrics, 64, 5_000_000);
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 4, 2);
        long due = T0 + 500_000_000L;
        scheduler.dispatchDue(due - AHEAD / 2, timeline); // the early lane holds the note-on; nobody else heard it

        scheduler.allNotesOff(due - AHEAD / 2 + 1);

        assertThat(early.sent.get(0).isNoteOn()).isTrue();
        assertThat(early.sent.subList(1, early.sent.size())).allMatch(s -> s.nanos() >= due);
        assertThat(early.hangingNotes()).isEmpty();
        assertThat(out.noteOns()).isEmpty(); // never due for the exact lane, so never sent there
        assertThat(out.hangingNotes()).isEmpty();
        scheduler.dispatchDue(T0 + 10_000_000_000L, timeline);
        assertThat(out.noteOns()).isEmpty();
    }

    @Test
    void aNoteOffHeldForTheExactLaneGoesOutAtOnceOnAReleaseOfEverything() {
        RecordingOutput early = earlyOutput();
        scheduler = new Scheduler(List.of(out, early), new SessionRecorder(), metrics, 64, 5_000_000);
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 0, 1);
        long off = T0 + 125_000_000L;
        scheduler.dispatchDue(T0, timeline);                 // note-on everywhere
        scheduler.dispatchDue(off - AHEAD / 2, timeline);    // note-off decided: early lane has it, exact lane waits
        assertThat(out.sent).hasSize(1);
        assertThat(scheduler.soundingCount()).isZero();

        scheduler.allNotesOff(off - AHEAD / 2 + 1);

        assertThat(out.hangingNotes()).isEmpty();
        assertThat(out.sent.get(1)).isEqualTo(new RecordingOutput.Sent(off - AHEAD / 2 + 1, 0x80, 60, 0));
    }

    @Test
    void aLateNoteIsStillDroppedForEveryLaneAlike() {
        RecordingOutput early = earlyOutput();
        scheduler = new Scheduler(List.of(out, early), new SessionRecorder(), metrics, 64, 5_000_000);
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 0, 1);
        scheduler.dispatchDue(T0 + 6_000_000L, timeline);
        assertThat(early.sent).isEmpty();
        assertThat(out.sent).isEmpty();
        assertThat(metrics.lateEventsDropped.get()).isEqualTo(1);
    }

    @Test
    void anOutputThatReturnsGetsCc123OnTheUsedChannelsThenTheMusicAgain() {
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 0, 8);
        scheduler.scheduleNote(Part.ACCOMPANIMENT, 3, 48, 80, 0, 8);
        scheduler.dispatchDue(T0, timeline); // both sounding on the device…
        out.available = false;               // …when it is unplugged
        scheduler.scheduleNote(Part.MELODY, 0, 64, 100, 2, 1);
        playUntil(T0 + 400_000_000L, timeline);
        assertThat(out.sent).hasSize(2);

        out.available = true;                // plugged in again
        scheduler.scheduleNote(Part.MELODY, 0, 67, 100, 4, 1);
        playUntil(T0 + 500_000_000L, timeline);
        assertThat(out.sent.subList(2, out.sent.size())).containsExactly(
                new RecordingOutput.Sent(T0 + 500_000_000L, 0xB0, 123, 0),
                new RecordingOutput.Sent(T0 + 500_000_000L, 0xB3, 123, 0),
                new RecordingOutput.Sent(T0 + 500_000_000L, 0x90, 67, 100));
        assertThat(metrics.outputsReturned.get()).isEqualTo(1);
        playUntil(T0 + 2_000_000_000L, timeline);
        assertThat(out.hangingNotes()).isEmpty();
    }

    @Test
    void withdrawnNoteOnsNeverSoundAndTheirNoteOffsFindNothing() {
        scheduler.scheduleNote(Part.ACCOMPANIMENT, 1, 48, 80, 0, 8);   // sounding when the bar is revised
        scheduler.scheduleNote(Part.ACCOMPANIMENT, 1, 52, 80, 8, 4);   // withdrawn
        scheduler.scheduleNote(Part.ACCOMPANIMENT, 1, 55, 80, 12, 4);  // withdrawn
        scheduler.scheduleNote(Part.MELODY, 0, 72, 90, 8, 4);          // another part: untouched
        scheduler.scheduleControl(Part.ACCOMPANIMENT, 1, NoteSink.PROGRAM_CHANGE, 24, 8);
        playUntil(T0 + 125_000_000L, timeline);
        assertThat(scheduler.cancelNotes(Part.ACCOMPANIMENT, 8)).isEqualTo(2);
        scheduler.scheduleNote(Part.ACCOMPANIMENT, 1, 57, 80, 8, 4);   // the revision's note
        playUntil(T0 + 3_000_000_000L, timeline);
        assertThat(out.noteOns()).extracting(RecordingOutput.Sent::data1).containsExactly(48, 72, 57);
        assertThat(out.sent).anyMatch(x -> x.status() == 0xC1 && x.data1() == 24);
        assertThat(out.hangingNotes()).isEmpty();
        assertThat(out.sent.stream().filter(RecordingOutput.Sent::isNoteOff).count()).isEqualTo(3);
    }

    @Test
    void silencedPartStopsThereItsSoundingNotesReleasedItsLaterNotesWithdrawn() {
        scheduler.scheduleNote(Part.MELODY, 0, 60, 100, 0, 16);        // sounding when the performer comes back at step 6
        scheduler.scheduleNote(Part.MELODY, 0, 64, 100, 8, 4);         // withdrawn
        scheduler.scheduleNote(Part.ACCOMPANIMENT, 1, 48, 80, 0, 16);  // another part: untouched
        playUntil(T0 + 5 * 125_000_000L, timeline);
        assertThat(scheduler.silenceNotes(Part.MELODY, 6)).isEqualTo(1);
        playUntil(T0 + 3_000_000_000L, timeline);
        assertThat(out.noteOns()).extracting(RecordingOutput.Sent::data1).containsExactly(60, 48);
        RecordingOutput.Sent melodyOff = out.sent.stream().filter(x -> x.isNoteOff() && x.data1() == 60).findFirst().orElseThrow();
        RecordingOutput.Sent accompanimentOff = out.sent.stream().filter(x -> x.isNoteOff() && x.data1() == 48).findFirst().orElseThrow();
        assertThat(melodyOff.nanos()).isEqualTo(T0 + 6 * 125_000_000L);
        assertThat(accompanimentOff.nanos()).isEqualTo(T0 + 16 * 125_000_000L);
        assertThat(out.hangingNotes()).isEmpty();
    }
}
