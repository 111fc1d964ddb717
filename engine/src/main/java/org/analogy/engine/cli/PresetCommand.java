package org.analogy.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import org.analogy.engine.chords.ChordChart;
import org.analogy.engine.model.ModelBundle;
import org.analogy.engine.style.Preset;
import org.analogy.engine.style.PresetLibrary;
import org.analogy.engine.style.ReferenceClips;

@Command(name = "preset", mixinStandardHelpOptions = true, description = "Makes your own style presets.",
        subcommands = {PresetCommand.New.class})
final class PresetCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("usage: ./analogy preset new NAME --texture-from MY.mid …   (./analogy preset new --help)");
        return 2;
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Writes a preset of your own to ~/.analogy/presets/NAME.json, starting from another preset "
                + "and taking factors from your MIDI clips (their first two bars). The clips are copied beside it "
                + "(~/.analogy/presets/clips/), so the preset keeps working if the originals move."})
    static final class New implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", description = "The new preset's name (letters, digits, '-', '_').")
        String name;

        @Option(names = "--from", defaultValue = "ballad", paramLabel = "PRESET", description = "The preset to start from (default: ${DEFAULT-VALUE}).")
        String from;

        @Option(names = "--texture-from", paramLabel = "MY.mid", description = "The accompaniment texture of this clip.")
        Path texture;

        @Option(names = "--rhythm-from", paramLabel = "MY.mid", description = "The melody rhythm of this clip.")
        Path rhythm;

        @Option(names = "--pitch-from", paramLabel = "MY.mid", description = "The melody pitch contour of this clip.")
        Path pitch;

        @Option(names = "--alpha", paramLabel = "0–1", description = "Blend live↔clip (slerp) instead of swapping in the clip.")
        Double alpha;

        @Option(names = "--mode", paramLabel = "MODE", description = "The mode (default: the base preset's).")
        String mode;

        @Option(names = "--chords", paramLabel = "\"C G Am F\"", description = "Play to this chord chart.")
        String chords;

        @Option(names = "--description", paramLabel = "TEXT", description = "One line saying how it sounds.")
        String description;

        @Option(names = "--force", description = "Replace an existing preset of yours with this name.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,47}")) {
                throw new IllegalArgumentException("preset name '" + name + "': allowed letters, digits, '-' and '_' (1–48)");
            }
            if (texture == null && rhythm == null && pitch == null && mode == null && chords == null && description == null) {
                throw new IllegalArgumentException("nothing to change: give --texture-from, --rhythm-from, --pitch-from, --mode, --chords or --description");
            }
            if (alpha != null && !(alpha >= 0 && alpha <= 1)) throw new IllegalArgumentException("--alpha " + alpha + ": allowed 0–1");
            if (chords != null) ChordChart.parse(chords); // a bad chart is an error now, not when played
            // Writing a preset plays nothing: the stand-in band's library (no model is loaded) reads the same files.
            PresetLibrary library = org.analogy.engine.band.Band.standIns().presetLibrary(Logs.userDir());
            Preset base = library.find(from);
            Path target = library.userDir().resolve(name + ".json");
            if (Files.exists(target) && !force) {
                throw new IllegalArgumentException(target + " exists; use --force to replace it");
            }
            ObjectMapper json = new ObjectMapper();
            ObjectNode preset = (ObjectNode) json.readTree(base.file().toFile());
            preset.put("name", name);
            Files.createDirectories(library.userClipsDir());
            String made = "";
            if (texture != null) made += factor(preset, "accompaniment", "texture", texture, library) + " ";
            if (rhythm != null) made += factor(preset, "melody", "rhythm", rhythm, library) + " ";
            if (pitch != null) made += factor(preset, "melody", "pitch", pitch, library) + " ";
            if (mode != null) preset.put("mode", mode);
            if (chords != null) preset.putObject("chords").put("source", "chart").put("chart", chords);
            preset.put("description", description != null ? description
                    : (made.isBlank() ? base.description() : made.trim() + ", on " + base.name()));
            Files.createDirectories(library.userDir());
            Path written = Files.createTempFile(library.userDir(), name, ".json.tmp");
            Files.writeString(written, json.writerWithDefaultPrettyPrinter().writeValueAsString(preset) + "\n");
            try {
                Preset check = library.loader().load(written, false); // the same validation as every load
                Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                System.out.println("preset " + name + " → " + target + ": " + check.style().mode() + ", " + check.description());
            } finally {
                Files.deleteIfExists(written);
            }
            return 0;
        }

        /** Copies the clip beside the user's presets and points the factor at it. */
        private String factor(ObjectNode preset, String group, String factor, Path clip, PresetLibrary library) throws Exception {
            byte[] bytes = Files.readAllBytes(clip);
            ReferenceClips.read(clip.getFileName().toString(), bytes, ModelBundle.sha256(bytes), clip.toString()); // a usable clip?
            String clipName = name + "-" + factor;
            Files.write(library.userClipsDir().resolve(clipName + ".mid"), bytes);
            ObjectNode g = preset.has(group) && preset.get(group).isObject() ? (ObjectNode) preset.get(group) : preset.putObject(group);
            ObjectNode t = g.putObject(factor);
            if (alpha != null) {
                t.put("transform", "slerp").put("reference", clipName).put("alpha", alpha);
            } else {
                t.put("transform", "swap").put("reference", clipName);
            }
            return factor + " from " + clip.getFileName();
        }
    }
}
