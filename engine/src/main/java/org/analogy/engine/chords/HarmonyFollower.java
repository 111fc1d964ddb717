package org.analogy.engine.chords;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.analogy.engine.capture.BarWindow;
import org.analogy.engine.capture.CapturedNote;
import org.analogy.engine.repr.GridNote;

/**
 * Harmony that follows the performer without a chart. Each bar's chords are decided just before its downbeat
 * and decided again just before beat 3 from what the melody did on beats 1–2 (and, until enough melody has
 * been heard, before beats 2 and 4 too). A decision scores every major and minor triad, dominant and minor
 * seventh on:
 * <ul>
 *   <li>fit to the melody just heard (the last half bar counting most): its notes on the chord's tones, a
 *       semitone against a chord tone counting against it;</li>
 *   <li>the key, tracked as the melody's pitch classes over the last bars (fading, so a modulation is
 *       followed within a bar or two);</li>
 *   <li>song memory: when the last two bars' melody matches two earlier bars (in any transposition), the
 *       chords that fitted the bar after those (judged once it had been played) are recalled, transposed alike;
 *       the strongest part, as pop songs repeat their verses and choruses;</li>
 *   <li>the learned next-bar predictor's choice, when one is installed, as one vote;</li>
 *   <li>staying on the chord in use (harmony moves less often than the melody).</li>
 * </ul>
 * Before any melody nothing is played (no chord rather than a wrong one); with under a beat of melody heard
 * the chord is voiced as root and fifth only. The weights were chosen on POP909 training songs 831–850
 * ({@code ./analogy eval harmony --songs 831-850}); docs/harmony-eval.md has what each part is worth.
 *
 * <p>Follows one performance: asking for an earlier bar than before starts afresh. Called on the inference
 * thread; {@link #redecidesAt} is asked by the capture thread and reads one volatile flag.
 */
public final class HarmonyFollower implements ChordPredictor {

    /**
     * Weights of a decision's score. Fit and key are shares in [-1, 1] and [0, 1]; memory, prior and staying are
     * bonuses for agreeing with the recalled chord, the learned predictor's choice and the chord in use (at a bar
     * line and within the bar: harmony moves on bar lines); a seventh pays a little for its fourth tone; clash and
     * other are what a melody note a semitone from a chord tone, or otherwise outside the chord, is worth. The
     * scores, softened by {@code temperature}, give each chord a probability; when the best is less likely than
     * {@code sure} (0: never), only its tones that most of the probability agrees on are voiced (a safer voicing).
     */
    public record Weights(double fit, double key, double memory, double prior, double seventh, double stay,
                          double stayMidBar, double clash, double other, double temperature, double sure) {
        /** Chosen on POP909 training songs ({@code ./analogy eval harmony --songs 801-850 --follower-weights ...}). */
        public static final Weights DEFAULT = new Weights(1.0, 0.6, 1.5, 0.25, 0.12, 0.0, 0.3, -0.6, -0.15, 0.1, 0.0);

        /** These weights with some replaced, given as {@code name=value,...} (the record's component names). */
        public Weights with(String assignments) {
            double[] v = {fit, key, memory, prior, seventh, stay, stayMidBar, clash, other, temperature, sure};
            String[] names = {"fit", "key", "memory", "prior", "seventh", "stay", "stayMidBar", "clash", "other", "temperature", "sure"};
            for (String a : assignments.split(",")) {
                if (a.isBlank()) continue;
                String[] kv = a.split("=", 2);
                int i = java.util.Arrays.asList(names).indexOf(kv[0].trim());
                if (i < 0 || kv.length < 2) {
                    throw new IllegalArgumentException("follower weight '" + a.trim() + "': expected NAME=NUMBER, NAME one of " + String.join(", ", names));
                }
                try {
                    v[i] = Double.parseDouble(kv[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("follower weight '" + a.trim() + "': not a number");
                }
                if (!Double.isFinite(v[i]) || Math.abs(v[i]) > 100) throw new IllegalArgumentException("follower weight '" + a.trim() + "': outside ±100");
            }
            if (v[9] <= 0) throw new IllegalArgumentException("follower weight temperature: must be above 0");
            return new Weights(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]);
        }
    }
    /** Weight of the melody heard, by how many half bars back it lies (0: the last). */
    static final double[] RECENCY = {1.0, 0.3, 0.1, 0.05};
    /** The key's memory: each bar the old profile counts this much. */
    static final double KEY_FADE = 0.7;
    /** Melody heard (steps) by which the key counts in full. */
    static final double KEY_STEPS = 64;
    /** Two bars of melody match an earlier two when both pitch-class profiles are this close (cosine). */
    static final double RECALL_SIMILARITY = 0.9;
    /** Melody heard (steps) below which the chord is voiced as root and fifth only, and re-decided every beat. */
    static final int CONFIDENT_STEPS = 4;
    /** Melody heard (steps) below which the chords are decided again on every beat (the song is just starting). */
    static final int BEAT_DECISION_STEPS = 32;

    private static final int STEPS_PER_BAR = 16;
    private static final int HALF = 8;
    private static final Chord[] CANDIDATES = candidates();
    private static final int REMEMBERED = 16;

    private final ChordPredictor prior;
    private final Weights w;
    private final double[] key = new double[12];
    private final List<double[]> barProfiles = new ArrayList<>(); // index: bar - firstAbsorbed
    private final List<Chord[]> hindsight = new ArrayList<>();     // best chord of each half of each absorbed bar
    private final Map<Long, Chord[]> chosen = new LinkedHashMap<>(32, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Chord[]> eldest) {
            return size() > REMEMBERED;
        }
    };
    private final Map<Long, Chord[]> recalled = new LinkedHashMap<>();
    private long firstAbsorbed = Long.MIN_VALUE;
    private long absorbedThrough = Long.MIN_VALUE;
    private long lastTarget = Long.MIN_VALUE;
    private int heardSteps;
    private volatile boolean cold = true;
    private Chord current = Chord.NONE;

    /** @param prior the learned next-bar predictor, or null */
    public HarmonyFollower(ChordPredictor prior) {
        this(prior, Weights.DEFAULT);
    }

    /** @param prior the learned next-bar predictor, or null; @param weights the score's (tuning) */
    public HarmonyFollower(ChordPredictor prior, Weights weights) {
        this.prior = prior;
        this.w = weights;
    }

    @Override
    public synchronized Chord[] predictBeats(BarWindow window, List<Chord> pastBarChords) {
        long target = window.firstBar() + window.historyBars();
        if (lastTarget != Long.MIN_VALUE && target <= lastTarget) {
            Chord[] known = chosen.get(target);
            if (target == lastTarget && known != null) return known.clone();
            restart();
        }
        lastTarget = target;
        List<GridNote> notes = gridNotes(window);
        absorbUpTo(window, notes, target - 1);
        Chord[] priorBeats = null;
        if (prior != null) {
            try {
                priorBeats = prior.predictBeats(window, pastBarChords);
            } catch (RuntimeException e) {
                priorBeats = null; // the rules decide alone this bar
            }
        }
        Chord[] memory = recall(target);
        recalled.put(target, memory);
        if (recalled.size() > REMEMBERED) recalled.remove(recalled.keySet().iterator().next());
        int end = (int) (target - window.firstBar()) * STEPS_PER_BAR;
        Chord first = decide(notes, end, priorBeats == null ? null : priorBeats[0], memory == null ? null : memory[0], w.stay());
        Chord[] beats = {first, first, first, first};
        if (first.isNone() == false) current = first;
        chosen.put(target, beats);
        return beats.clone();
    }

    @Override
    public boolean decidesWithinBars() {
        return true;
    }

    @Override
    public boolean redecidesAt(long bar, int stepInBar) {
        return stepInBar == HALF || cold && stepInBar % 4 == 0 && stepInBar > 0;
    }

    @Override
    public synchronized Chord[] redecide(BarWindow window, long bar, int fromStepInBar) {
        Chord[] beats = chosen.get(bar);
        if (beats == null) return null;
        List<GridNote> notes = gridNotes(window);
        int barStart = (int) (bar - window.firstBar()) * STEPS_PER_BAR;
        int end = barStart + fromStepInBar;
        absorbPartial(notes, barStart, end);
        Chord[] memory = recalled.get(bar);
        Chord remembered = memory == null ? null : memory[fromStepInBar >= HALF ? 1 : 0];
        Chord next = decide(notes, end, null, remembered, w.stayMidBar());
        Chord[] out = beats.clone();
        for (int beat = fromStepInBar / 4; beat < out.length; beat++) out[beat] = next;
        if (!next.isNone()) current = next;
        chosen.put(bar, out);
        return out.clone();
    }

    @Override
    public synchronized Chord[] chosenFor(long bar) {
        Chord[] c = chosen.get(bar);
        return c == null ? null : c.clone();
    }

    @Override
    public Chord predictNext(List<Chord> pastBarChords, List<GridNote> recentNotes, int stepsPerBar) {
        // Without a bar position: judge from the window's notes alone, without touching the performance.
        return new HarmonyFollower(null, w).decideAlone(recentNotes, 2 * stepsPerBar);
    }

    private Chord decideAlone(List<GridNote> notes, int end) {
        for (GridNote n : notes) {
            heardSteps += Math.max(0, Math.min(n.end(), end) - Math.max(0, n.start()));
            for (int s = Math.max(0, n.start()); s < Math.min(n.end(), end); s++) key[n.pitch() % 12] += 1;
        }
        return decide(notes, end, null, null, w.stay());
    }

    /** The best candidate for the steps from {@code end} on, judged on the notes before it. */
    Chord decide(List<GridNote> notes, int end, Chord priorChord, Chord memory, double stay) {
        if (heardSteps == 0) return Chord.NONE;
        double[][] spans = new double[RECENCY.length][12];
        boolean any = false;
        for (GridNote n : notes) {
            for (int s = Math.max(n.start(), end - RECENCY.length * HALF); s < Math.min(n.end(), end); s++) {
                int back = (end - 1 - s) / HALF;
                spans[back][n.pitch() % 12] += 1;
                any = true;
            }
        }
        double keyTotal = 0;
        for (double k : key) keyTotal += k;
        Chord best = Chord.NONE;
        double bestScore = Double.NEGATIVE_INFINITY;
        double[] scores = new double[CANDIDATES.length];
        for (int ci = 0; ci < CANDIDATES.length; ci++) {
            Chord c = CANDIDATES[ci];
            double fit = 0, weight = 0;
            for (int back = 0; back < RECENCY.length; back++) {
                for (int pc = 0; pc < 12; pc++) {
                    double d = spans[back][pc];
                    if (d == 0) continue;
                    weight += RECENCY[back] * d;
                    fit += RECENCY[back] * d * toneValue(c, pc, w);
                }
            }
            double score = (weight > 0 ? w.fit() * fit / weight : 0);
            if (keyTotal > 0) {
                double inKey = 0;
                for (int pc : c.pitchClasses()) inKey += key[pc];
                // The key is known only after a few bars: early on it is just the notes heard, counted twice.
                double sureOfKey = Math.min(1.0, heardSteps / KEY_STEPS);
                score += sureOfKey * w.key() * inKey / keyTotal * 3.0 / c.pitchClasses().length;
            }
            if (memory != null && same(c, memory)) score += w.memory();
            if (priorChord != null && !priorChord.isNone() && priorChord.root() == c.root() && third(priorChord) == third(c)) score += w.prior();
            if (same(c, current)) score += stay;
            if (c.pitchClasses().length > 3) score -= w.seventh();
            scores[ci] = score;
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        if (!any && current.isNone()) return Chord.NONE;
        if (heardSteps < CONFIDENT_STEPS) return Chord.of(best.root(), new int[] {0, 7}, best.root());
        return w.sure() > 0 ? saferWhenUnsure(best, bestScore, scores) : best;
    }

    /**
     * The best chord, or when it is not likely enough, its tones that the likely chords share (at least half the
     * probability on each, and always the root): a wrong guess then sounds fewer wrong notes.
     */
    private Chord saferWhenUnsure(Chord best, double bestScore, double[] scores) {
        double total = 0;
        double[] inChord = new double[12];
        for (int ci = 0; ci < CANDIDATES.length; ci++) {
            double p = Math.exp((scores[ci] - bestScore) / w.temperature());
            total += p;
            int mask = CANDIDATES[ci].pitchClassMask();
            for (int pc = 0; pc < 12; pc++) if ((mask >> pc & 1) != 0) inChord[pc] += p;
        }
        if (1.0 / total >= w.sure()) return best;
        int mask = 1 << best.root();
        for (int pc : best.pitchClasses()) if (inChord[pc] / total >= 0.5) mask |= 1 << pc;
        if (Integer.bitCount(mask) < 2 && best.contains((best.root() + 7) % 12)) mask |= 1 << (best.root() + 7) % 12;
        return new Chord(best.root(), mask, best.root());
    }

    /** What a melody note of pitch class {@code pc} over chord {@code c} is worth: a tone, a tension, or a clash. */
    static double toneValue(Chord c, int pc, Weights w) {
        if (c.contains(pc)) return 1.0;
        if (c.contains((pc + 1) % 12) || c.contains((pc + 11) % 12)) return w.clash();
        return w.other();
    }

    private static boolean same(Chord a, Chord b) {
        return a.root() == b.root() && a.pitchClassMask() == b.pitchClassMask();
    }

    private static int third(Chord c) {
        return c.contains((c.root() + 3) % 12) && !c.contains((c.root() + 4) % 12) ? 3 : 4;
    }

    /** Takes in every whole bar up to {@code lastBar}: key, the bar's profile for song memory, its hindsight chords. */
    private void absorbUpTo(BarWindow window, List<GridNote> notes, long lastBar) {
        long from = absorbedThrough == Long.MIN_VALUE ? window.firstBar() : Math.max(absorbedThrough + 1, window.firstBar());
        for (long bar = from; bar <= lastBar; bar++) {
            if (firstAbsorbed == Long.MIN_VALUE) firstAbsorbed = bar;
            while (firstAbsorbed + barProfiles.size() < bar) {
                barProfiles.add(new double[12]);
                hindsight.add(new Chord[] {Chord.NONE, Chord.NONE});
            }
            int start = (int) (bar - window.firstBar()) * STEPS_PER_BAR;
            double[] profile = profile(notes, start, start + STEPS_PER_BAR);
            for (int pc = 0; pc < 12; pc++) key[pc] *= KEY_FADE;
            int steps = 0;
            for (GridNote n : notes) {
                int a = Math.max(n.start(), start), b = Math.min(n.end(), start + STEPS_PER_BAR);
                if (b > a) {
                    key[n.pitch() % 12] += b - a;
                    steps += b - a;
                }
            }
            heardSteps += steps;
            barProfiles.add(profile);
            hindsight.add(new Chord[] {bestFit(notes, start, start + HALF), bestFit(notes, start + HALF, start + STEPS_PER_BAR)});
            absorbedThrough = bar;
        }
        cold = heardSteps < BEAT_DECISION_STEPS;
    }

    /** Beats of the bar playing heard before a mid-bar decision count towards confidence (not the key: the bar is taken in whole later). */
    private void absorbPartial(List<GridNote> notes, int from, int to) {
        if (!cold) return;
        int steps = 0;
        for (GridNote n : notes) steps += Math.max(0, Math.min(n.end(), to) - Math.max(n.start(), from));
        if (heardSteps == 0 && steps > 0) {
            for (GridNote n : notes) {
                int a = Math.max(n.start(), from), b = Math.min(n.end(), to);
                if (b > a) key[n.pitch() % 12] += b - a;
            }
        }
        heardSteps = Math.max(heardSteps, steps);
        cold = heardSteps < BEAT_DECISION_STEPS;
    }

    /**
     * The chords that fitted the bar after the latest earlier pair of bars whose melody matches the last two
     * bars before {@code target}, in any transposition (a chorus sung again a fourth higher recalls its chords a
     * fourth higher; the same key is preferred); null when none matches.
     */
    private Chord[] recall(long target) {
        int last = (int) (target - 1 - firstAbsorbed);
        if (firstAbsorbed == Long.MIN_VALUE || last < 1 || last >= barProfiles.size()) return null;
        double[] a1 = barProfiles.get(last - 1), a2 = barProfiles.get(last);
        if (norm(a2) == 0) return null;
        int distinct = 0;
        for (int pc = 0; pc < 12; pc++) if (a1[pc] + a2[pc] > 0) distinct++;
        for (int shift : SHIFTS) {
            // A transposed match needs a melody with a shape (a held note matches any other in some key).
            if (shift != 0 && distinct < 3) break;
            for (int j = last - 2; j >= 1; j--) {
                if (j + 1 >= hindsight.size() || hindsight.get(j + 1)[0].isNone()) continue;
                if (cosine(barProfiles.get(j), a2, shift) >= RECALL_SIMILARITY && cosine(barProfiles.get(j - 1), a1, shift) >= RECALL_SIMILARITY) {
                    Chord[] then = hindsight.get(j + 1);
                    return new Chord[] {then[0].transposed(shift), then[1].transposed(shift)};
                }
            }
        }
        return null;
    }

    /** Transpositions tried by song memory, the same key first. */
    private static final int[] SHIFTS = {0, 5, 7, 2, 10, 3, 9, 4, 8, 1, 11, 6};

    /** The candidate that best fits the melody of [from, to) alone; NONE without melody there. */
    Chord bestFit(List<GridNote> notes, int from, int to) {
        double[] p = new double[12];
        double total = 0;
        for (GridNote n : notes) {
            int a = Math.max(n.start(), from), b = Math.min(n.end(), to);
            if (b > a) {
                p[n.pitch() % 12] += b - a;
                total += b - a;
            }
        }
        if (total == 0) return Chord.NONE;
        Chord best = Chord.NONE;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Chord c : CANDIDATES) {
            double s = 0;
            for (int pc = 0; pc < 12; pc++) s += p[pc] * toneValue(c, pc, w);
            s = s / total - (c.pitchClasses().length > 3 ? w.seventh() : 0);
            if (s > bestScore) {
                bestScore = s;
                best = c;
            }
        }
        return best;
    }

    private static double[] profile(List<GridNote> notes, int from, int to) {
        double[] p = new double[12];
        for (GridNote n : notes) {
            int a = Math.max(n.start(), from), b = Math.min(n.end(), to);
            if (b > a) p[n.pitch() % 12] += b - a;
        }
        return p;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    /** Cosine between {@code earlier} moved up {@code shift} semitones and {@code now}. */
    private static double cosine(double[] earlier, double[] now, int shift) {
        double na = norm(earlier), nb = norm(now);
        if (na == 0 || nb == 0) return na == nb ? 1 : 0;
        double dot = 0;
        for (int i = 0; i < 12; i++) dot += earlier[i] * now[(i + shift) % 12];
        return dot / (na * nb);
    }

    private void restart() {
        Arrays.fill(key, 0);
        barProfiles.clear();
        hindsight.clear();
        chosen.clear();
        recalled.clear();
        firstAbsorbed = Long.MIN_VALUE;
        absorbedThrough = Long.MIN_VALUE;
        lastTarget = Long.MIN_VALUE;
        heardSteps = 0;
        cold = true;
        current = Chord.NONE;
    }

    private static List<GridNote> gridNotes(BarWindow window) {
        List<GridNote> out = new ArrayList<>(window.notes().size());
        for (CapturedNote n : window.notes()) out.add(n.toGridNote());
        return out;
    }

    /** Major and minor triads, dominant and minor sevenths on every root (major sevenths add clashes with the root). */
    private static Chord[] candidates() {
        List<Chord> out = new ArrayList<>();
        for (int root = 0; root < 12; root++) {
            out.add(Chord.of(root, new int[] {0, 4, 7}, root));
            out.add(Chord.of(root, new int[] {0, 3, 7}, root));
            out.add(Chord.of(root, new int[] {0, 4, 7, 10}, root));
            out.add(Chord.of(root, new int[] {0, 3, 7, 10}, root));
        }
        return out.toArray(Chord[]::new);
    }

    @Override
    public String name() {
        return prior == null ? "harmony follower" : "harmony follower with the " + prior.name();
    }
}
