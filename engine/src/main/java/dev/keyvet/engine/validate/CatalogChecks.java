package dev.keyvet.engine.validate;

import dev.keyvet.engine.catalog.KmsAction;
import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.catalog.ResolvedConditionKey;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.model.TypedValue;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks a policy's names against the KMS catalogue: actions of other services (KP101), unknown KMS
 * actions and wildcards that match none (KP102), actions not in canonical case (KP105), unknown or
 * deprecated condition keys (KP112), and unknown policy variables (KP120).
 */
public final class CatalogChecks {
  private final KmsCatalog catalog;

  public CatalogChecks(KmsCatalog catalog) {
    this.catalog = catalog;
  }

  /** Reports every finding of {@code policy} to {@code sink}. */
  public void check(PolicyDocument policy, Consumer<Diagnostic> sink) {
    for (Statement s : policy.statements()) {
      if (s.action() != null) {
        for (Text pattern : s.action().patterns()) {
          action(pattern, sink);
        }
      }
      for (Condition c : s.conditions()) {
        conditionKey(c.key(), sink);
        for (ConditionValue v : c.values()) {
          if (v.typed() instanceof TypedValue.Str str) {
            variables(str.template(), sink);
          }
        }
      }
      if (s.resource() != null) {
        s.resource().patterns().forEach(t -> variables(t, sink));
      }
    }
  }

  private void action(Text pattern, Consumer<Diagnostic> sink) {
    String text = pattern.value();
    if (text.isEmpty() || text.equals("*")) {
      return;
    }
    int colon = text.indexOf(':');
    String service = colon < 0 ? "" : text.substring(0, colon);
    if (!service.equalsIgnoreCase("kms")) {
      sink.accept(
          Diagnostic.of(
                  Code.KP101,
                  pattern.span(),
                  colon < 0
                      ? "`" + text + "` has no service prefix; KMS actions are written `kms:Name`"
                      : "`"
                          + text
                          + "` is not a KMS action; a key policy governs only `kms:` actions")
              .withHelp(
                  "grant other services' actions in IAM or in that service's resource policy"));
      return;
    }
    List<KmsAction> matches = catalog.actionsMatching(text);
    if (matches.isEmpty()) {
      String hint = suggestion(text);
      String what =
          text.indexOf('*') >= 0 || text.indexOf('?') >= 0
              ? "`" + text + "` matches no KMS action"
              : "unknown KMS action `" + text + "`";
      sink.accept(Diagnostic.of(Code.KP102, pattern.span(), what + hint));
      return;
    }
    if (text.indexOf('*') < 0 && text.indexOf('?') < 0) {
      String canonical = matches.get(0).qualifiedName();
      if (!canonical.equals(text)) {
        sink.accept(
            Diagnostic.of(
                    Code.KP105, pattern.span(), "`" + text + "` is written `" + canonical + "`")
                .withHelp(
                    "actions match in any case, but the canonical spelling keeps reviews and diffs clear"));
      }
    }
  }

  /**
   * A "did you mean" suffix, or empty. {@code kms:ReEncrypt} most often lost its {@code *} (to
   * Markdown or a template), so a name that starts several actions suggests the wildcard and what
   * it covers; otherwise the closest action name.
   */
  private String suggestion(String text) {
    if (text.indexOf('*') < 0 && text.indexOf('?') < 0) {
      List<KmsAction> prefixed = catalog.actionsMatching(text + "*");
      if (!prefixed.isEmpty()) {
        String names = String.join(", ", prefixed.stream().map(KmsAction::name).toList());
        return "; did you mean `kms:" + text.substring(4) + "*` (" + names + ")?";
      }
    }
    return catalog.suggestAction(text).map(s -> "; did you mean `" + s + "`?").orElse("");
  }

  private void conditionKey(Text key, Consumer<Diagnostic> sink) {
    Optional<ResolvedConditionKey> resolved = catalog.conditionKey(key.value());
    if (resolved.isEmpty()) {
      String hint =
          catalog
              .suggestConditionKey(key.value())
              .map(s -> "; did you mean `" + s + "`?")
              .orElse("");
      sink.accept(
          Diagnostic.of(
                  Code.KP112, key.span(), "unknown condition key `" + key.value() + "`" + hint)
              .withHelp(
                  "an unknown key is absent from every request: an Allow with it never applies and a"
                      + " Deny with a negated test always does"));
      return;
    }
    var def = resolved.get().def();
    if (def.deprecated()) {
      sink.accept(
          Diagnostic.of(
                  Code.KP112,
                  key.span(),
                  "condition key `"
                      + key.value()
                      + "` is deprecated"
                      + def.replacedBy().map(r -> "; use `" + r + "`").orElse(""))
              .withSeverity(Severity.WARNING));
    }
  }

  private void variables(Template template, Consumer<Diagnostic> sink) {
    for (Template.Part part : template.parts()) {
      if (part instanceof Template.Variable v && catalog.conditionKey(v.key()).isEmpty()) {
        String lower = v.key().toLowerCase(Locale.ROOT);
        String hint =
            catalog
                .suggestConditionKey(lower)
                .map(s -> "; did you mean `${" + s + "}`?")
                .orElse("");
        sink.accept(
            Diagnostic.of(
                Code.KP120,
                template.span(),
                "unknown policy variable `${" + v.key() + "}`" + hint));
      }
    }
  }
}
