package dev.keyvet.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.read.ReadResult;
import dev.keyvet.engine.testing.Corpus;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reader's diagnostics plus the catalogue checks, on the corpus and on targeted policies. */
class PolicyValidatorTest {
  private final PolicyValidator validator = new PolicyValidator();

  /** Catalogue findings per corpus file, as CODE@line, beyond what the reader reports. */
  private static final Map<String, List<String>> CATALOG_FINDINGS =
      Map.of(
          "karpenter-docs-ebs-policy-markdown-mangled.json", List.of("KP102@11", "KP102@31"),
          "cdk-integ-key-with-cfn-intrinsics.json", List.of("KP105@27"),
          "cdk-v1-legacy-default-key-policy.json", List.of("KP105@30"));

  static Stream<Path> corpus() {
    return Corpus.files().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void validate_corpusFile_addsExactlyTheDocumentedCatalogueFindings(Path file) {
    ReadResult r = validator.validate(file.getFileName().toString(), Corpus.bytes(file));
    List<String> catalogueCodes =
        r.diagnostics().stream()
            .filter(
                d -> List.of("KP101", "KP102", "KP105", "KP112", "KP120").contains(d.code().id()))
            .map(d -> d.code().id() + "@" + d.span().line())
            .toList();
    assertThat(catalogueCodes)
        .containsExactlyInAnyOrderElementsOf(
            CATALOG_FINDINGS.getOrDefault(file.getFileName().toString(), List.of()));
  }

  private List<String> codes(String statementBody) {
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"111122223333\"},\"Resource\":\"*\","
            + statementBody
            + "}]}";
    return validator.validate("p.json", policy).diagnostics().stream()
        .map(d -> d.code().id() + " " + d.message())
        .toList();
  }

  @Test
  void validate_foreignServiceAction_reportsKp101() {
    assertThat(codes("\"Action\":[\"s3:GetObject\",\"Decrypt\"]"))
        .containsExactly(
            "KP101 `s3:GetObject` is not a KMS action; a key policy governs only `kms:` actions",
            "KP101 `Decrypt` has no service prefix; KMS actions are written `kms:Name`");
  }

  @Test
  void validate_misspelledAction_reportsKp102WithSuggestion() {
    assertThat(codes("\"Action\":\"kms:Decrypts\""))
        .containsExactly("KP102 unknown KMS action `kms:Decrypts`; did you mean `kms:Decrypt`?");
  }

  @Test
  void validate_actionMissingItsWildcard_suggestsTheWildcard() {
    assertThat(codes("\"Action\":\"kms:ReEncrypt\""))
        .containsExactly(
            "KP102 unknown KMS action `kms:ReEncrypt`; did you mean `kms:ReEncrypt*`"
                + " (ReEncryptFrom, ReEncryptTo)?");
  }

  @Test
  void validate_wildcardMatchingNothing_reportsKp102() {
    assertThat(codes("\"Action\":\"kms:Encrypts*\""))
        .singleElement()
        .asString()
        .startsWith("KP102 `kms:Encrypts*` matches no KMS action");
  }

  @Test
  void validate_actionInOtherCase_reportsKp105AndMatchesAnyway() {
    assertThat(codes("\"Action\":[\"KMS:decrypt\",\"kms:generatedatakey*\"]"))
        .containsExactly("KP105 `KMS:decrypt` is written `kms:Decrypt`");
  }

  @Test
  void validate_unknownConditionKey_reportsKp112WithSuggestion() {
    assertThat(
            codes(
                "\"Action\":\"kms:Decrypt\",\"Condition\":{\"StringEquals\":{\"kms:CallerAcount\":\"1\"}}"))
        .containsExactly(
            "KP112 unknown condition key `kms:CallerAcount`; did you mean `kms:CallerAccount`?");
  }

  @Test
  void validate_conditionKeyInOtherCase_isAccepted() {
    assertThat(
            codes(
                "\"Action\":\"kms:Decrypt\",\"Condition\":{\"StringEquals\":{\"aws:sourceVpce\":\"vpce-1\"}}"))
        .isEmpty();
  }

  @Test
  void validate_deprecatedConditionKey_isAWarning() {
    ReadResult r =
        validator.validate(
            "p.json",
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"kms:CustomerMasterKeySpec\":\"SYMMETRIC_DEFAULT\"}}}]}");
    assertThat(r.diagnostics()).extracting(Diagnostic::severity).containsExactly(Severity.WARNING);
    assertThat(r.diagnostics().get(0).message()).contains("deprecated").contains("kms:KeySpec");
  }

  @Test
  void validate_unknownPolicyVariable_reportsKp120() {
    assertThat(
            codes(
                "\"Action\":\"kms:Decrypt\",\"Condition\":{\"StringEquals\":"
                    + "{\"kms:EncryptionContext:user\":\"${aws:usernme}\"}}"))
        .containsExactly(
            "KP120 unknown policy variable `${aws:usernme}`; did you mean `${aws:username}`?");
  }

  @Test
  void validate_placeholderInConditionValue_isOnlyAnUnrenderedTemplate() {
    assertThat(
            codes(
                "\"Action\":\"kms:Decrypt\",\"Condition\":{\"StringEquals\":"
                    + "{\"kms:CallerAccount\":\"${account_id}\",\"aws:SourceAccount\":\"${AWS::AccountId}\"}}"))
        .extracting(s -> s.substring(0, 5))
        .containsExactly("KP015", "KP015");
  }

  @Test
  void validate_knownPolicyVariablesAndEscapes_areAccepted() {
    assertThat(
            codes(
                "\"Action\":\"kms:Decrypt\",\"Condition\":{\"StringLike\":"
                    + "{\"kms:EncryptionContext:user\":\"${aws:username}-${*}\","
                    + "\"kms:EncryptionContext:team\":\"${aws:PrincipalTag/team, 'none'}\"}}"))
        .isEmpty();
  }
}
