package org.analogy.engine.health;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A long run's health samples as CSV, one row a sample, written through as they come so that a run that is
 * stopped (or killed) keeps every minute it ran; lines starting with {@code #} are remarks. {@link #summarise}
 * reads such a file back and prints, per column, the first, last, minimum and maximum — the figures that
 * say whether anything grew.
 */
public final class HealthCsv implements AutoCloseable {

    public static final List<String> COLUMNS = List.of("time_utc", "minutes", "bars", "covered", "errors", "misses",
            "events_in", "events_out", "heap_used_mb", "heap_after_gc_mb", "fds", "threads", "sounding_notes",
            "stuck_notes", "osc_received", "osc_refused", "osc_replies", "cpu_seconds", "late_dropped",
            "machine_stalls_20ms", "late_in_stalls");

    private final BufferedWriter out;

    private HealthCsv(BufferedWriter out) {
        this.out = out;
    }

    /** Creates (or replaces) {@code file} with the header and the given remark lines. */
    public static HealthCsv create(Path file, List<String> remarks) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        HealthCsv csv = new HealthCsv(w);
        for (String r : remarks) csv.remark(r);
        w.write(String.join(",", COLUMNS));
        w.newLine();
        w.flush();
        return csv;
    }

    /** One sample; {@code values} in the order of {@link #COLUMNS}. */
    public synchronized void row(Object... values) throws IOException {
        if (values.length != COLUMNS.size()) {
            throw new IllegalArgumentException(values.length + " values for " + COLUMNS.size() + " columns");
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) line.append(',');
            Object v = values[i];
            line.append(v instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(v));
        }
        out.write(line.toString());
        out.newLine();
        out.flush();
    }

    public synchronized void remark(String text) throws IOException {
        out.write("# " + text.replace('\n', ' '));
        out.newLine();
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /**
     * Prints, for every numeric column of a health CSV, its first, last, minimum and maximum, and the
     * file's remarks.
     *
     * @throws IOException naming the file when it is missing or is not such a CSV
     */
    public static void summarise(Path file, PrintStream print) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException(file + ": no such file");
        List<String> remarks = new ArrayList<>();
        String[] header = null;
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            if (line.startsWith("#")) {
                remarks.add(line.substring(1).trim());
            } else if (header == null) {
                header = line.split(",", -1);
            } else {
                String[] cells = line.split(",", -1);
                if (cells.length == header.length) rows.add(cells); // a row cut short by a kill is left out
            }
        }
        if (header == null || !header[0].equals(COLUMNS.get(0))) {
            throw new IOException(file + ": not a health CSV (its header should start with " + COLUMNS.get(0) + ")");
        }
        print.printf("%s: %d samples", file, rows.size());
        if (!rows.isEmpty()) print.printf(", %s → %s", rows.get(0)[0], rows.get(rows.size() - 1)[0]);
        print.println();
        remarks.forEach(r -> print.println("  # " + r));
        if (rows.isEmpty()) return;
        print.printf(Locale.ROOT, "  %-18s %14s %14s %14s %14s%n", "column", "first", "last", "min", "max");
        for (int c = 1; c < header.length; c++) {
            double first = Double.NaN, last = Double.NaN, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
            for (String[] row : rows) {
                double v;
                try {
                    v = Double.parseDouble(row[c]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (Double.isNaN(first)) first = v;
                last = v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            if (Double.isNaN(first)) continue;
            print.printf(Locale.ROOT, "  %-18s %14s %14s %14s %14s%n", header[c], format(first), format(last), format(min), format(max));
        }
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
