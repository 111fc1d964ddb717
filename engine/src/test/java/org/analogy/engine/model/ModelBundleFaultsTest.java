package org.analogy.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.analogy.engine.melody.MelodyModel;

/**
 * A bundle that cannot be used is refused when the model is opened, before anything plays, with one
 * message naming the file at fault: missing, unreadable, truncated, altered, not ONNX, or pointing outside
 * the bundle. Nothing here needs a trained model: the bundles are written by the test.
 */
class ModelBundleFaultsTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    /** A bundle whose manifest lists {@code encoder.onnx} and {@code decoder.onnx} with their true sizes and hashes. */
    private Path bundle(byte[] encoder, byte[] decoder) throws Exception {
        Files.write(dir.resolve("encoder.onnx"), encoder);
        Files.write(dir.resolve("decoder.onnx"), decoder);
        ObjectNode m = json.createObjectNode();
        m.put("formatVersion", ModelBundle.FORMAT_VERSION).put("model", "analogy-melody-ec2vae");
        m.putObject("grid").put("steps", MelodyModel.STEPS).put("tokens", MelodyModel.TOKENS);
        m.putObject("latents").put("pitch", 128).put("rhythm", 128);
        ObjectNode files = m.putObject("files");
        files.putObject("encoder").put("path", "encoder.onnx").put("bytes", encoder.length).put("sha256", ModelBundle.sha256(encoder));
        files.putObject("decoder").put("path", "decoder.onnx").put("bytes", decoder.length).put("sha256", ModelBundle.sha256(decoder));
        writeManifest(m);
        return dir;
    }

    private void writeManifest(ObjectNode manifest) throws Exception {
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(ModelBundle.MANIFEST).toFile(), manifest);
    }

    private ObjectNode manifest() throws Exception {
        return (ObjectNode) json.readTree(dir.resolve(ModelBundle.MANIFEST).toFile());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMissingBundleNamesTheManifestItLookedFor() {
        Path missing = dir.resolve("models/melody");
        assertThatThrownBy(() -> ModelStore.openMelody(missing, MelodyModel.Device.CPU))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("manifest missing")
                .hasMessageContaining(missing.resolve("manifest.json").toString());
    }

    @Test
    void aManifestThatIsNotJsonIsNamed() throws Exception {
        Files.writeString(dir.resolve("manifest.json"), "{\"formatVersion\": 1, \"files\": {");
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("unreadable")
                .hasMessageContaining(dir.resolve("manifest.json").toString());
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws Exception {
        bundle(bytes("e"), bytes("d"));
        ObjectNode m = manifest();
        m.put("formatVersion", 99);
        writeManifest(m);
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .hasMessageContaining("formatVersion 99")
                .hasMessageContaining(dir.resolve("manifest.json").toString());
    }

    @Test
    void aListedFileThatIsMissingIsNamed() throws Exception {
        bundle(bytes("encoder"), bytes("decoder"));
        Files.delete(dir.resolve("decoder.onnx"));
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .hasMessageContaining("model file missing")
                .hasMessageContaining(dir.resolve("decoder.onnx").toString());
    }

    @Test
    void aTruncatedFileIsCorruptByItsSize() throws Exception {
        bundle(bytes("the whole encoder"), bytes("decoder"));
        Files.write(dir.resolve("encoder.onnx"), bytes("the whole"));
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .hasMessageContaining("model file corrupt")
                .hasMessageContaining(dir.resolve("encoder.onnx").toString())
                .hasMessageContaining("9 bytes");
    }

    @Test
    void aFileThatIsADeviceIsRefusedUnread() throws Exception {
        bundle(bytes("encoder"), bytes("decoder"));
        Files.delete(dir.resolve("encoder.onnx"));
        Files.createSymbolicLink(dir.resolve("encoder.onnx"), Path.of("/dev/zero"));
        assertThatThrownBy(() -> ModelBundle.load(dir)).hasMessageContaining("not a regular file")
                .hasMessageContaining(dir.resolve("encoder.onnx").toString());
    }

    @Test
    void aFileWithOneByteChangedIsCorruptByItsHash() throws Exception {
        bundle(bytes("encoder"), bytes("decoder"));
        Files.write(dir.resolve("decoder.onnx"), bytes("decodes"));
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .hasMessageContaining("model file corrupt")
                .hasMessageContaining(dir.resolve("decoder.onnx").toString())
                .hasMessageContaining("SHA-256");
    }

    @Test
    void aFileOutsideTheBundleIsRefused() throws Exception {
        bundle(bytes("encoder"), bytes("decoder"));
        ObjectNode m = manifest();
        ((ObjectNode) m.path("files").path("encoder")).put("path", "../elsewhere.onnx");
        writeManifest(m);
        assertThatThrownBy(() -> ModelBundle.load(dir))
                .hasMessageContaining("points outside the bundle")
                .hasMessageContaining("../elsewhere.onnx");
    }

    @Test
    void intactBytesThatAreNotOnnxAreRefusedByOnnxRuntimeNamingTheFile() throws Exception {
        // Size and hash match the manifest: the bundle is complete, but the file is no model.
        bundle(bytes("this is not a protobuf"), bytes("nor is this"));
        ModelBundle verified = ModelBundle.load(dir);
        assertThatThrownBy(() -> MelodyModel.load(verified, MelodyModel.Options.DEFAULT))
                .isInstanceOf(ModelBundleException.class)
                .hasMessageContaining("is not a loadable ONNX model")
                .hasMessageContaining(dir.resolve("encoder.onnx").toString());
    }

    @Test
    void aBundleForAnotherGridIsRefusedBeforeOnnxRuntimeStarts() throws Exception {
        bundle(bytes("encoder"), bytes("decoder"));
        ObjectNode m = manifest();
        ((ObjectNode) m.path("grid")).put("steps", 64);
        writeManifest(m);
        ModelBundle verified = ModelBundle.load(dir);
        assertThatThrownBy(() -> MelodyModel.load(verified, MelodyModel.Options.DEFAULT))
                .hasMessageContaining("grid is not 32 steps")
                .hasMessageContaining(dir.resolve("manifest.json").toString());
        assertThat(verified.size()).isEqualTo(14);
    }
}
