package org.analogy.engine.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.analogy.engine.time.Timeline;

/**
 * Turns the performer's note-ons and note-offs into notes on the 16th grid. Runs on the capture thread only
 * (single writer), stores notes in preallocated primitive arrays used as a ring, and allocates nothing per
 * event; it allocates only when a {@link BarWindow} is published (once per bar).
 *
 * <p>Onsets are rounded to the nearest 16th, except that a note played up to
 * {@link CaptureSettings#earlyToleranceSteps()} before a bar line belongs to that bar line. Durations come
 * from the note-off, or, while the sustain pedal of the note's channel is down, from the pedal release.
 */
public final class NoteCapture {

    private static final int CAPACITY = 1 << 14;
    private static final int MASK = CAPACITY - 1;
    private static final int NONE = -1;

    private static final byte SOUNDING = 0;
    private static final byte PEDAL_HELD = 1;
    private static final byte ENDED = 2;

    private final CaptureSettings settings;

    // One slot per note, indexed by id & MASK.
    private final long[] startStep = new long[CAPACITY];
    private final double[] endPosition = new double[CAPACITY];
    private final byte[] state = new byte[CAPACITY];
    private final byte[] pitch = new byte[CAPACITY];
    private final byte[] velocity = new byte[CAPACITY];
    private final byte[] channel = new byte[CAPACITY];
    private final long[] arrivalNanos = new long[CAPACITY];
    private long nextId;
    /** No note older than this is still sounding: scans for open notes start here. */
    private long oldestOpenId;
    /** Notes before this id belong to an earlier take (before a stop) and are never published again. */
    private long historyStartId;

    /** Id of the note currently sounding per (channel, pitch), or NONE. */
    private final long[] soundingId = new long[16 * 128];
    private final boolean[] pedalDown = new boolean[16];

    private long strayNoteOffs;

    public NoteCapture(CaptureSettings settings) {
        this.settings = settings;
        Arrays.fill(soundingId, NONE);
    }

    public CaptureSettings settings() {
        return settings;
    }

    /** The grid step a note played at {@code position} (in steps) starts on. */
    public long quantiseOnset(double position, int stepsPerBar) {
        double nextBarLine = Math.ceil(position / stepsPerBar) * stepsPerBar;
        double early = nextBarLine - position;
        if (early > 0 && early <= settings.earlyToleranceSteps()) return (long) nextBarLine;
        return (long) Math.floor(position + 0.5);
    }

    public void noteOn(long nanos, int ch, int key, int vel, Timeline timeline) {
        if (!settings.captures(ch)) return;
        double position = timeline.stepAt(nanos);
        int slot = ch * 128 + key;
        if (soundingId[slot] != NONE) end(soundingId[slot], position); // re-struck without a note-off
        long id = nextId++;
        int i = (int) (id & MASK);
        startStep[i] = quantiseOnset(position, timeline.stepsPerBar());
        endPosition[i] = Double.NaN;
        state[i] = SOUNDING;
        pitch[i] = (byte) key;
        velocity[i] = (byte) Math.max(1, vel);
        channel[i] = (byte) ch;
        arrivalNanos[i] = nanos;
        soundingId[slot] = id;
    }

    public void noteOff(long nanos, int ch, int key, Timeline timeline) {
        if (!settings.captures(ch)) return;
        int slot = ch * 128 + key;
        long id = soundingId[slot];
        if (id == NONE || id < nextId - CAPACITY) {
            strayNoteOffs++;
            return;
        }
        soundingId[slot] = NONE;
        if (pedalDown[ch]) {
            state[(int) (id & MASK)] = PEDAL_HELD;
        } else {
            end(id, timeline.stepAt(nanos));
        }
    }

    public void sustainPedal(long nanos, int ch, boolean down, Timeline timeline) {
        if (!settings.captures(ch)) return;
        boolean wasDown = pedalDown[ch];
        pedalDown[ch] = down;
        if (wasDown && !down) releasePedalHeld(ch, timeline.stepAt(nanos));
    }

    /** All notes off (CC 120/123–127) or a panic: every note of the channel ends now, pedal released. */
    public void allNotesOff(long nanos, int ch, Timeline timeline) {
        double position = timeline.stepAt(nanos);
        for (int key = 0; key < 128; key++) {
            int slot = ch * 128 + key;
            if (soundingId[slot] != NONE) {
                end(soundingId[slot], position);
                soundingId[slot] = NONE;
            }
        }
        pedalDown[ch] = false;
        releasePedalHeld(ch, position);
    }

    /** Ends every note and forgets the history: the transport was stopped or relocated. */
    public void reset(long nanos, Timeline timeline) {
        for (int ch = 0; ch < 16; ch++) allNotesOff(nanos, ch, timeline);
        historyStartId = nextId;
    }

    public long strayNoteOffs() {
        return strayNoteOffs;
    }

    public long notesCaptured() {
        return nextId;
    }

    /** Number of notes sounding (held by a key or by the pedal) right now. */
    public int soundingCount() {
        int count = 0;
        for (long id = firstPossiblyOpen(); id < nextId; id++) {
            if (state[(int) (id & MASK)] != ENDED) count++;
        }
        return count;
    }

    /**
     * Snapshot for generating {@code targetBar}: every note with an onset in the {@code historyBars} bars
     * before it, and notes begun earlier that still sound into them.
     */
    public BarWindow window(long targetBar, long nowNanos, Timeline timeline) {
        int stepsPerBar = timeline.stepsPerBar();
        int historyBars = settings.historyBars();
        long firstStep = (targetBar - historyBars) * (long) stepsPerBar;
        long endStep = targetBar * (long) stepsPerBar;
        double now = timeline.stepAt(nowNanos);
        List<CapturedNote> notes = new ArrayList<>();
        long oldest = Math.max(historyStartId, nextId - CAPACITY);
        for (long id = oldest; id < nextId; id++) {
            int i = (int) (id & MASK);
            long start = startStep[i];
            if (start >= endStep) continue;
            boolean open = state[i] != ENDED;
            long end = open ? Math.max(start + 1, (long) Math.ceil(now)) : endStep(i);
            if (end <= firstStep) continue;
            notes.add(new CapturedNote(id, channel[i], pitch[i], velocity[i], (int) (start - firstStep),
                    (int) (end - start), open));
        }
        return new BarWindow(targetBar, historyBars, stepsPerBar, nowNanos, now, timeline, notes);
    }

    private long endStep(int i) {
        return Math.max(startStep[i] + 1, (long) Math.floor(endPosition[i] + 0.5));
    }

    private void end(long id, double position) {
        int i = (int) (id & MASK);
        if (state[i] == ENDED) return;
        endPosition[i] = position;
        state[i] = ENDED;
    }

    private long firstPossiblyOpen() {
        long id = Math.max(oldestOpenId, nextId - CAPACITY);
        while (id < nextId && state[(int) (id & MASK)] == ENDED) id++;
        oldestOpenId = id;
        return id;
    }

    private void releasePedalHeld(int ch, double position) {
        for (long id = firstPossiblyOpen(); id < nextId; id++) {
            int i = (int) (id & MASK);
            if (state[i] == PEDAL_HELD && channel[i] == ch) end(id, position);
        }
    }
}
