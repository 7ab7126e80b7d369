package dev.keyvet.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared corpus of real-world key policies, which lives beside the repository in {@code
 * shared/corpus}. Found by walking up from the working directory.
 */
public final class Corpus {
  private Corpus() {}

  /** The corpus folder; fails with a clear message when it is not there. */
  public static Path dir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path candidate = p.resolve("shared").resolve("corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      p = p.getParent();
    }
    throw new IllegalStateException(
        "shared/corpus not found above "
            + Path.of("").toAbsolutePath()
            + "; it must sit beside the repository");
  }

  /** Every policy file of the corpus, sorted by name. */
  public static List<Path> files() {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One corpus file by name. */
  public static Path file(String name) {
    return dir().resolve(name);
  }

  /** The bytes of a file. */
  public static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
