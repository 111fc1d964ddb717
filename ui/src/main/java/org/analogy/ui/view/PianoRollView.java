package org.analogy.ui.view;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

import org.analogy.engine.chords.Chord;
import org.analogy.ui.controls.ChordView;
import org.analogy.ui.controls.PerformanceControls.Voice;
import org.analogy.ui.controls.TransportState;

/**
 * A scrolling piano roll: the last bars of what was played and generated, flowing to the left past the
 * "now" line, with the bar and beat grid, the chord of each bar on top and the predicted chords ahead
 * (waterfall: fainter the further ahead). Drawn on a canvas at display rate.
 */
public final class PianoRollView extends Region {

    static final Color INPUT = Color.web("#4fc3f7");
    static final Color MELODY = Color.web("#ffb74d");
    static final Color ACCOMPANIMENT = Color.web("#81c784");
    private static final double CHORD_BAND = 30;
    private static final double GUTTER = 44;
    private static final int PAST_BARS = 4;
    private static final int AHEAD_BARS = 2;

    private final Canvas canvas = new Canvas();
    private final RollBuffer notes;
    private final Map<Long, Chord> chordByBar = new TreeMap<>();
    private ChordView chords = ChordView.NONE;
    private double low = 48;
    private double high = 84;
    // What the last frame showed: a stopped, unchanged roll is not drawn again (software rendering is not free).
    private double drawnStep = Double.NaN;
    private double drawnWidth;
    private double drawnHeight;
    private int drawnNotes = -1;
    private int drawnChords = -1;
    private boolean settling = true;

    public PianoRollView(RollBuffer notes) {
        this.notes = notes;
        getStyleClass().add("piano-roll");
        getChildren().add(canvas);
        setMinSize(300, 160);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
    }

    /** Remembers the chord of each bar as it is reported, for the band above the roll. */
    public void chords(ChordView view) {
        if (view.bar() != Long.MIN_VALUE) {
            chordByBar.put(view.bar(), view.current());
            while (chordByBar.size() > 64) chordByBar.remove(chordByBar.keySet().iterator().next());
        }
        chords = view;
    }

    /** Draws a frame if anything on it changed; returns whether it did. */
    public boolean draw(TransportState t) {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w < 10 || h < 10) return false;
        int chordCount = chordByBar.size() * 31 + chords.ahead().size();
        boolean unchanged = !t.running() && !settling && t.step() == drawnStep && w == drawnWidth && h == drawnHeight
                && notes.size() == drawnNotes && notes.openCount() == 0 && chordCount == drawnChords;
        if (unchanged) return false;
        drawnStep = t.step();
        drawnWidth = w;
        drawnHeight = h;
        drawnNotes = notes.size();
        drawnChords = chordCount;
        int stepsPerBar = t.meter().stepsPerBar();
        double now = t.step();
        double from = now - PAST_BARS * stepsPerBar;
        double to = now + AHEAD_BARS * stepsPerBar;
        double pxPerStep = (w - GUTTER) / (to - from);
        List<RollBuffer.Span> visible = notes.between(from, to);
        fitPitchRange(visible);
        double rollTop = CHORD_BAND;
        double rowH = (h - rollTop) / (high - low + 1);

        g.setFill(Color.web("#101216"));
        g.fillRect(0, 0, w, h);
        // Keyboard rows: black keys a shade darker; C labelled.
        for (int p = (int) Math.ceil(low); p <= high; p++) {
            double y = yOf(p, rollTop, rowH);
            boolean black = isBlack(p);
            g.setFill(black ? Color.web("#15181e") : Color.web("#1b1f26"));
            g.fillRect(GUTTER, y, w - GUTTER, rowH);
            g.setFill(black ? Color.web("#2a2f38") : Color.web("#d0d4da"));
            g.fillRect(0, y, GUTTER - 14, Math.max(1, rowH - 0.5));
            if (p % 12 == 0 && rowH >= 6) {
                g.setFill(Color.web("#8a93a0"));
                g.setFont(Font.font(10));
                g.setTextBaseline(VPos.CENTER);
                g.setTextAlign(TextAlignment.RIGHT);
                g.fillText("C" + (p / 12 - 1), GUTTER - 2, y + rowH / 2);
            }
        }
        // Grid: beats faint, bars bright, with the bar number in the chord band.
        for (double s = Math.ceil(from / 4) * 4; s <= to; s += 4) {
            double x = GUTTER + (s - from) * pxPerStep;
            boolean bar = Math.floorMod((long) s, stepsPerBar) == 0;
            g.setStroke(bar ? Color.web("#4a5160") : Color.web("#272c35"));
            g.setLineWidth(bar ? 1.5 : 1);
            g.strokeLine(x, bar ? 0 : rollTop, x, h);
            if (bar) drawChord(g, (long) Math.floorDiv((long) s, stepsPerBar), x, pxPerStep * stepsPerBar);
        }
        // Notes.
        for (RollBuffer.Span n : visible) {
            if (n.pitch < low || n.pitch > high) continue;
            double x0 = GUTTER + (Math.max(n.start, from) - from) * pxPerStep;
            double end = n.sounding() ? Math.max(now, n.start + 0.25) : n.end();
            double x1 = GUTTER + (Math.min(end, to) - from) * pxPerStep;
            double y = yOf(n.pitch, rollTop, rowH);
            Color c = colour(n.voice);
            g.setFill(c.deriveColor(0, 1, 1, 0.45 + 0.55 * n.velocity / 127.0));
            g.fillRoundRect(x0, y + 0.5, Math.max(3, x1 - x0), Math.max(2, rowH - 1), 4, 4);
        }
        // Now.
        double nowX = GUTTER + (now - from) * pxPerStep;
        g.setFill(Color.web("#ffffff", 0.05));
        g.fillRect(nowX, rollTop, w - nowX, h - rollTop);
        g.setStroke(t.running() ? Color.web("#ff5252") : Color.web("#9e9e9e"));
        g.setLineWidth(2);
        g.strokeLine(nowX, 0, nowX, h);
        legend(g, w);
        return true;
    }

    private void drawChord(GraphicsContext g, long bar, double x, double barWidth) {
        String text = null;
        double alpha = 1;
        boolean later = false;
        boolean predicted = false;
        Chord known = chordByBar.get(bar);
        if (known != null) {
            text = known.isNone() ? "N.C." : known.toSymbol();
        } else if (chords.bar() != Long.MIN_VALUE && bar > chords.bar() && bar - chords.bar() <= chords.ahead().size()) {
            int ahead = (int) (bar - chords.bar());
            Chord c = chords.ahead().get(ahead - 1);
            text = c.isNone() ? "N.C." : c.toSymbol();
            alpha = Math.max(0.25, 0.8 - 0.2 * ahead);
            later = true;
            predicted = !chords.charted(); // a chart's chords are certain: no question mark
        }
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(Font.font(null, FontWeight.NORMAL, 11));
        g.setFill(Color.web("#6c7480"));
        g.fillText(Long.toString(bar + 1), x + 4, 9);
        if (text == null) return;
        g.setFont(Font.font(null, later ? FontWeight.NORMAL : FontWeight.BOLD, 15));
        g.setFill(later ? Color.web("#b39ddb", alpha) : Color.web("#ffe082"));
        g.fillText(predicted ? text + "?" : text, x + 6, 21, Math.max(10, barWidth - 10));
    }

    private static final String[] LEGEND = {"input", "melody", "accompaniment"};
    private static final Font LEGEND_FONT = Font.font(11);

    /**
     * The colours' names at the bottom right, each measured in its font and set on a backing so the notes and bar
     * numbers under it never run into it.
     */
    private void legend(GraphicsContext g, double w) {
        List<javafx.geometry.Bounds> boxes = legendBounds();
        if (boxes.isEmpty()) return;
        javafx.geometry.Bounds first = boxes.get(0);
        g.setFill(Color.web("#15181d", 0.85));
        g.fillRoundRect(first.getMinX() - 6, first.getMinY() - 2, w - first.getMinX() + 2, first.getHeight() + 4, 6, 6);
        g.setFont(LEGEND_FONT);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        Color[] colours = {INPUT, MELODY, ACCOMPANIMENT};
        for (int i = 0; i < LEGEND.length; i++) {
            javafx.geometry.Bounds b = boxes.get(i);
            g.setFill(colours[i]);
            g.fillText(LEGEND[i], b.getMinX(), b.getMinY() + b.getHeight() / 2);
        }
    }

    /** Where each legend entry is drawn, in the roll's coordinates (measured, so no two touch). */
    public List<javafx.geometry.Bounds> legendBounds() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        List<javafx.geometry.Bounds> out = new java.util.ArrayList<>();
        if (w <= 0 || h <= 0) return out;
        javafx.scene.text.Text probe = new javafx.scene.text.Text();
        probe.setFont(LEGEND_FONT);
        double[] widths = new double[LEGEND.length];
        double total = 0;
        double lineHeight = 0;
        for (int i = 0; i < LEGEND.length; i++) {
            probe.setText(LEGEND[i]);
            widths[i] = probe.getLayoutBounds().getWidth();
            lineHeight = Math.max(lineHeight, probe.getLayoutBounds().getHeight());
            total += widths[i] + (i > 0 ? 12 : 0);
        }
        double x = w - 8 - total;
        double y = h - lineHeight - 6;
        for (int i = 0; i < LEGEND.length; i++) {
            out.add(new javafx.geometry.BoundingBox(x, y, widths[i], lineHeight));
            x += widths[i] + 12;
        }
        return out;
    }

    /** Follows the notes on screen, keeping at least two octaves, easing so the roll does not jump. */
    private void fitPitchRange(List<RollBuffer.Span> visible) {
        double lo = 60;
        double hi = 60;
        boolean any = false;
        for (RollBuffer.Span s : visible) {
            lo = any ? Math.min(lo, s.pitch) : s.pitch;
            hi = any ? Math.max(hi, s.pitch) : s.pitch;
            any = true;
        }
        lo -= 4;
        hi += 4;
        if (hi - lo < 24) {
            double mid = (hi + lo) / 2;
            lo = mid - 12;
            hi = mid + 12;
        }
        double targetLow = Math.max(0, lo);
        double targetHigh = Math.min(127, hi);
        low += (targetLow - low) * 0.15;
        high += (targetHigh - high) * 0.15;
        settling = Math.abs(targetLow - low) > 0.05 || Math.abs(targetHigh - high) > 0.05;
    }

    private double yOf(int pitch, double top, double rowH) {
        return top + (high - pitch) * rowH;
    }

    private static boolean isBlack(int pitch) {
        int pc = pitch % 12;
        return pc == 1 || pc == 3 || pc == 6 || pc == 8 || pc == 10;
    }

    static Color colour(Voice v) {
        return switch (v) {
            case INPUT -> INPUT;
            case MELODY -> MELODY;
            case ACCOMPANIMENT -> ACCOMPANIMENT;
        };
    }

    /** The chord symbols shown ahead of the bar being generated, nearest first ("N.C." for none). */
    public List<String> aheadSymbols() {
        return chords.ahead().stream().map(c -> c.isNone() ? "N.C." : c.toSymbol()).toList();
    }

    /** The chord symbols of the bars remembered, oldest first ("N.C." for none). */
    public List<String> chordSymbols() {
        return chordByBar.values().stream().map(c -> c.isNone() ? "N.C." : c.toSymbol()).toList();
    }

    public RollBuffer notes() {
        return notes;
    }

    public Canvas canvas() {
        return canvas;
    }
}
