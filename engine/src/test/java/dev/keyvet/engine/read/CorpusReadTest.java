package dev.keyvet.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.testing.Corpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every corpus policy is read; the documents the corpus README lists as broken give exactly the
 * diagnostics (code and line) it lists, and every other document gives no error.
 */
class CorpusReadTest {
  private final PolicyReader reader = new PolicyReader();

  /** Error and warning codes the reader must give, as CODE@line, per broken corpus file. */
  private static final Map<String, List<String>> EXPECTED =
      Map.of(
          "aws-docs-vpc-endpoint-trailing-comma.json", List.of("KP001@43"),
          "cloudtrail-lake-eds-default-key-policy-doc-bug.json", List.of("KP001@22"),
          "karpenter-docs-ebs-policy-markdown-mangled.json",
              List.of(
                  "KP003@1",
                  "KP011@6",
                  "KP109@6",
                  "KP011@16",
                  "KP106@16",
                  "KP015@19",
                  "KP015@20",
                  "KP015@28"),
          "aws-docs-bypass-lockout-null-guard.json", List.of("KP008@13"),
          "tf-template-statement-missing-resource.json", List.of("KP010@38"),
          "cloudtrail-default-trail-key-policy.json", List.of("KP106@15"),
          "cdk-integ-key-with-cfn-intrinsics.json", List.of("KP015@7", "KP015@30"));

  static Stream<Path> corpus() {
    return Corpus.files().stream();
  }

  @Test
  void corpus_hasAllThirtyNineFiles() {
    assertThat(Corpus.files()).hasSize(39);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void read_corpusFile_givesExactlyTheDocumentedDiagnostics(Path file) {
    ReadResult r = reader.read(file.getFileName().toString(), Corpus.bytes(file));
    List<String> got =
        r.diagnostics().stream().map(d -> d.code().id() + "@" + d.span().line()).toList();
    List<String> expected = EXPECTED.getOrDefault(file.getFileName().toString(), List.of());
    assertThat(got).as(render(r)).containsExactlyInAnyOrderElementsOf(expected);
    if (expected.stream().noneMatch(e -> e.startsWith("KP001") || e.startsWith("KP003@1"))) {
      assertThat(r.policy()).isNotNull();
      assertThat(r.policy().statements()).isNotEmpty();
    }
  }

  @Test
  void read_cleanCorpusFile_keepsEveryStatement() {
    ReadResult r =
        reader.read("x", Corpus.bytes(Corpus.file("aws-docs-console-default-key-policy.json")));
    assertThat(r.policy().statements())
        .extracting(s -> s.label())
        .containsExactly(
            "Enable IAM policies",
            "Allow access for Key Administrators",
            "Allow use of the key",
            "Allow attachment of persistent resources");
  }

  private static String render(ReadResult r) {
    return String.join("\n", r.diagnostics().stream().map(Diagnostic::render).toList());
  }
}
