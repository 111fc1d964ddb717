package org.analogy.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.health.HealthCsv;

/**
 * {@code ./analogy soak} as a user runs it, shortened: real time, the demo performing, a show controller on
 * OSC, samples every 3 s; then {@code --report} on the CSV it wrote.
 */
class SoakCommandIT {

    @TempDir
    Path dir;
    @RegisterExtension
    CliSandbox cli = new CliSandbox(() -> dir.resolve("home"));

    @Test
    void aShortSoakWritesItsSamplesAndTheReportReadsThemBack() throws Exception {
        Path csv = dir.resolve("runs/soak.csv");
        CliSandbox.Outcome soak = cli.run("soak", "--minutes", "0.3", "--sample-seconds", "3", "--osc-rate", "20", "--bpm", "200", "--csv", csv.toString());
        assertThat(soak.code()).as(soak.out()).isZero();

        List<String> lines = Files.readAllLines(csv);
        List<String[]> rows = lines.stream().filter(l -> !l.startsWith("#") && !l.startsWith("time_utc")).map(l -> l.split(",")).toList();
        assertThat(lines).contains(String.join(",", HealthCsv.COLUMNS));
        assertThat(rows).hasSizeGreaterThanOrEqualTo(4).allSatisfy(r -> assertThat(r).hasSize(HealthCsv.COLUMNS.size()));
        int col = HealthCsv.COLUMNS.indexOf("stuck_notes");
        assertThat(rows).allSatisfy(r -> assertThat(r[col]).isEqualTo("0"));
        String[] last = rows.get(rows.size() - 1);
        assertThat(Long.parseLong(last[HealthCsv.COLUMNS.indexOf("bars")])).isGreaterThan(Long.parseLong(rows.get(0)[HealthCsv.COLUMNS.indexOf("bars")]));
        assertThat(Long.parseLong(last[HealthCsv.COLUMNS.indexOf("osc_received")])).isGreaterThan(50);
        assertThat(Long.parseLong(last[HealthCsv.COLUMNS.indexOf("osc_refused")])).isGreaterThan(0);
        assertThat(Long.parseLong(last[HealthCsv.COLUMNS.indexOf("osc_replies")])).isGreaterThan(0);
        assertThat(Double.parseDouble(last[HealthCsv.COLUMNS.indexOf("heap_after_gc_mb")])).isGreaterThan(1);
        assertThat(Long.parseLong(last[HealthCsv.COLUMNS.indexOf("fds")])).isGreaterThan(0);
        assertThat(lines.get(lines.size() - 1)).startsWith("# end after").contains("notes left sounding after stop 0");

        CliSandbox.Outcome summary = cli.run("soak", "--report", csv.toString());
        assertThat(summary.code()).isZero();
        String report = summary.out();
        assertThat(report).contains(rows.size() + " samples").contains("heap_after_gc_mb").contains("stuck_notes").contains("# end after");
    }
}
