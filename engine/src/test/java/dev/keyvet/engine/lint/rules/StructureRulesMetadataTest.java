package dev.keyvet.engine.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintTesting;
import dev.keyvet.engine.lint.Rule;
import dev.keyvet.engine.testing.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The structure and grammar rules as a set: complete, named after their checks, and in style. */
class StructureRulesMetadataTest {

  @Test
  void structureRules_coverEveryKp0xxAndKp1xxCode_onceEach() {
    List<Code> ours = StructureRules.ALL.stream().map(r -> r.metadata().code()).toList();
    Set<Code> wanted =
        Stream.of(Code.values())
            .filter(c -> c.id().startsWith("KP0") || c.id().startsWith("KP1"))
            .collect(Collectors.toSet());
    assertThat(ours).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(wanted);
  }

  @Test
  void everyRule_isAFinalClassNamedAfterItsCheck_andCitesAnAwsPage() {
    for (Rule rule : StructureRules.ALL) {
      String camel =
          Stream.of(rule.metadata().name().split("-"))
              .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
              .collect(Collectors.joining());
      assertThat(rule.getClass().getSimpleName()).isEqualToIgnoringCase(camel);
      assertThat(java.lang.reflect.Modifier.isFinal(rule.getClass().getModifiers())).isTrue();
      assertThat(rule.metadata().awsDoc()).startsWith("https://docs.aws.amazon.com/");
    }
  }

  @Test
  void messages_ofTheModelRules_areOneLowerCaseLineWithoutFinalPeriod() {
    List<Diagnostic> seen = new ArrayList<>();
    for (Path p : Corpus.files()) {
      LintTesting.lintCorpus(p.getFileName().toString(), LintConfig.DEFAULT).findings().stream()
          .map(f -> f.diagnostic())
          .forEach(seen::add);
    }
    LintTesting.lint(EVERY_MODEL_RULE, LintConfig.DEFAULT).findings().stream()
        .map(f -> f.diagnostic())
        .forEach(seen::add);
    Set<Code> model =
        Set.of(
            Code.KP014,
            Code.KP104,
            Code.KP107,
            Code.KP108,
            Code.KP113,
            Code.KP115,
            Code.KP117,
            Code.KP119,
            Code.KP121);
    List<Diagnostic> ours = seen.stream().filter(d -> model.contains(d.code())).toList();
    assertThat(ours.stream().map(Diagnostic::code).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(model);
    for (Diagnostic d : ours) {
      assertThat(d.message()).as(d.render()).doesNotContain("\n").doesNotEndWith(".");
      assertThat(Character.isUpperCase(d.message().charAt(0))).as(d.render()).isFalse();
      assertThat(d.help()).as(d.render()).isNotBlank().doesNotContain("\n");
    }
  }

  /** One policy that triggers each rule implemented on the model. */
  private static final String EVERY_MODEL_RULE =
      """
      {
        "Version": "2012-10-17",
        "Statement": [
          {"Sid": "Twice", "Effect": "Allow", "Principal": {"AWS": "111122223333"},
           "Action": ["kms:*", "kms:CreateKey"], "Resource": "*"},
          {"Sid": "Twice", "Effect": "Allow", "Principal": {"AWS": "*"},
           "Action": ["kms:Decrypt", "kms:CreateGrant"],
           "Resource": "arn:aws:kms:us-east-1:111122223333:key/*",
           "Condition": {"StringEquals": {"kms:GrantIsForAWSResource": "true",
             "kms:ViaService": "*.amazonaws.com", "kms:GrantOperations": "Decrypt"},
             "ForAllValues:StringEquals": {"kms:CallerAccount": "111122223333"}}},
          {"Sid": "Other", "Effect": "Deny", "Principal": {"AWS": "*"},
           "Action": "kms:Decrypt", "NotResource": "*"}
        ]
      }
      """;
}
