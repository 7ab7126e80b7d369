package dev.keyvet.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.TypedValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader builds the model as the tokens stream by, yet its result must not depend on what it
 * learns late: a {@code Version} after the statements, a plain element after its negated form, a
 * duplicate after the member it repeats, a syntax error after everything else.
 */
class StreamingOrderTest {
  private final PolicyReader reader = new PolicyReader();

  private static final String STATEMENT =
      "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:Decrypt\","
          + "\"Resource\":\"arn:aws:kms:us-east-1:111122223333:key/${aws:username}\","
          + "\"Condition\":{\"StringLike\":{\"kms:ViaService\":\"${aws:username}.x\"}}}";

  private ReadResult read(String json) {
    return reader.read("p.json", json.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> codes(ReadResult r) {
    return r.diagnostics().stream().map(d -> d.code().id() + "@" + d.span().pointer()).toList();
  }

  @Test
  void read_versionAfterStatement_expandsVariablesAsWhenItComesFirst() {
    ReadResult first = read("{\"Version\":\"2012-10-17\",\"Statement\":[" + STATEMENT + "]}");
    ReadResult last = read("{\"Statement\":[" + STATEMENT + "],\"Version\":\"2012-10-17\"}");
    assertThat(last.diagnostics()).isEmpty();
    assertThat(first.diagnostics()).isEmpty();
    Statement s = last.policy().statements().get(0);
    assertThat(s.resource().patterns().get(0).hasVariables()).isTrue();
    TypedValue typed = s.conditions().get(0).values().get(0).typed();
    assertThat(((TypedValue.Str) typed).template().hasVariables()).isTrue();
    assertThat(s.resource().patterns().get(0).parts())
        .isEqualTo(first.policy().statements().get(0).resource().patterns().get(0).parts());
  }

  @Test
  void read_versionAfterStatementWithoutVariables_readsValuesAsWhenItComesFirst() {
    String statement =
        "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:Decrypt\","
            + "\"Resource\":\"arn:aws:kms:us-east-1:111122223333:key/a$b\","
            + "\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\"{x}.$\"}}}";
    ReadResult first = read("{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}");
    ReadResult last = read("{\"Statement\":[" + statement + "],\"Version\":\"2012-10-17\"}");
    assertThat(codes(last)).isEqualTo(codes(first));
    Statement a = first.policy().statements().get(0);
    Statement b = last.policy().statements().get(0);
    assertThat(b.resource().patterns().get(0).parts())
        .isEqualTo(a.resource().patterns().get(0).parts());
    assertThat(b.conditions().get(0).values().get(0).typed())
        .extracting(v -> ((TypedValue.Str) v).template().parts())
        .isEqualTo(
            ((TypedValue.Str) a.conditions().get(0).values().get(0).typed()).template().parts());
  }

  @Test
  void read_oldVersionAfterStatement_keepsVariablesLiteral() {
    ReadResult r = read("{\"Statement\":[" + STATEMENT + "],\"Version\":\"2008-10-17\"}");
    assertThat(codes(r))
        .containsExactly(
            "KP120@/Statement/0/Resource",
            "KP120@/Statement/0/Condition/StringLike/kms:ViaService",
            "KP006@/Version");
    Template resource = r.policy().statements().get(0).resource().patterns().get(0);
    assertThat(resource.hasVariables()).isFalse();
  }

  @Test
  void read_negatedFormBeforePlainForm_keepsThePlainFormAndIgnoresTheOther() {
    ReadResult r =
        read(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\","
                + "\"NotPrincipal\":{\"AWS\":\"not-an-account\"},\"NotAction\":\"\","
                + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"kms:Decrypt\","
                + "\"Resource\":\"*\"}}");
    assertThat(codes(r))
        .containsExactly("KP003@/Statement/NotPrincipal", "KP003@/Statement/NotAction");
    assertThat(r.diagnostics().get(0).message())
        .isEqualTo("statement has both `Principal` and `NotPrincipal`");
    Statement s = r.policy().statements().get(0);
    assertThat(s.principal().negated()).isFalse();
    assertThat(s.principal().principals()).singleElement().isInstanceOf(Principal.Account.class);
    assertThat(s.action().negated()).isFalse();
  }

  @Test
  void read_negatedFormAlone_isRead() {
    ReadResult r =
        read(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Deny\","
                + "\"NotPrincipal\":{\"AWS\":\"not-an-account\"},\"Action\":\"kms:Decrypt\","
                + "\"Resource\":\"*\"}}");
    assertThat(codes(r)).containsExactly("KP109@/Statement/NotPrincipal/AWS");
    assertThat(r.policy().statements().get(0).principal().negated()).isTrue();
  }

  @Test
  void read_duplicateMember_dropsTheLaterValueButReportsDuplicatesInsideIt() {
    ReadResult r =
        read(
            "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\","
                + "\"action\":[\"\",{\"a\":1,\"a\":2}]}}");
    assertThat(codes(r)).containsExactly("KP002@/Statement/action", "KP002@/Statement/action/1/a");
    assertThat(r.policy().statements().get(0).action().patterns())
        .extracting(t -> t.value())
        .containsExactly("kms:Decrypt");
  }

  @Test
  void read_syntaxErrorAfterDuplicate_reportsBothAndNoModel() {
    ReadResult r = read("{\"Version\":\"2012-10-17\",\"Version\":\"x\",\"Statement\":[}");
    assertThat(r.policy()).isNull();
    assertThat(r.diagnostics())
        .extracting(Diagnostic::code)
        .containsExactly(Code.KP002, Code.KP001);
  }

  @Test
  void read_syntaxErrorAfterProblems_reportsOnlyTheSyntaxError() {
    ReadResult r = read("{\"Version\":\"1999\",\"Statement\":[{\"Effect\":\"allow\"}] x");
    assertThat(r.policy()).isNull();
    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Code.KP001);
  }

  @Test
  void read_escapedStrings_areDecodedAndSpanTheirSource() {
    String json =
        "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"a\\\"b\\u0041\",\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"kms:\\u0044ecrypt\",\"Resource\":\"*\",\"Foo\":1}}";
    ReadResult r = read(json);
    PolicyDocument p = r.policy();
    Statement s = p.statements().get(0);
    assertThat(s.sid().value()).isEqualTo("a\"bA");
    assertThat(s.sid().span().column()).isEqualTo(json.indexOf("\"a\\\"") + 1);
    assertThat(s.sid().span().endColumn()).isEqualTo(json.indexOf("\",\"Effect") + 1);
    assertThat(s.action().patterns().get(0).value()).isEqualTo("kms:Decrypt");
    assertThat(r.diagnostics())
        .singleElement()
        .extracting(d -> d.span().column())
        .isEqualTo(json.indexOf("\"Foo\"") + 1);
  }

  @Test
  void read_sameTextAsBytesOrString_givesTheSameResult() {
    String json =
        "{\"Statement\":["
            + STATEMENT
            + ",{\"Sid\":\"caf\u00e9\",\"Effect\":\"Deny\"}],"
            + "\"Version\":\"2012-10-17\",\"Id\":\"\u00e9\"}";
    ReadResult fromBytes = read(json);
    ReadResult fromText = reader.read("p.json", json);
    assertThat(fromBytes.diagnostics()).isEqualTo(fromText.diagnostics());
    assertThat(fromBytes.policy()).isEqualTo(fromText.policy());
  }
}
