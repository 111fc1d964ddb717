package org.analogy.train.attributes;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.analogy.train.data.Pop909Dataset;
import org.analogy.train.run.Defaults;

/** {@code ./analogy export attributes}: adds {@link AttributeDirections} to a melody or accompaniment bundle. */
@Command(name = "attributes", mixinStandardHelpOptions = true,
        description = {"Adds attribute directions (density, register, syncopation: mean latent differences over the training songs) "
                + "to a melody or accompaniment bundle as attributes.json, for \"attributes\" in a preset's transforms."})
public final class ExportAttributes implements Callable<Integer>, Defaults {

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "The melody or accompaniment bundle to add them to.")
    Path bundle;

    @Option(names = "--data", paramLabel = "DIR", description = "POP909 root (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--windows", paramLabel = "N", description = "Training windows to encode, spread over songs 001–850 (default: ${DEFAULT-VALUE}).")
    int windows;

    @Override
    public Map<String, String> defaults() {
        return Map.of("--data", Pop909Dataset.defaultRoot().toString(), "--windows", "6000");
    }

    @Override
    public Integer call() throws Exception {
        AttributeDirections.addTo(bundle, data, windows);
        return 0;
    }
}
