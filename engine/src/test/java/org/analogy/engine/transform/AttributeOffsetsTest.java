package org.analogy.engine.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeOffsetsTest {

    static AttributeOffsets parse(String json) throws Exception {
        return AttributeOffsets.parse(json.getBytes(StandardCharsets.UTF_8), "attributes.json");
    }

    @Test
    void readsDirectionsPerFactor() throws Exception {
        AttributeOffsets a = parse("""
                {"formatVersion": 1, "attributes": [
                  {"factor": "rhythm", "name": "density", "vector": [1, 0, -1]},
                  {"factor": "pitch", "name": "register", "vector": [0.5, 0.5, 0.5]}]}""");
        assertThat(a.names(Factor.RHYTHM)).containsExactly("density");
        float[] z = {0, 0, 0};
        a.addTo(Factor.PITCH, Map.of("register", -2.0), z);
        assertThat(z).containsExactly(-1, -1, -1);
        assertThatThrownBy(() -> a.checkSize(Factor.RHYTHM, 4)).hasMessageContaining("has 3 values; the model's rhythm latent has 4");
    }

    @Test
    void aBundleWithoutTheFileHasNoAttributes(@TempDir Path dir) throws Exception {
        assertThat(AttributeOffsets.loadFromBundle(dir).names(Factor.PITCH)).isEmpty();
        Files.writeString(dir.resolve(AttributeOffsets.FILE), "{\"formatVersion\": 1, \"attributes\": []}");
        assertThat(AttributeOffsets.loadFromBundle(dir).names(Factor.TEXTURE)).isEmpty();
    }

    @Test
    void badFilesNameTheProblem() {
        assertThatThrownBy(() -> parse("{\"formatVersion\": 2, \"attributes\": []}")).hasMessageContaining("formatVersion 2");
        assertThatThrownBy(() -> parse("{\"formatVersion\": 1, \"attributes\": [{\"factor\": \"tempo\", \"name\": \"x\", \"vector\": [1]}]}"))
                .hasMessageContaining("attributes[0].factor: unknown factor 'tempo'");
        assertThatThrownBy(() -> parse("{\"formatVersion\": 1, \"attributes\": [{\"factor\": \"pitch\", \"name\": \"x\", \"vector\": [1, \"a\"]}]}"))
                .hasMessageContaining("attributes[0].vector[1]: not a finite number");
        assertThatThrownBy(() -> parse("{\"formatVersion\": 1, \"attributes\": [{\"factor\": \"pitch\", \"name\": \"Bad Name\", \"vector\": [1]}]}"))
                .hasMessageContaining("attributes[0].name 'Bad Name'");
        assertThatThrownBy(() -> parse("{oops")).hasMessageContaining("not valid JSON");
    }
}
