package dev.keyvet.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files for the language's error messages: each {@code language/errors/NAME.kvt} or {@code
 * .kvs} is loaded and its diagnostics must equal {@code NAME.expected}. Run with {@code
 * -Dkeyvet.golden.update=true} to rewrite them after a deliberate change, then review the diff.
 */
class LanguageGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/language/errors");
  private static final boolean UPDATE = Boolean.getBoolean("keyvet.golden.update");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".kvt") || n.endsWith(".kvs"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void load_brokenFile_givesExpectedDiagnostics(String name) throws IOException {
    Path file = DIR.resolve(name);
    List<Diagnostic> diagnostics =
        name.endsWith(".kvt")
            ? Suites.run(file, ScenarioLoader.fromDisk()).diagnostics()
            : ScenarioLoader.fromDisk().load(file, false).world().diagnostics();
    String actual =
        diagnostics.stream()
                .sorted()
                .map(LanguageGoldenTest::line)
                .collect(Collectors.joining("\n"))
            + "\n";
    Path expected = DIR.resolve(name.substring(0, name.lastIndexOf('.')) + ".expected");
    if (UPDATE) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertThat(expected).as("golden file for %s", name).exists();
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    assertThat(diagnostics).isNotEmpty().allMatch(d -> !d.span().isUnknown());
  }

  private static String line(Diagnostic d) {
    return d.help().isEmpty() ? d.render() : d.render() + "\n    help: " + d.help();
  }
}
