package org.analogy.engine.schedule;

import java.util.List;

import org.analogy.engine.metrics.LatencyMetrics;
import org.analogy.engine.metrics.MissLog;
import org.analogy.engine.metrics.Stage;
import org.analogy.engine.output.MidiOutput;
import org.analogy.engine.output.SessionRecorder;
import org.analogy.engine.process.NoteSink;
import org.analogy.engine.process.Part;
import org.analogy.engine.time.Timeline;

/**
 * Sends generated events at their time and keeps the books on every note it starts, so that nothing can
 * hang: each note-on has its note-off queued with it, a note struck again while sounding is released
 * first, and {@link #allNotesOff} releases everything sounding and sends CC 123 on every channel used.
 *
 * <p>Clock-agnostic and single-threaded: the live scheduler thread and the virtual-time renderer both
 * call {@link #dispatchDue} with "now". Positions are musical (16th steps) and become times only when due,
 * at the tempo then in force. Nothing here allocates per event.
 *
 * <p><b>Two lanes.</b> Outputs that declare a {@link MidiOutput#sendAheadNanos() send-ahead} (JACK) form the
 * early lane: the scheduler decides each event (drop if late, re-strike, the note books) that long before
 * it is due, at the largest send-ahead among them, and hands it to them at once with its due time. The
 * decided message then waits in a delay line ({@link DecidedEvents}) and reaches the other outputs and the
 * recorder exactly when due, as before. A tempo change reaches events not yet decided, so the early lane
 * hears it one send-ahead later. With no early outputs there is no delay line and nothing changes.
 */
public final class Scheduler {

    private static final int NONE = 0;
    private static final Part[] PARTS = Part.values();

    private final PendingEvents pending;
    private final MidiOutput[] outputs;
    /** Indices into {@link #outputs}: those that take events {@link #leadNanos} early, and those that take them when due. */
    private final int[] earlyLane;
    private final int[] exactLane;
    private final long leadNanos;
    private final DecidedEvents decided;
    /** Latest due time handed to the early lane, so that a release sent to it lands after everything it holds. */
    private long lastEarlyDue = Long.MIN_VALUE;
    /** The timeline of the last {@link #dispatchDue}: what the early lane's due times were computed on. */
    private Timeline timelineInUse;
    /** What each output reported at its last use, so a return (unavailable → available) is noticed. */
    private final boolean[] outputWasAvailable;
    private final SessionRecorder recorder;
    private final LatencyMetrics metrics;
    private final long lateLimitNanos;

    /** Id of the note sounding per (channel, pitch), or NONE. */
    private final long[] soundingNote = new long[16 * 128];
    private final int[] soundingPart = new int[16 * 128];
    private int soundingCount;
    private int usedChannels;
    /** Part last heard on each channel, so a final CC 123 lands in that part's track of the recording. */
    private final int[] channelPart = new int[16];
    private long nextNoteId = 1;

    /**
     * @param lateLimitNanos a note-on found more than this past its time is dropped and counted rather than
     *                       played late (note-offs are always sent)
     */
    public Scheduler(List<MidiOutput> outputs, SessionRecorder recorder, LatencyMetrics metrics,
                     int capacity, long lateLimitNanos) {
        this.pending = new PendingEvents(capacity);
        this.outputs = outputs.toArray(new MidiOutput[0]);
        this.earlyLane = java.util.stream.IntStream.range(0, this.outputs.length)
                .filter(i -> this.outputs[i].sendAheadNanos() > 0).toArray();
        this.exactLane = java.util.stream.IntStream.range(0, this.outputs.length)
                .filter(i -> this.outputs[i].sendAheadNanos() <= 0).toArray();
        this.leadNanos = outputs.stream().mapToLong(MidiOutput::sendAheadNanos).max().orElse(0);
        this.decided = leadNanos > 0 ? new DecidedEvents(capacity) : null;
        this.outputWasAvailable = new boolean[this.outputs.length];
        java.util.Arrays.fill(outputWasAvailable, true);
        this.recorder = recorder;
        this.metrics = metrics;
        this.lateLimitNanos = lateLimitNanos;
    }

    /** Queues a note; its note-off is queued with it. Returns false (counted) if the queue is full. */
    public boolean scheduleNote(Part part, int channel, int pitch, int velocity, double startStep, double durationSteps) {
        if (pending.size() + 2 > pending.capacity()) {
            metrics.queueOverflows.incrementAndGet();
            return false;
        }
        long id = nextNoteId++;
        pending.add(startStep, PendingEvents.NOTE_ON, part.ordinal(), channel, pitch, velocity, id);
        pending.add(startStep + durationSteps, PendingEvents.NOTE_OFF, part.ordinal(), channel, pitch, 0, id);
        return true;
    }

    public boolean scheduleControl(Part part, int channel, int controller, int value, double atStep) {
        if (!pending.add(atStep, PendingEvents.CONTROL, part.ordinal(), channel, controller, value, NONE)) {
            metrics.queueOverflows.incrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * A bar was revised from {@code fromStep} on (a chord changed mid-bar): the part's note-ons not yet due
     * from there are withdrawn, and the revision's notes take their place. Notes already sounding play out.
     */
    public int cancelNotes(Part part, double fromStep) {
        return pending.cancelNoteOns(part.ordinal(), fromStep);
    }

    /**
     * Silences {@code part} from {@code fromStep}: its note-ons from there are withdrawn and its notes sounding then
     * are released there (an answer giving way to the performer). Returns the note-ons withdrawn.
     */
    public int silenceNotes(Part part, double fromStep) {
        int cancelled = pending.cancelNoteOns(part.ordinal(), fromStep);
        pending.releaseNoteOffs(part.ordinal(), fromStep);
        return cancelled;
    }

    /**
     * When {@link #dispatchDue} next has work: the earliest queued event's due time (less the send-ahead of the
     * early lane), or a decided event reaching the exact-time outputs; {@link Long#MAX_VALUE} when there is none.
     */
    public long nextDueNanos(Timeline timeline) {
        long decidedDue = decided == null ? Long.MAX_VALUE : decided.nextDue();
        if (pending.isEmpty() || !timeline.running()) return decidedDue;
        return Math.min(decidedDue, timeline.nanosAt(pending.step(pending.peek())) - leadNanos);
    }

    /** How long before its due time an event is decided and handed to the early lane; 0 without one. */
    public long leadNanos() {
        return leadNanos;
    }

    /**
     * Sends every event due at or before {@code nowNanos} (and hands the early lane those due within its
     * send-ahead); returns when there is work next. The scheduling error recorded is {@code nowNanos − due}
     * at the moment an event reaches the exact-time outputs: call it as close to that time as you can.
     */
    public long dispatchDue(long nowNanos, Timeline timeline) {
        timelineInUse = timeline;
        releaseDecided(nowNanos);
        if (!timeline.running()) return nextDecidedDue();
        while (!pending.isEmpty()) {
            int slot = pending.peek();
            long due = timeline.nanosAt(pending.step(slot));
            if (due - leadNanos > nowNanos) return Math.min(due - leadNanos, nextDecidedDue());
            pending.poll();
            long lateness = nowNanos - due;
            int ch = pending.channel(slot);
            Part part = PARTS[pending.part(slot)];
            switch (pending.kind(slot)) {
                case PendingEvents.NOTE_ON:
                    if (lateness > lateLimitNanos) {
                        // Counted apart from deadline misses (bars not generated in time): the bar was ready,
                        // this thread was not running when the note was due.
                        metrics.lateEventsDropped.incrementAndGet();
                        metrics.missLog.record(MissLog.Kind.LATE_NOTE_DROPPED, due, nowNanos);
                    } else {
                        noteOn(due, nowNanos, part, ch, pending.data1(slot), pending.data2(slot), pending.noteId(slot));
                    }
                    break;
                case PendingEvents.NOTE_OFF:
                    noteOff(due, nowNanos, ch, pending.data1(slot), pending.noteId(slot));
                    break;
                case PendingEvents.CANCELLED:
                    break; // its bar was revised; the note-off will find nothing sounding
                default:
                    if (pending.data1(slot) == NoteSink.PROGRAM_CHANGE) {
                        send(due, due, nowNanos, part, 0xC0 | ch, pending.data2(slot), 0, true);
                    } else {
                        send(due, due, nowNanos, part, 0xB0 | ch, pending.data1(slot), pending.data2(slot), true);
                    }
            }
        }
        return nextDecidedDue();
    }

    /**
     * Stop, panic, mode change, device loss, error or shutdown: forget everything queued, release every
     * sounding note, then CC 123 (all notes off) on every channel used so far.
     */
    public void allNotesOff(long nowNanos) {
        pending.clear();
        flushDecided(nowNanos);
        // The early lane may already hold note-ons due later: its releases must come after them.
        long earlyDue = Math.max(nowNanos, lastEarlyDue);
        for (int slot = 0; slot < soundingNote.length && soundingCount > 0; slot++) {
            if (soundingNote[slot] != NONE) releaseNow(earlyDue, nowNanos, slot >> 7, slot & 127, soundingNote[slot]);
        }
        for (int ch = 0; ch < 16; ch++) {
            if ((usedChannels & (1 << ch)) != 0) send(earlyDue, nowNanos, nowNanos, PARTS[channelPart[ch]], 0xB0 | ch, 123, 0, false);
        }
    }

    /**
     * A system real-time or common message (clock, start, stop, song position) to the outputs that follow
     * our clock; not recorded, not counted as a note event.
     */
    public void sendClock(long nanos, int status, int data1, int data2) {
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i].wantsClock() && ready(i, nanos)) outputs[i].send(nanos, status, data1, data2);
        }
    }

    public boolean hasClockOutputs() {
        for (MidiOutput out : outputs) if (out.wantsClock()) return true;
        return false;
    }

    public int soundingCount() {
        return soundingCount;
    }

    public int pendingCount() {
        return pending.size();
    }

    private void noteOn(long due, long now, Part part, int ch, int pitch, int velocity, long id) {
        int slot = ch << 7 | pitch;
        if (soundingNote[slot] != NONE) noteOff(due, now, ch, pitch, soundingNote[slot]); // re-strike
        soundingNote[slot] = id;
        soundingPart[slot] = part.ordinal();
        soundingCount++;
        usedChannels |= 1 << ch;
        channelPart[ch] = part.ordinal();
        send(due, due, now, part, 0x90 | ch, pitch, velocity, true);
    }

    private void noteOff(long due, long now, int ch, int pitch, long id) {
        releaseNow(due, due, now, ch, pitch, id);
    }

    private void releaseNow(long earlyDue, long now, int ch, int pitch, long id) {
        releaseNow(earlyDue, now, now, ch, pitch, id);
    }

    private void releaseNow(long earlyDue, long exactDue, long now, int ch, int pitch, long id) {
        int slot = ch << 7 | pitch;
        if (soundingNote[slot] != id || id == NONE) return; // never started (dropped late) or re-struck since
        soundingNote[slot] = NONE;
        soundingCount--;
        send(earlyDue, exactDue, now, PARTS[soundingPart[slot]], 0x80 | ch, pitch, 0, false);
    }

    /**
     * One decided message: to the early lane at once (due {@code earlyDue}); to the exact-time outputs and the
     * recorder now if {@code exactDue} has come, else through the delay line. Outputs get the time the event
     * was due; the recording keeps the time it was actually sent.
     *
     * @param timed note-ons and controls, whose lateness is the scheduling error
     */
    private void send(long earlyDue, long exactDue, long now, Part part, int status, int data1, int data2, boolean timed) {
        for (int i : earlyLane) {
            if (ready(i, earlyDue) && outputs[i].carries(part)) outputs[i].send(earlyDue, timelineInUse, status, data1, data2);
        }
        if (earlyLane.length > 0) lastEarlyDue = Math.max(lastEarlyDue, earlyDue);
        if (exactDue > now && decided != null && decided.add(exactDue, part.ordinal(), status, data1, data2, timed)) return;
        sendExact(exactDue, now, part, status, data1, data2, timed);
    }

    /**
     * Whether output {@code i} can be sent to now. An output that comes back after being unavailable (a
     * device plugged in again) may still hold notes from before it vanished, so it first gets CC 123 on
     * every channel used; notes sounding now then end normally with their note-offs.
     */
    private boolean ready(int i, long nanos) {
        boolean available = outputs[i].isAvailable();
        if (available && !outputWasAvailable[i]) {
            for (int ch = 0; ch < 16; ch++) {
                if ((usedChannels & (1 << ch)) != 0) outputs[i].send(nanos, 0xB0 | ch, 123, 0);
            }
            metrics.outputsReturned.incrementAndGet();
        }
        outputWasAvailable[i] = available;
        return available;
    }

    private void sendExact(long due, long now, Part part, int status, int data1, int data2, boolean timed) {
        for (int i : exactLane) {
            if (ready(i, due) && outputs[i].carries(part)) outputs[i].send(due, status, data1, data2);
        }
        if (recorder != null) recorder.recordOutput(now, part, status, data1, data2);
        if (timed) metrics.record(Stage.SCHEDULE_ERROR, now - due);
        metrics.eventsSent.incrementAndGet();
    }

    /** Decided messages whose time has come go to the exact-time outputs and the recorder. */
    private void releaseDecided(long now) {
        if (decided == null) return;
        while (!decided.isEmpty() && decided.nextDue() <= now) {
            sendExact(decided.nextDue(), now, PARTS[decided.headPart()], decided.headStatus(), decided.headData1(),
                    decided.headData2(), decided.headTimed());
            decided.removeHead();
        }
    }

    /**
     * On a release of everything: note-offs and controls still waiting go out now, so no exact-time output keeps
     * a note its note-off was held back for; note-ons not yet heard there are dropped.
     */
    private void flushDecided(long now) {
        if (decided == null) return;
        while (!decided.isEmpty()) {
            int status = decided.headStatus();
            if ((status & 0xF0) != 0x90) {
                sendExact(now, now, PARTS[decided.headPart()], status, decided.headData1(), decided.headData2(), false);
            }
            decided.removeHead();
        }
    }

    private long nextDecidedDue() {
        return decided == null ? Long.MAX_VALUE : decided.nextDue();
    }
}
