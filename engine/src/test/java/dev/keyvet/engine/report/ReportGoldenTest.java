package dev.keyvet.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact output of each format for {@link ReportFixtures#all()}: {@code report/all.FORMAT}. Run
 * with {@code -Dkeyvet.golden.update=true} to rewrite them after a deliberate change, then review
 * the diff. SARIF is checked structurally in {@link SarifReporterTest} instead, since its rule list
 * grows with the catalogue.
 */
class ReportGoldenTest {
  private static final Path DIR = Path.of("src/test/resources/report");
  private static final boolean UPDATE = Boolean.getBoolean("keyvet.golden.update");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"text", "json", "junit", "github"})
  void render_fixtures_matchesGoldenFile(String format) throws IOException {
    String actual = Reports.forFormat(format).render(ReportFixtures.all());
    Path expected = DIR.resolve("all." + format);
    if (UPDATE) {
      Files.createDirectories(DIR);
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertThat(expected).as("golden file for %s", format).exists();
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}
