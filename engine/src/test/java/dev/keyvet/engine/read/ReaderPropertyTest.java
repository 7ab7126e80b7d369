package dev.keyvet.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Diagnostic;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the input, the reader returns a result, never throws, and when it cannot produce a
 * policy says why with an error that has a position.
 */
class ReaderPropertyTest {
  private final PolicyReader reader = new PolicyReader();

  @Property(tries = 2000)
  void read_arbitraryBytes_neverThrowsAndExplainsFailure(@ForAll byte[] bytes) {
    check(reader.read("bytes.json", bytes));
  }

  @Property(tries = 2000)
  void read_arbitraryJson_neverThrowsAndExplainsFailure(@ForAll("json") String text) {
    check(reader.read("json.json", text.getBytes(StandardCharsets.UTF_8)));
  }

  @Property(tries = 1000)
  void read_arbitraryJsonWithTruncation_neverThrows(
      @ForAll("json") String text, @ForAll("fraction") double cut) {
    String truncated = text.substring(0, (int) (text.length() * cut));
    check(reader.read("cut.json", truncated));
  }

  private static void check(ReadResult r) {
    assertThat(r).isNotNull();
    if (r.policy() == null) {
      assertThat(r.diagnostics()).anyMatch(Diagnostic::isError);
    }
    for (Diagnostic d : r.diagnostics()) {
      assertThat(d.span().line()).isPositive();
      assertThat(d.span().column()).isPositive();
      assertThat(d.message()).doesNotContain("Exception").doesNotContain("tools.jackson");
    }
  }

  @Provide
  Arbitrary<Double> fraction() {
    return Arbitraries.doubles().between(0, 1);
  }

  /** JSON documents built from policy-like names and values, nested a few levels. */
  @Provide
  Arbitrary<String> json() {
    return value(4);
  }

  private static final String[] NAMES = {
    "Version",
    "Id",
    "Statement",
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
    "AWS",
    "Service",
    "Federated",
    "StringEquals",
    "ForAnyValue:StringLike",
    "NullIfExists",
    "Bool",
    "IpAddress",
    "DateLessThan",
    "kms:CallerAccount",
    "aws:SourceIp",
    "effect",
    "Statment",
    ""
  };

  private static final String[] STRINGS = {
    "2012-10-17",
    "2008-10-17",
    "Allow",
    "Deny",
    "allow",
    "*",
    "kms:*",
    "kms:Decrypt",
    "111122223333",
    "arn:aws:iam::111122223333:root",
    "arn:aws:iam::111122223333:role/R",
    "arn:aws:iam::*:role/x",
    "arn:aws:sts::111122223333:assumed-role/R/s",
    "logs.amazonaws.com",
    "${aws:username}",
    "${x",
    "${AWS_REGION}",
    "203.0.113.0/24",
    "2026-01-01T00:00:00Z",
    "true",
    "no",
    "",
    "\u2603",
    "\u00e9"
  };

  private static Arbitrary<String> value(int depth) {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.of(STRINGS).map(ReaderPropertyTest::quote),
            Arbitraries.integers().between(-5, 100_000).map(String::valueOf),
            Arbitraries.of("true", "false", "null", "1.5"));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<String> array =
        value(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
    Arbitrary<String> object =
        Arbitraries.of(NAMES)
            .flatMap(n -> value(depth - 1).map(v -> quote(n) + ":" + v))
            .list()
            .ofMaxSize(5)
            .map(members -> "{" + String.join(",", members) + "}");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, scalar),
        net.jqwik.api.Tuple.of(3, array),
        net.jqwik.api.Tuple.of(5, object));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
