package dev.keyvet.engine.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.read.PolicyReader;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema and the reader agree on the malformed documents in {@code schema-cases/}: every schema
 * diagnostic has a reader diagnostic with the same code on the same line, and every structural
 * error the reader reports is one the schema reports too.
 *
 * <p>Deliberate differences, where the reader says more than a schema can or should:
 *
 * <ul>
 *   <li>KP002: duplicate members are invisible to a schema; both keep the first member, so the
 *       schema check reports nothing for a duplicate (case {@code
 *       duplicate-member-differing-case}).
 *   <li>KP005 and the KP006 warning: AWS accepts a policy without {@code Version} or with {@code
 *       2008-10-17}, so the schema does too; the reader only warns.
 *   <li>KP011 for an empty {@code Sid}, an empty string in {@code Action} or {@code Resource}, an
 *       empty {@code Condition} or an operator testing no key: suggestions in the reader, accepted
 *       by the schema. Empty arrays, an empty principal object and empty principal names are
 *       rejected by both.
 *   <li>The reader checks values the schema only types: ARN and account formats, service principal
 *       names, condition values per operator, policy variables and template placeholders (KP015 in
 *       strings, KP106, KP109 beyond the bare-string principal and unknown principal types, KP116
 *       beyond value types and {@code Null} qualifiers, KP120).
 *   <li>A top-level array: both report KP003; the reader then also checks its items as statements.
 *   <li>Messages differ in detail (the schema check names statements by Sid or array position);
 *       codes, lines and pointers are what must agree.
 * </ul>
 */
class SchemaAgreementTest {
  private static final SchemaCheck CHECK = new SchemaCheck();
  private static final PolicyReader READER = new PolicyReader();

  /** Reader errors that are the schema's business; each must be found by the schema too. */
  private static final Set<Code> STRUCTURAL =
      EnumSet.of(
          Code.KP003,
          Code.KP004,
          Code.KP006,
          Code.KP007,
          Code.KP008,
          Code.KP009,
          Code.KP010,
          Code.KP114);

  /** What the schema check reports for each case, by code. */
  private static final Map<String, List<String>> EXPECTED = new TreeMap<>();

  static {
    expect("action-and-notaction", "KP003");
    expect("action-empty-list", "KP011");
    expect("action-missing", "KP009");
    expect("action-null-item", "KP003");
    expect("action-object", "KP003");
    expect("condition-bad-qualifier", "KP114");
    expect("condition-not-object", "KP003");
    expect("condition-null-ifexists", "KP116");
    expect("condition-null-with-qualifier", "KP116");
    expect("condition-operator-not-object", "KP003");
    expect("condition-operator-wrong-case", "KP114");
    expect("condition-unknown-operator", "KP114");
    expect("condition-value-nested-array", "KP116");
    expect("condition-value-null", "KP116");
    expect("condition-value-object", "KP116");
    expect("condition-values-empty", "KP011");
    expect("duplicate-member-differing-case");
    expect("effect-boolean", "KP003");
    expect("effect-lowercase", "KP007");
    expect("effect-missing", "KP007");
    expect("effect-unknown", "KP007");
    expect("id-object", "KP003");
    expect("missing-statement", "KP003");
    expect("principal-and-notprincipal", "KP003");
    expect("principal-array", "KP003");
    expect("principal-bare-arn", "KP109");
    expect("principal-empty-list", "KP011");
    expect("principal-empty-name", "KP011");
    expect("principal-empty-object", "KP011");
    expect("principal-intrinsic", "KP015");
    expect("principal-missing", "KP008");
    expect("principal-number-item", "KP003");
    expect("principal-unknown-type", "KP109");
    expect("resource-and-notresource", "KP003");
    expect("resource-empty-list", "KP011");
    expect("resource-missing", "KP010");
    expect("several-problems", "KP008", "KP007", "KP004", "KP003");
    expect("sid-number", "KP003");
    expect("statement-empty-array", "KP003");
    expect("statement-item-not-object", "KP003");
    expect("statement-string", "KP003");
    expect("top-level-array", "KP003");
    expect("top-level-string", "KP003");
    expect("unknown-element-with-slash", "KP004");
    expect("unknown-statement-element", "KP008", "KP004");
    expect("unknown-top-level-element", "KP004");
    expect("version-number", "KP003");
    expect("version-unknown", "KP006");
  }

  private static void expect(String name, String... codes) {
    EXPECTED.put(name + ".json", List.of(codes));
  }

  static List<String> cases() {
    return TestDocuments.jsonFiles(TestDocuments.casesDir());
  }

  @Test
  void cases_eachHaveAnExpectation() {
    assertThat(cases()).containsExactlyElementsOf(EXPECTED.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void check_malformedCase_reportsExpectedCodes(String name) {
    List<String> codes = CHECK.check(name, text(name)).stream().map(d -> d.code().id()).toList();

    assertThat(codes).containsExactlyElementsOf(EXPECTED.get(name));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void check_malformedCase_everyFindingIsTheReaders(String name) {
    String text = text(name);
    List<Diagnostic> reader = READER.read(name, text).diagnostics();

    for (Diagnostic d : CHECK.check(name, text)) {
      assertThat(reader)
          .as("reader diagnostic matching schema diagnostic %s", d)
          .anySatisfy(
              r -> {
                assertThat(r.code()).isEqualTo(d.code());
                assertThat(r.span().line()).isEqualTo(d.span().line());
              });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void read_malformedCase_everyStructuralErrorIsTheSchemas(String name) {
    String text = text(name);
    List<Diagnostic> schema = CHECK.check(name, text);

    for (Diagnostic r : READER.read(name, text).diagnostics()) {
      if (r.isError() && STRUCTURAL.contains(r.code())) {
        assertThat(schema)
            .as("schema diagnostic matching reader diagnostic %s", r)
            .anySatisfy(
                d -> {
                  assertThat(d.code()).isEqualTo(r.code());
                  assertThat(d.span().line()).isEqualTo(r.span().line());
                });
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void check_malformedCase_spansMatchTheReadersExactly(String name) {
    String text = text(name);
    List<Diagnostic> reader = READER.read(name, text).diagnostics();

    for (Diagnostic d : CHECK.check(name, text)) {
      assertThat(reader)
          .as("reader diagnostic at the same span as %s", d)
          .anySatisfy(r -> assertThat(r.span()).isEqualTo(d.span()));
    }
  }

  private static String text(String name) {
    return TestDocuments.read(TestDocuments.casesDir().resolve(name));
  }
}
