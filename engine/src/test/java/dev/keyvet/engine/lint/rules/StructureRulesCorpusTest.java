package dev.keyvet.engine.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.LintTesting;
import dev.keyvet.engine.testing.Corpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For the structure and grammar codes (KP0xx, KP1xx), every corpus policy gives exactly the
 * findings the corpus README lists for it, as CODE@line; files not listed here give none. In
 * particular KP104 and KP107 fire only where the README names them, KP113 fires on the CloudWatch
 * Logs policy but KP115 does not (its {@code ArnEquals} is the form AWS documents), and KP105 fires
 * on both CDK files.
 */
class StructureRulesCorpusTest {

  private static final Set<Code> CODES =
      StructureRules.ALL.stream().map(r -> r.metadata().code()).collect(Collectors.toSet());

  private static final Map<String, List<String>> EXPECTED =
      Map.ofEntries(
          Map.entry("aws-docs-bypass-lockout-null-guard.json", List.of("KP008@13")),
          Map.entry("aws-docs-key-origin-condition-example.json", List.of("KP104@9", "KP107@31")),
          Map.entry("aws-docs-vpc-endpoint-trailing-comma.json", List.of("KP001@43")),
          Map.entry(
              "cdk-integ-key-with-cfn-intrinsics.json", List.of("KP015@7", "KP105@27", "KP015@30")),
          Map.entry("cdk-v1-legacy-default-key-policy.json", List.of("KP104@10", "KP105@30")),
          Map.entry(
              "cloudtrail-default-trail-key-policy.json",
              List.of("KP106@15", "KP107@26", "KP107@42", "KP107@54", "KP107@71")),
          Map.entry("cloudtrail-lake-eds-default-key-policy-doc-bug.json", List.of("KP001@22")),
          Map.entry("cloudwatch-logs-key-policy-log-group.json", List.of("KP113@29")),
          Map.entry(
              "karpenter-docs-ebs-policy-markdown-mangled.json",
              List.of(
                  "KP003@1",
                  "KP011@6",
                  "KP109@6",
                  "KP102@11",
                  "KP011@16",
                  "KP106@16",
                  "KP015@19",
                  "KP015@20",
                  "KP015@28",
                  "KP102@31")),
          Map.entry("tf-template-ec2-service-principal-viaservice.json", List.of("KP113@53")),
          Map.entry("tf-template-statement-missing-resource.json", List.of("KP010@38")));

  static Stream<Path> corpus() {
    return Corpus.files().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void lint_corpusFile_givesExactlyTheStructureFindingsTheReadmeLists(Path file) {
    String name = file.getFileName().toString();
    LintResult r = LintTesting.lintCorpus(name, LintConfig.DEFAULT);
    List<Finding> ours = r.findings().stream().filter(f -> CODES.contains(code(f))).toList();
    assertThat(ours.stream().map(f -> code(f).id() + "@" + f.diagnostic().span().line()))
        .as(ours.stream().map(f -> f.diagnostic().render()).collect(Collectors.joining("\n")))
        .containsExactlyInAnyOrderElementsOf(EXPECTED.getOrDefault(name, List.of()));
  }

  private static Code code(Finding f) {
    return f.diagnostic().code();
  }
}
