package org.analogy.train.bass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.analogy.train.TrainMain;
import org.analogy.train.run.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train bass} and {@code export bass} end to end on a tiny synthetic dataset and a tiny model: the run
 * trains, validates each epoch, keeps its best epoch, resumes from its checkpoint, and the export writes a bundle
 * whose manifest carries the validation figures (with the real lines and the rule baseline), the parity check
 * and the dataset's credit.
 */
class TrainBassTest {

    private static int run(StringWriter err, String... args) {
        CommandLine cli = TrainMain.commandLine(new TrainMain());
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void trainsResumesAndExports(@TempDir Path temp) throws Exception {
        Path data = SlakhDatasetTest.tinyDataset(temp.resolve("slakh"));
        Path out = temp.resolve("run");
        StringWriter err = new StringWriter();
        int code = run(err, "train", "bass", "--data", data.toString(), "--out", out.toString(), "--epochs", "2", "--batch", "2",
                "--hidden", "8", "--latent", "4", "--decoder-hidden", "8", "--mlp", "8", "--minutes", "5", "--log-every", "1");
        assertThat(code).as(err.toString()).isZero();
        Checkpoint first = TrainBass.load(Checkpoint.in(out));
        assertThat(first.step()).isEqualTo(4);                       // 4 windows, batch 2, 2 epochs
        assertThat(first.epoch()).isEqualTo(2);
        assertThat(Files.exists(out.resolve("best.bin"))).isTrue();
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(metrics.toString()).contains("onsetF1", "chordToneShare", "rootOnFirstBeat");

        code = run(err, "train", "bass", "--data", data.toString(), "--out", out.toString(), "--epochs", "3", "--minutes", "5", "--resume");
        assertThat(code).as(err.toString()).isZero();
        assertThat(TrainBass.load(Checkpoint.in(out)).step()).isEqualTo(6);
        assertThat(run(err, "train", "bass", "--data", data.toString(), "--out", out.toString(), "--resume", "--latent", "8")).isEqualTo(2);
        assertThat(err.toString()).contains("--latent with --resume");
        assertThat(run(err, "train", "bass", "--data", temp.resolve("none").toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no Slakh2100 there");

        Path bundle = temp.resolve("bundle");
        code = run(err, "export", "bass", "--checkpoint", Checkpoint.in(out).toString(), "--out", bundle.toString(), "--data", data.toString());
        assertThat(code).as(err.toString()).isZero();
        JsonNode manifest = new ObjectMapper().readTree(bundle.resolve("manifest.json").toFile());
        assertThat(manifest.at("/kind").asText()).isEqualTo("bass");
        assertThat(manifest.at("/latents/style").asInt()).isEqualTo(4);
        assertThat(manifest.at("/validation/windows").asInt()).isEqualTo(4);
        assertThat(manifest.at("/validation/realBassLines/chordToneShare").asDouble()).isEqualTo(1.0);
        assertThat(manifest.at("/validation/ruleBaseline/figures/rootOnFirstBeat").asDouble()).isEqualTo(1.0);
        assertThat(manifest.at("/validation/speed/decodeMedianMs").asDouble()).isPositive();
        assertThat(manifest.at("/parity/maxOutputDifference").asDouble()).isLessThan(1e-4);
        assertThat(manifest.at("/credits/0/licence").asText()).isEqualTo("CC BY 4.0");
        assertThat(manifest.at("/training/command").asText()).contains("./analogy train bass", "--resume");
        assertThat(manifest.at("/files/decoder/sha256").asText()).hasSize(64);
    }
}
