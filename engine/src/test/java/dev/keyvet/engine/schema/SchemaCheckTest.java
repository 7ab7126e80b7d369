package dev.keyvet.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@link SchemaCheck} reports for single problems: code, place, pointer and wording. */
class SchemaCheckTest {
  private static final SchemaCheck CHECK = new SchemaCheck();

  /** A valid policy; tests replace the {@code %s} line of its second statement. */
  private static final String TEMPLATE =
      """
      {
        "Version": "2012-10-17",
        "Statement": [
          {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"},
          {
            "Sid": "Use",
            %s
          }
        ]
      }
      """;

  private static final String USE =
      "\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"kms:Decrypt\","
          + " \"Resource\": \"*\"";

  private static List<Diagnostic> check(String statementBody) {
    return CHECK.check("p.json", TEMPLATE.formatted(statementBody));
  }

  /** The 1-based column of {@code needle} on line {@code line} of the policy with this body. */
  private static int column(String statementBody, int line, String needle) {
    return TEMPLATE.formatted(statementBody).lines().toList().get(line - 1).indexOf(needle) + 1;
  }

  private static Diagnostic only(List<Diagnostic> found) {
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void check_unknownStatementElement_reportsKp004AtItsName() {
    String body = USE + ", \"Conditions\": {}";
    Diagnostic d = only(check(body));

    assertThat(d.code().id()).isEqualTo("KP004");
    assertThat(d.message())
        .isEqualTo("unknown statement element `Conditions`; did you mean `Condition`?");
    assertThat(d.help()).startsWith("a statement may contain Sid, Effect, Principal");
    assertThat(d.span().line()).isEqualTo(7);
    assertThat(d.span().column()).isEqualTo(column(body, 7, "\"Conditions\""));
    assertThat(d.span().pointer()).isEqualTo("/Statement/1/Conditions");
  }

  @Test
  void check_unknownTopLevelElement_reportsKp004() {
    String policy = TEMPLATE.formatted(USE).replace("\"Version\"", "\"Versoin\"");
    Diagnostic d = only(CHECK.check("p.json", policy));

    assertThat(d.code().id()).isEqualTo("KP004");
    assertThat(d.message()).isEqualTo("unknown policy element `Versoin`; did you mean `Version`?");
    assertThat(d.span().pointer()).isEqualTo("/Versoin");
    assertThat(d.span().line()).isEqualTo(2);
  }

  @Test
  void check_missingStatement_reportsKp003AtTheDocumentStart() {
    Diagnostic d = only(CHECK.check("p.json", "\n  {\"Version\": \"2012-10-17\"}"));

    assertThat(d.code().id()).isEqualTo("KP003");
    assertThat(d.message()).isEqualTo("the policy has no `Statement`");
    assertThat(d.span()).isEqualTo(new SourceSpan("p.json", 2, 3, 2, 27, ""));
  }

  @Test
  void check_missingEffect_reportsKp007AtTheStatementStart() {
    Diagnostic d = only(check("\"Principal\": \"*\", \"Action\": \"*\", \"Resource\": \"*\""));

    assertThat(d.code().id()).isEqualTo("KP007");
    assertThat(d.message()).isEqualTo("statement `Use` has no `Effect`");
    assertThat(d.span().line()).isEqualTo(5);
    assertThat(d.span().column()).isEqualTo(5);
    assertThat(d.span().pointer()).isEqualTo("/Statement/1");
  }

  @Test
  void check_missingPrincipalActionAndResource_reportsKp008Kp009Kp010OnceEach() {
    List<Diagnostic> found = check("\"Effect\": \"Allow\"");

    assertThat(found).extracting(d -> d.code().id()).containsExactly("KP008", "KP009", "KP010");
    assertThat(found)
        .extracting(Diagnostic::message)
        .containsExactly(
            "statement `Use` has no `Principal`",
            "statement `Use` has no `Action`",
            "statement `Use` has no `Resource`, so it applies to nothing");
  }

  @Test
  void check_effectInWrongCase_reportsKp007AtTheValue() {
    String body = USE.replace("\"Allow\"", "\"deny\"");
    Diagnostic d = only(check(body));

    assertThat(d.code().id()).isEqualTo("KP007");
    assertThat(d.message())
        .isEqualTo("`deny` is not an effect; use `Allow` or `Deny` (case-sensitive)");
    assertThat(d.span().pointer()).isEqualTo("/Statement/1/Effect");
    assertThat(d.span().column()).isEqualTo(column(body, 7, "\"deny\""));
  }

  @Test
  void check_effectOfWrongType_reportsOnlyTheType() {
    Diagnostic d = only(check(USE.replace("\"Allow\"", "[\"Allow\"]")));

    assertThat(d.code().id()).isEqualTo("KP003");
    assertThat(d.message()).isEqualTo("`Effect` is an array; expected a string");
  }

  @Test
  void check_unknownVersion_reportsKp006() {
    Diagnostic d =
        only(CHECK.check("p.json", TEMPLATE.formatted(USE).replace("2012-10-17", "2023-01-01")));

    assertThat(d.code().id()).isEqualTo("KP006");
    assertThat(d.message()).isEqualTo("unknown `Version` `2023-01-01`; expected `2012-10-17`");
    assertThat(d.span().pointer()).isEqualTo("/Version");
  }

  @Test
  void check_unknownOperator_reportsKp114AtItsName() {
    Diagnostic d =
        only(
            check(
                USE + ", \"Condition\": {\"StringEqualsIgnorecase\": {\"aws:username\": \"a\"}}"));

    assertThat(d.code().id()).isEqualTo("KP114");
    assertThat(d.message())
        .isEqualTo(
            "unknown condition operator `StringEqualsIgnorecase`;"
                + " did you mean `StringEqualsIgnoreCase`?");
    assertThat(d.span().pointer()).isEqualTo("/Statement/1/Condition/StringEqualsIgnorecase");
  }

  @Test
  void check_nullWithIfExists_reportsKp116AsTheReaderDoes() {
    Diagnostic d =
        only(check(USE + ", \"Condition\": {\"NullIfExists\": {\"aws:TagKeys\": \"true\"}}"));

    assertThat(d.code().id()).isEqualTo("KP116");
  }

  @Test
  void check_bothActionAndNotAction_reportsKp003AtNotAction() {
    Diagnostic d = only(check(USE + ", \"NotAction\": \"kms:Encrypt\""));

    assertThat(d.code().id()).isEqualTo("KP003");
    assertThat(d.message()).isEqualTo("statement `Use` has both `Action` and `NotAction`");
    assertThat(d.span().pointer()).isEqualTo("/Statement/1/NotAction");
  }

  @Test
  void check_emptyActionList_reportsKp011() {
    Diagnostic d = only(check(USE.replace("\"kms:Decrypt\"", "[]")));

    assertThat(d.code().id()).isEqualTo("KP011");
    assertThat(d.message()).isEqualTo("empty `Action` list");
  }

  @Test
  void check_bareArnPrincipal_reportsKp109() {
    Diagnostic d = only(check(USE.replace("\"*\", \"Action\"", "\"111122223333\", \"Action\"")));

    assertThat(d.code().id()).isEqualTo("KP109");
    assertThat(d.message()).startsWith("a principal given as a bare string must be `*`");
  }

  @Test
  void check_unresolvedIntrinsic_reportsKp015() {
    Diagnostic d = only(check(USE.replace("\"kms:Decrypt\"", "{\"Ref\": \"ActionParameter\"}")));

    assertThat(d.code().id()).isEqualTo("KP015");
    assertThat(d.message()).isEqualTo("unresolved CloudFormation intrinsic `Ref` in `Action`");
  }

  @Test
  void check_conditionValueOfWrongType_reportsKp116() {
    Diagnostic d =
        only(check(USE + ", \"Condition\": {\"Bool\": {\"aws:SecureTransport\": null}}"));

    assertThat(d.code().id()).isEqualTo("KP116");
    assertThat(d.message())
        .isEqualTo(
            "the value of `aws:SecureTransport` is null;"
                + " expected a string, a number, a boolean or an array");
  }

  @Test
  void check_memberNameWithSlashOrTilde_escapesThePointer() {
    Diagnostic d = only(check(USE + ", \"a/b~c\": 1"));

    assertThat(d.span().pointer()).isEqualTo("/Statement/1/a~1b~0c");
  }
}
