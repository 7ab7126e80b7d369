package dev.keyvet.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.read.PolicyReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every policy of the shared corpus that parses passes the schema, except those whose README entry
 * names a structural problem; those fail with exactly that problem.
 */
class CorpusSchemaTest {
  private static final SchemaCheck CHECK = new SchemaCheck();
  private static final PolicyReader READER = new PolicyReader();

  /** The structural problems the corpus README lists, as the codes the schema check gives. */
  private static final Map<String, List<String>> STRUCTURAL =
      Map.of(
          // "the documented key policy statement has no Principal"
          "aws-docs-bypass-lockout-null-guard.json", List.of("KP008"),
          // "Principal as Fn::Join/Ref objects": unresolved intrinsics where strings belong
          "cdk-integ-key-with-cfn-intrinsics.json", List.of("KP015", "KP015"),
          // "valid JSON but not a policy: KP003 (top-level array)"
          "karpenter-docs-ebs-policy-markdown-mangled.json", List.of("KP003"),
          // "whose last statement has no Resource"
          "tf-template-statement-missing-resource.json", List.of("KP010"));

  static List<String> corpus() {
    List<String> files = TestDocuments.jsonFiles(TestDocuments.corpusDir());
    assertThat(files).as("policies in the shared corpus").isNotEmpty();
    return files;
  }

  @Test
  void corpus_holdsEveryPolicyWithAKnownStructuralProblem() {
    assertThat(corpus()).containsAll(STRUCTURAL.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void check_corpusPolicy_passesUnlessReadmeListsAStructuralProblem(String name) {
    String text = TestDocuments.read(TestDocuments.corpusDir().resolve(name));
    List<Diagnostic> found = CHECK.check(name, text);

    if (parses(name, text)) {
      assertThat(found)
          .extracting(d -> d.code().id())
          .containsExactlyElementsOf(STRUCTURAL.getOrDefault(name, List.of()));
    } else {
      assertThat(found).as("not JSON: left to the reader's KP001").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void check_corpusPolicy_everyFindingIsTheReaders(String name) {
    String text = TestDocuments.read(TestDocuments.corpusDir().resolve(name));
    List<Diagnostic> reader = READER.read(name, text).diagnostics();

    for (Diagnostic d : CHECK.check(name, text)) {
      assertThat(reader)
          .as("reader diagnostic at the span of %s", d)
          .anySatisfy(
              r -> {
                assertThat(r.code()).isEqualTo(d.code());
                assertThat(r.span()).isEqualTo(d.span());
              });
    }
  }

  private static boolean parses(String name, String text) {
    return READER.read(name, text).diagnostics().stream().noneMatch(d -> d.code() == Code.KP001);
  }
}
