package dev.keyvet.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Severity;
import org.junit.jupiter.api.Test;

/** The failOn threshold given on a command line or in a build. */
class FailOnTest {

  @Test
  void parse_severityCodesAndMixes() {
    assertThat(FailOn.parse("security"))
        .isEqualTo(new FailOn(Severity.SECURITY, java.util.Set.of()));
    assertThat(FailOn.parse("KP201, kp207"))
        .isEqualTo(new FailOn(null, java.util.Set.of(Code.KP201, Code.KP207)));
    assertThat(FailOn.parse("error,KP210,Warning"))
        .isEqualTo(new FailOn(Severity.WARNING, java.util.Set.of(Code.KP210)));
    assertThat(FailOn.parse("public-principal").codes()).containsExactly(Code.KP201);
  }

  @Test
  void parse_unknownItem_namesIt() {
    assertThatThrownBy(() -> FailOn.parse("error,sometimes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "`sometimes` is neither a severity (error, security, warning, suggestion) nor a code");
    assertThatThrownBy(() -> FailOn.parse("")).hasMessageContaining("``");
  }

  @Test
  void applyTo_replacesTheSettingsThreshold() {
    LintSettings settings = LintSettings.defaults(java.nio.file.Path.of("."));
    LintSettings errorsOnly = FailOn.parse("error").applyTo(settings);
    assertThat(errorsOnly.failOnSeverity()).isEqualTo(Severity.ERROR);
    assertThat(errorsOnly.failOnCodes()).isEmpty();
  }
}
