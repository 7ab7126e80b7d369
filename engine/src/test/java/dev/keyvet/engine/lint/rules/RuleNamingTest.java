package dev.keyvet.engine.lint.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.lint.Rule;
import dev.keyvet.engine.lint.RuleMetadata;
import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every security, best-practice and hygiene check has one final rule class named after it. */
class RuleNamingTest {
  @Test
  void everyPolicyCheck_hasARuleNamedAfterIt() {
    for (Code code : Code.values()) {
      boolean policyCheck = code.policyCheck() && code.id().compareTo("KP200") > 0;
      if (!policyCheck) {
        continue;
      }
      Rule rule = RuleCatalog.rule(code).orElseThrow(() -> new AssertionError("no rule " + code));
      Class<?> type = rule.getClass();
      assertThat(type.getSimpleName()).isEqualTo(upperCamel(code.ruleName()));
      assertThat(Modifier.isFinal(type.getModifiers())).as("%s is final", type).isTrue();
      RuleMetadata m = rule.metadata();
      assertThat(m.awsDoc()).startsWith("https://docs.aws.amazon.com/");
      assertThat(m.title().substring(0, 1)).isUpperCase();
    }
  }

  @Test
  void checksThatNeedKeySettings_readTheKeysSettings() {
    for (Code code : EnumSet.of(Code.KP302, Code.KP303, Code.KP305)) {
      assertThat(RuleCatalog.rule(code)).get().isInstanceOf(KeyRule.class);
    }
  }

  @Test
  void semanticRules_askTheEvaluator_andPracticeRulesDoNot() {
    assertThat(PracticeRules.ALL).noneMatch(r -> r instanceof EvaluatorRule);
    assertThat(SemanticRules.ALL)
        .allMatch(r -> r instanceof EvaluatorRule || r instanceof ServicePrincipalUnscoped);
  }

  private static String upperCamel(String kebab) {
    StringBuilder sb = new StringBuilder();
    for (String part : kebab.split("-")) {
      sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
    }
    return sb.toString();
  }
}
