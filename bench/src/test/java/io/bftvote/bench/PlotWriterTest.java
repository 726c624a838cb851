package io.bftvote.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotWriterTest {
  @TempDir
  Path dir;

  private final List<BenchResult> twoSeries = List.of(
      Samples.result("n=4 http", List.of(Samples.run(500, 500, 60, true), Samples.run(1000, 998, 90, true),
          Samples.run(2000, 1500, 2500, false))),
      Samples.result("n=7 http", List.of(Samples.run(500, 499, 110, true), Samples.run(1000, 700, 4000, false))));

  @Test
  void writesAPngOfTheRequestedSize() throws Exception {
    Path png = dir.resolve("docs/bench.png");
    new PlotWriter(1000, 760).write(twoSeries, png);
    BufferedImage read = ImageIO.read(png.toFile());
    assertEquals(1000, read.getWidth());
    assertEquals(760, read.getHeight());
    byte[] magic = Files.readAllBytes(png);
    assertEquals((byte) 0x89, magic[0]);
    assertEquals('P', magic[1]);
  }

  @Test
  void drawsEachSeriesInItsOwnColour() {
    BufferedImage image = new PlotWriter(800, 600).draw(twoSeries);
    long blue = count(image, 0x1f77b4);
    long red = count(image, 0xd62728);
    assertNotEquals(0, blue, "the n=4 series");
    assertNotEquals(0, red, "the n=7 series");
  }

  @Test
  void refusesToPlotNothing() {
    assertThrows(IllegalArgumentException.class, () -> new PlotWriter(800, 600).write(List.of(), dir.resolve("x.png")));
    assertThrows(IllegalArgumentException.class, () -> new PlotWriter(10, 10));
  }

  private static long count(BufferedImage image, int rgb) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((image.getRGB(x, y) & 0xffffff) == rgb) {
          n++;
        }
      }
    }
    return n;
  }
}
