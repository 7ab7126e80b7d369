package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Text;
import java.util.List;
import tools.jackson.core.JsonToken;

/**
 * Builds the policy model straight from the token stream, reporting every structural problem: wrong
 * shapes (KP003), unknown elements (KP004), missing or bad Version (KP005, KP006), and, through
 * {@link StatementBuilder}, the problems of each statement.
 *
 * <p>Statements depend on the policy's {@code Version} (it decides whether policy variables are
 * expanded), which a document may give after {@code Statement}, as CDK and Terraform write it. The
 * builder then assumes no variables. That is right unless the {@code Version} read later enables
 * them and a resource or condition value holds <code>${</code>; then {@link
 * #builtUnderWrongVersion()} is true and the caller reads the document again with {@code
 * variablesEnabled} known up front.
 */
final class PolicyBuilder {
  static final List<String> TOP_LEVEL = List.of("Version", "Id", "Statement");

  private final ElementReader in;
  private final TokenCursor cursor;
  private final boolean versionKnown;
  private boolean variablesEnabled;
  private boolean statementsBeforeVersion;

  /**
   * A builder over {@code in}; when {@code versionKnown}, {@code variablesEnabled} is what the
   * document's {@code Version} decides, wherever it is written.
   */
  PolicyBuilder(ElementReader in, boolean versionKnown, boolean variablesEnabled) {
    this.in = in;
    this.cursor = in.cursor;
    this.versionKnown = versionKnown;
    this.variablesEnabled = versionKnown && variablesEnabled;
  }

  /** The model of the value at the cursor, or null when the document is not a policy at all. */
  PolicyDocument build() {
    JsonToken t = cursor.token();
    if (t == JsonToken.START_OBJECT) {
      return policy();
    }
    if (t == JsonToken.START_ARRAY) {
      return fragment();
    }
    SourceSpan span = cursor.valueSpan(null, null, -1);
    in.report(
        Code.KP003,
        span,
        "the document is " + TokenCursor.kind(t) + "; a key policy is an object with a `Statement`",
        "");
    return null;
  }

  /**
   * True when statements were built assuming no policy variables before a later {@code Version}
   * enabled them, and a value they hold reads differently with variables: the model and findings
   * are then wrong and the document must be read again.
   */
  boolean builtUnderWrongVersion() {
    return statementsBeforeVersion && variablesEnabled && in.readVariables();
  }

  private PolicyDocument fragment() {
    int slot = in.findings.reserve();
    int start = cursor.start();
    SourceSpan self = cursor.span(start, start, null, null, -1);
    int statements = in.lists.mark();
    int i = 0;
    while (cursor.next() != JsonToken.END_ARRAY) {
      addStatement(self, null, i, i);
      i++;
    }
    SourceSpan span = cursor.span(start, cursor.start(), null, null, -1);
    in.findings.fill(
        slot,
        Diagnostic.of(
                Code.KP003,
                span,
                "the document is an array; a key policy is an object with `Version` and"
                    + " `Statement`")
            .withHelp("wrap the statements: {\"Version\": \"2012-10-17\", \"Statement\": [...]}"));
    return new PolicyDocument(null, null, in.lists.pop(statements), true, span);
  }

  private PolicyDocument policy() {
    ObjectMembers obj = cursor.members(null, null, -1);
    int versionSlot = in.findings.reserve();
    Text version = null;
    boolean sawVersion = false;
    Text id = null;
    int statements = in.lists.mark();
    boolean sawStatement = false;
    while (obj.next()) {
      switch (obj.name()) {
        case "Version":
          sawVersion = true;
          version = version(obj, versionSlot);
          break;
        case "Id":
          id = in.string(obj);
          break;
        case "Statement":
          sawStatement = true;
          statementsBeforeVersion = !sawVersion && !versionKnown;
          statements(obj);
          break;
        default:
          in.unknownElement(obj, TOP_LEVEL, "policy");
      }
    }
    SourceSpan span = obj.span();
    if (!sawVersion) {
      in.findings.fill(
          versionSlot,
          Diagnostic.of(
                  Code.KP005,
                  span.withPointer(""),
                  "the policy has no `Version`; policy variables are literal text without it")
              .withHelp("add \"Version\": \"2012-10-17\""));
    }
    if (!sawStatement) {
      in.report(
          Code.KP003,
          span,
          "the policy has no `Statement`",
          "a key policy needs at least one statement");
    }
    return new PolicyDocument(version, id, in.lists.pop(statements), false, span);
  }

  /**
   * Reads the {@code Version} member; what is wrong with it goes in {@code slot}, ahead of the
   * findings of members written before it, as it decides how they are read.
   */
  private Text version(ObjectMembers obj, int slot) {
    if (cursor.token() != JsonToken.VALUE_STRING) {
      in.findings.fill(slot, in.notString(obj));
      return null;
    }
    Text version = in.string(obj);
    variablesEnabled = PolicyDocument.VERSION_2012.equals(version.value());
    Diagnostic problem = versionProblem(version);
    if (problem != null) {
      in.findings.fill(slot, problem);
    }
    return version;
  }

  private static Diagnostic versionProblem(Text version) {
    String v = version.value();
    if (v.equals(PolicyDocument.VERSION_2012)) {
      return null;
    }
    if (v.equals(PolicyDocument.VERSION_2008)) {
      return Diagnostic.of(
              Code.KP006,
              version.span(),
              "`Version` `2008-10-17` is the old grammar: policy variables are literal text")
          .withSeverity(Severity.WARNING)
          .withHelp("use \"Version\": \"2012-10-17\"");
    }
    return Diagnostic.of(
            Code.KP006, version.span(), "unknown `Version` `" + v + "`; expected `2012-10-17`")
        .withHelp("the version is a fixed string naming the policy grammar, not a date you choose");
  }

  /** Reads the value of member {@code Statement}, pushing its statements on the list stack. */
  private void statements(ObjectMembers obj) {
    JsonToken t = cursor.token();
    if (t == JsonToken.START_OBJECT) {
      addStatement(obj.self(), obj.name(), -1, 0);
      return;
    }
    if (t != JsonToken.START_ARRAY) {
      SourceSpan span = cursor.valueSpan(obj.self(), obj.name(), -1);
      in.report(
          Code.KP003,
          span,
          "`Statement` is " + TokenCursor.kind(t) + "; expected an object or an array of objects",
          "");
      return;
    }
    int start = cursor.start();
    SourceSpan self = cursor.span(start, start, obj.self(), obj.name(), -1);
    int i = 0;
    while (cursor.next() != JsonToken.END_ARRAY) {
      addStatement(self, null, i, i);
      i++;
    }
    if (i == 0) {
      in.report(
          Code.KP003,
          cursor.span(start, cursor.start(), obj.self(), obj.name(), -1),
          "`Statement` is empty",
          "a key policy needs at least one statement");
    }
  }

  /**
   * Reads the statement at the cursor, member {@code name} or item {@code item} of {@code parent},
   * and pushes it on the list stack as statement {@code index}; reports a value that is no object
   * instead.
   */
  private void addStatement(SourceSpan parent, String name, int item, int index) {
    JsonToken t = cursor.token();
    if (t != JsonToken.START_OBJECT) {
      SourceSpan span = cursor.valueSpan(parent, name, item);
      in.report(
          Code.KP003, span, "a statement is " + TokenCursor.kind(t) + "; expected an object", "");
      return;
    }
    in.lists.push(
        new StatementBuilder(in, cursor.members(parent, name, item), index, variablesEnabled)
            .build());
  }
}
