package dev.keyvet.engine.schema;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The documents the schema tests run on: the malformed cases and the shared policy corpus. */
final class TestDocuments {
  private TestDocuments() {}

  /** The folder of small malformed policies, {@code src/test/resources/schema-cases}. */
  static Path casesDir() {
    URL url = TestDocuments.class.getResource("/schema-cases");
    if (url == null) {
      return fail("schema-cases is not on the test class path");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      return fail("bad schema-cases location " + url, e);
    }
  }

  /**
   * The shared corpus: the {@code shared/corpus} folder beside the repository, found by walking up
   * from the working directory ({@code ../../shared/corpus} seen from {@code engine/}).
   */
  static Path corpusDir() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path corpus = dir.resolve("shared").resolve("corpus");
      if (Files.isDirectory(corpus)) {
        return corpus;
      }
    }
    return fail(
        "no shared/corpus folder in "
            + start
            + " or any folder above it; the corpus tests need the shared policy corpus checked"
            + " out beside the repository (../../shared/corpus from engine/)");
  }

  /** The names of the {@code .json} files in {@code dir}, sorted. */
  static List<String> jsonFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
