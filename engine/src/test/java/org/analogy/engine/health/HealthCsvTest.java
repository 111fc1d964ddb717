package org.analogy.engine.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The soak's CSV: written through row by row, and summarised as first, last, min and max per column. */
class HealthCsvTest {

    @TempDir
    Path dir;

    private static Object[] row(String time, double minutes, double heapAfterGc, long fds, int stuck) {
        return new Object[] {time, minutes, 10L, 0L, 0L, 0L, 100L, 120L, 20.0, heapAfterGc, fds, 16, 3, stuck, 5L, 1L, 9L, 1.5, 0L, 0L, 0L};
    }

    @Test
    void rowsAreOnDiskAsSoonAsWrittenAndSummarisedPerColumn() throws Exception {
        Path file = dir.resolve("soak/run.csv");
        try (HealthCsv csv = HealthCsv.create(file, List.of("a test run"))) {
            csv.row(row("2026-01-01T00:01:00Z", 1, 15.5, 47, 0));
            // Written through: readable while the run goes on (or after it is killed).
            assertThat(Files.readAllLines(file)).hasSize(3).last().asString().startsWith("2026-01-01T00:01:00Z,1.000,");
            csv.row(row("2026-01-01T00:02:00Z", 2, 17.25, 49, 2));
            csv.row(row("2026-01-01T00:03:00Z", 3, 16.0, 48, 0));
            csv.remark("end: 0 notes left sounding");
        }
        Files.writeString(file, "2026-01-01T00:04:00Z,4.000,1", java.nio.file.StandardOpenOption.APPEND); // cut short by a kill

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HealthCsv.summarise(file, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("3 samples, 2026-01-01T00:01:00Z → 2026-01-01T00:03:00Z")
                .contains("# a test run").contains("# end: 0 notes left sounding");
        assertThat(line(text, "heap_after_gc_mb")).containsSubsequence("15.500", "16", "15.500", "17.250");
        assertThat(line(text, "fds").split("\\s+")).containsExactly("", "fds", "47", "48", "47", "49");
        assertThat(line(text, "stuck_notes").split("\\s+")).containsExactly("", "stuck_notes", "0", "0", "0", "2");
    }

    @Test
    void aRowWithTheWrongNumberOfValuesIsRefused() throws Exception {
        try (HealthCsv csv = HealthCsv.create(dir.resolve("x.csv"), List.of())) {
            assertThatThrownBy(() -> csv.row("only", 2)).hasMessageContaining("2 values for " + HealthCsv.COLUMNS.size() + " columns");
        }
    }

    @Test
    void aFileThatIsNotAHealthCsvIsNamed() throws Exception {
        Path other = Files.writeString(dir.resolve("other.csv"), "a,b\n1,2\n");
        assertThatThrownBy(() -> HealthCsv.summarise(other, System.out)).hasMessageContaining("other.csv: not a health CSV");
        assertThatThrownBy(() -> HealthCsv.summarise(dir.resolve("missing.csv"), System.out)).hasMessageContaining("missing.csv: no such file");
    }

    private static String line(String text, String column) {
        return text.lines().filter(l -> l.trim().startsWith(column + " ")).findFirst().orElseThrow(() -> new AssertionError(text));
    }
}
