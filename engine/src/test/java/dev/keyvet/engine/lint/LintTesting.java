package dev.keyvet.engine.lint;

import dev.keyvet.engine.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Helpers for rule tests: lint text or a corpus file, list findings as {@code CODE@line}. */
public final class LintTesting {
  private LintTesting() {}

  /** Lints {@code json} with every rule and the given configuration. */
  public static LintResult lint(String json, LintConfig config) {
    return Linter.standard().lint("policy.json", json.getBytes(StandardCharsets.UTF_8), config);
  }

  /** Lints a corpus file with every rule. */
  public static LintResult lintCorpus(String name, LintConfig config) {
    return Linter.standard().lint(name, Corpus.bytes(Corpus.file(name)), config);
  }

  /** The findings of {@code code} as {@code CODE@line}. */
  public static List<String> at(LintResult r, String code) {
    return r.findings().stream()
        .filter(f -> f.diagnostic().code().id().equals(code))
        .map(f -> code + "@" + f.diagnostic().span().line())
        .toList();
  }
}
