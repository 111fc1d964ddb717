package org.analogy.engine.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;

@Command(name = "presets", mixinStandardHelpOptions = true,
        description = {"Lists the style presets, one line each: the factory ones (presets/styles/) and yours "
                + "(~/.analogy/presets/). Each is validated; a broken one is listed with what is wrong."})
final class PresetsCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        // Listing plays nothing: the stand-in band's library (no model is loaded) reads the same files.
        PresetLibrary library = org.analogy.engine.band.Band.standIns().presetLibrary(Logs.userDir());
        Map<String, Path> files = library.files();
        if (files.isEmpty()) {
            System.out.println("no presets found in " + library.factoryDir() + " or " + library.userDir());
            return 0;
        }
        int width = files.keySet().stream().mapToInt(String::length).max().orElse(10);
        var loader = library.loader().forListing(); // chord files are found, not read: a listing never stalls on one
        int broken = 0;
        for (Map.Entry<String, Path> e : files.entrySet()) {
            try {
                Preset p = loader.load(e.getValue(), library.isFactory(e.getValue()));
                System.out.printf("%-" + width + "s  %-9s  %s%s%n", e.getKey(), p.style().mode(), p.description(),
                        p.factory() ? "" : "  [yours]");
            } catch (IllegalArgumentException | java.io.IOException bad) {
                broken++;
                System.out.printf("%-" + width + "s  %-9s  ! %s%n", e.getKey(), "broken", bad.getMessage());
            }
        }
        return broken == 0 ? 0 : 2;
    }
}
