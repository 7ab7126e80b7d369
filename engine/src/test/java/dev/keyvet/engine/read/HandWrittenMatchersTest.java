package dev.keyvet.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand-written matchers accept exactly the languages of the regexes they replace. */
class HandWrittenMatchersTest {
  private static final Pattern SERVICE =
      Pattern.compile("[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*\\.amazonaws\\.com(\\.cn)?");
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

  @Property(tries = 5000)
  void isServiceName_agreesWithTheRegex(@ForAll("serviceLike") String text) {
    assertThat(PrincipalParser.isServiceName(text))
        .as(text)
        .isEqualTo(SERVICE.matcher(text).matches());
  }

  @Property(tries = 5000)
  void isDecimal_agreesWithTheRegex(@ForAll("numberLike") String text) {
    assertThat(ValueParser.isDecimal(text)).as(text).isEqualTo(NUMBER.matcher(text).matches());
  }

  @Test
  void examples() {
    assertThat(PrincipalParser.isServiceName("logs.amazonaws.com")).isTrue();
    assertThat(PrincipalParser.isServiceName("logs.us-east-1.amazonaws.com")).isTrue();
    assertThat(PrincipalParser.isServiceName("logs.amazonaws.com.cn")).isTrue();
    assertThat(PrincipalParser.isServiceName(".amazonaws.com")).isFalse();
    assertThat(PrincipalParser.isServiceName("-a.amazonaws.com")).isFalse();
    assertThat(PrincipalParser.isServiceName("a..amazonaws.com")).isFalse();
    assertThat(PrincipalParser.isServiceName("Logs.amazonaws.com")).isFalse();
    assertThat(ValueParser.isDecimal("-12.50")).isTrue();
    assertThat(ValueParser.isDecimal("1.")).isFalse();
    assertThat(ValueParser.isDecimal("-")).isFalse();
    assertThat(ValueParser.isDecimal("\u0661")).isFalse();
  }

  @Provide
  Arbitrary<String> serviceLike() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("ab9-.A_").ofMinLength(0).ofMaxLength(6),
            Arbitraries.of(".amazonaws.com", ".amazonaws.com.cn", ".cn", "amazonaws", ".com", "."));
    return piece.list().ofMaxSize(5).map(l -> String.join("", l));
  }

  @Provide
  Arbitrary<String> numberLike() {
    return Arbitraries.strings().withChars("-0123456789.e+ \u0661").ofMaxLength(8);
  }
}
