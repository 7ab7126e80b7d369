package dev.keyvet.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.Template;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policy variable syntax. */
class TemplateParserTest {
  private static List<Template.Part> parts(String text) {
    TemplateParser.Result r = TemplateParser.parse(text, SourceSpan.NONE);
    assertThat(r.error()).isNull();
    return r.template().parts();
  }

  @Test
  void parse_plainText_isOneLiteral() {
    assertThat(parts("alias/app")).containsExactly(new Template.Literal("alias/app"));
  }

  @Test
  void parse_variableBetweenLiterals_splitsThem() {
    assertThat(parts("home/${aws:username}/*"))
        .containsExactly(
            new Template.Literal("home/"),
            new Template.Variable("aws:username", null),
            new Template.Literal("/*"));
  }

  @Test
  void parse_variableWithDefault_keepsTheDefault() {
    assertThat(parts("${aws:PrincipalTag/team, 'company-wide'}"))
        .containsExactly(new Template.Variable("aws:PrincipalTag/team", "company-wide"));
  }

  @Test
  void parse_escapes_becomeEscapedCharacters() {
    assertThat(parts("a${*}${?}${$}"))
        .containsExactly(
            new Template.Literal("a"),
            new Template.Escaped('*'),
            new Template.Escaped('?'),
            new Template.Escaped('$'));
  }

  @Test
  void parse_unclosedVariable_isAnError() {
    assertThat(TemplateParser.parse("x${aws:username", SourceSpan.NONE).error())
        .isEqualTo("policy variable `${aws:username` is not closed");
  }

  @Test
  void parse_malformedDefault_isAnError() {
    assertThat(TemplateParser.parse("${aws:username, none}", SourceSpan.NONE).error())
        .contains("is malformed");
    assertThat(TemplateParser.parse("${}", SourceSpan.NONE).error()).contains("is malformed");
  }

  @Test
  void variableNames_listsEveryVariable() {
    assertThat(TemplateParser.variableNames("${a}x${b, 'c'}${d")).containsExactly("a", "b", "d");
  }

  @Test
  void placeholders_recogniseTemplatesButNotPolicyVariables() {
    assertThat(Placeholders.find("${aws:username}")).isNull();
    assertThat(Placeholders.find("${*}")).isNull();
    assertThat(Placeholders.find("arn:${partition}:iam")).isEqualTo("${partition}");
    assertThat(Placeholders.find("${this.ACCOUNT_ID}")).isEqualTo("${this.ACCOUNT_ID}");
    assertThat(Placeholders.find("<account-id>")).isEqualTo("<account-id>");
    assertThat(Placeholders.find("{{ region }}")).isEqualTo("{{ region }}");
    assertThat(Placeholders.find("plain")).isNull();
    assertThat(Placeholders.find("arn:aws:iam::${AWS::AccountId}:root"))
        .isEqualTo("${AWS::AccountId}");
    assertThat(Placeholders.isAccountPlaceholder("account-id")).isTrue();
    assertThat(Placeholders.isAccountPlaceholder("111122223333")).isFalse();
  }
}
