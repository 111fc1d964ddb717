package org.analogy.engine.schedule;

import java.util.List;

import org.analogy.engine.metrics.LatencyMetrics;
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
 */
public final class Scheduler {

    private static final int NONE = 0;
    private static final Part[] PARTS = Part.values();

    private final PendingEvents pending;
    private final MidiOutput[] outputs;
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

    /** Time the earliest queued event is due, or {@link Long#MAX_VALUE} when nothing is queued or stopped. */
    public long nextDueNanos(Timeline timeline) {
        if (pending.isEmpty() || !timeline.running()) return Long.MAX_VALUE;
        return timeline.nanosAt(pending.step(pending.peek()));
    }

    /**
     * Sends every event due at or before {@code nowNanos}; returns the time the next one is due.
     * The scheduling error recorded is {@code nowNanos − due}: call it as close to the due time as you can.
     */
    public long dispatchDue(long nowNanos, Timeline timeline) {
        if (!timeline.running()) return Long.MAX_VALUE;
        while (!pending.isEmpty()) {
            int slot = pending.peek();
            long due = timeline.nanosAt(pending.step(slot));
            if (due > nowNanos) return due;
            pending.poll();
            long lateness = nowNanos - due;
            int ch = pending.channel(slot);
            Part part = PARTS[pending.part(slot)];
            switch (pending.kind(slot)) {
                case PendingEvents.NOTE_ON:
                    if (lateness > lateLimitNanos) {
                        metrics.lateEventsDropped.incrementAndGet();
                        metrics.deadlineMisses.incrementAndGet();
                    } else {
                        noteOn(due, nowNanos, part, ch, pending.data1(slot), pending.data2(slot), pending.noteId(slot));
                        metrics.record(Stage.SCHEDULE_ERROR, lateness);
                    }
                    break;
                case PendingEvents.NOTE_OFF:
                    noteOff(due, nowNanos, ch, pending.data1(slot), pending.noteId(slot));
                    break;
                case PendingEvents.CANCELLED:
                    break; // its bar was revised; the note-off will find nothing sounding
                default:
                    if (pending.data1(slot) == NoteSink.PROGRAM_CHANGE) {
                        send(due, nowNanos, part, 0xC0 | ch, pending.data2(slot), 0);
                    } else {
                        send(due, nowNanos, part, 0xB0 | ch, pending.data1(slot), pending.data2(slot));
                    }
                    metrics.record(Stage.SCHEDULE_ERROR, lateness);
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * Stop, panic, mode change, device loss, error or shutdown: forget everything queued, release every
     * sounding note, then CC 123 (all notes off) on every channel used so far.
     */
    public void allNotesOff(long nowNanos) {
        pending.clear();
        for (int slot = 0; slot < soundingNote.length && soundingCount > 0; slot++) {
            if (soundingNote[slot] != NONE) noteOff(nowNanos, nowNanos, slot >> 7, slot & 127, soundingNote[slot]);
        }
        for (int ch = 0; ch < 16; ch++) {
            if ((usedChannels & (1 << ch)) != 0) send(nowNanos, nowNanos, PARTS[channelPart[ch]], 0xB0 | ch, 123, 0);
        }
    }

    /**
     * A system real-time or common message (clock, start, stop, song position) to the outputs that follow
     * our clock; not recorded, not counted as a note event.
     */
    public void sendClock(long nanos, int status, int data1, int data2) {
        for (MidiOutput out : outputs) {
            if (out.wantsClock() && out.isAvailable()) out.send(nanos, status, data1, data2);
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
        send(due, now, part, 0x90 | ch, pitch, velocity);
    }

    private void noteOff(long due, long now, int ch, int pitch, long id) {
        int slot = ch << 7 | pitch;
        if (soundingNote[slot] != id || id == NONE) return; // never started (dropped late) or re-struck since
        soundingNote[slot] = NONE;
        soundingCount--;
        send(due, now, PARTS[soundingPart[slot]], 0x80 | ch, pitch, 0);
    }

    /** Outputs get the time the event was due; the recording keeps the time it was actually sent. */
    private void send(long due, long now, Part part, int status, int data1, int data2) {
        for (MidiOutput out : outputs) {
            if (out.isAvailable()) out.send(due, status, data1, data2);
        }
        if (recorder != null) recorder.recordOutput(now, part, status, data1, data2);
        metrics.eventsSent.incrementAndGet();
    }
}
