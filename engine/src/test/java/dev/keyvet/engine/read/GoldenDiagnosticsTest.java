package dev.keyvet.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden files: each {@code golden/NAME.json} is read and its diagnostics, rendered with their
 * help, must equal {@code golden/NAME.expected}. Run with {@code -Dkeyvet.golden.update=true} to
 * rewrite the expected files after a deliberate change, then review the diff.
 */
class GoldenDiagnosticsTest {
  private static final Path DIR = Path.of("src/test/resources/golden");
  private static final boolean UPDATE = Boolean.getBoolean("keyvet.golden.update");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(DIR)) {
      return s
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void read_goldenInput_givesExpectedDiagnostics(String name) throws IOException {
    byte[] input = Files.readAllBytes(DIR.resolve(name + ".json"));
    ReadResult result = new PolicyReader().read(name + ".json", input);
    String actual = render(result);
    Path expectedFile = DIR.resolve(name + ".expected");
    if (UPDATE) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertThat(expectedFile).as("golden file for %s", name).exists();
    assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
  }

  static String render(ReadResult result) {
    return result.diagnostics().stream()
            .map(GoldenDiagnosticsTest::line)
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static String line(Diagnostic d) {
    String s = d.render() + "  [" + d.span().pointer() + "]";
    return d.help().isEmpty() ? s : s + "\n    help: " + d.help();
  }
}
