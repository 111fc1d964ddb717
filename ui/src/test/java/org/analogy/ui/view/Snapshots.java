package org.analogy.ui.view;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

import org.testfx.util.WaitForAsyncUtils;

/** Writes PNG pictures of the window as test artefacts (ui/target/snapshots). */
final class Snapshots {

    private Snapshots() {}

    static Path dir() {
        return Path.of(System.getProperty("analogy.snapshots", "target/snapshots"));
    }

    /** Renders the node on the JavaFX thread and saves it as {@code name}.png; returns the file. */
    static Path save(Node node, String name) throws Exception {
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> node.snapshot(null, null)).get();
        Files.createDirectories(dir());
        Path file = dir().resolve(name + ".png");
        write(image, file);
        return file;
    }

    private static void write(WritableImage image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) out.setRGB(x, y, pixels.getArgb(x, y));
        javax.imageio.ImageIO.write(out, "png", file.toFile());
    }

}
