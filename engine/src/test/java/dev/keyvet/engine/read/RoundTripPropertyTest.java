package dev.keyvet.engine.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.ActionElement;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionOperator;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.PrincipalElement;
import dev.keyvet.engine.model.ResourceElement;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.Text;
import dev.keyvet.engine.testing.Corpus;
import dev.keyvet.engine.write.PolicyWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Model to JSON to model: a valid model written by {@link PolicyWriter} reads back without
 * diagnostics to a model that writes the same JSON. The writer emits every element of the model, so
 * equal output means equal content.
 */
class RoundTripPropertyTest {
  private static final SourceSpan NONE = SourceSpan.NONE;
  private final PolicyReader reader = new PolicyReader();

  @Property(tries = 500)
  void writeThenRead_validModel_givesTheSameModel(@ForAll("policies") PolicyDocument model) {
    String json = PolicyWriter.write(model);
    ReadResult back = reader.read("roundtrip.json", json);
    assertThat(back.diagnostics()).as(json).isEmpty();
    assertThat(PolicyWriter.write(back.policy())).isEqualTo(json);
    assertThat(back.policy().statements()).hasSameSizeAs(model.statements());
    for (int i = 0; i < model.statements().size(); i++) {
      Statement a = model.statements().get(i);
      Statement b = back.policy().statements().get(i);
      assertThat(b.effect()).isEqualTo(a.effect());
      assertThat(b.principal().principals())
          .extracting(Principal::text)
          .containsExactlyElementsOf(
              a.principal().principals().stream().map(Principal::text).toList());
      assertThat(b.conditions().stream().map(RoundTripPropertyTest::content).toList())
          .containsExactlyElementsOf(
              a.conditions().stream().map(RoundTripPropertyTest::content).toList());
    }
  }

  /**
   * A condition's value without its span: template parts for strings, the typed value otherwise.
   */
  private static Object content(Condition c) {
    var typed = c.values().get(0).typed();
    return typed instanceof dev.keyvet.engine.model.TypedValue.Str s ? s.template().parts() : typed;
  }

  @Test
  void writeThenRead_everyParseableCorpusPolicy_isStable() {
    for (var file : Corpus.files()) {
      ReadResult first = reader.read(file.toString(), Corpus.bytes(file));
      boolean templated = first.diagnostics().stream().anyMatch(d -> d.code().id().equals("KP015"));
      if (first.policy() == null || first.policy().fragment() || templated) {
        continue;
      }
      String json = PolicyWriter.write(first.policy());
      ReadResult second = reader.read("again.json", json);
      assertThat(PolicyWriter.write(second.policy())).as(file.toString()).isEqualTo(json);
      assertThat(second.diagnostics())
          .extracting(Diagnostic::code)
          .as(file.toString())
          .containsExactlyInAnyOrderElementsOf(
              first.diagnostics().stream().map(Diagnostic::code).toList());
    }
  }

  @Provide
  Arbitrary<PolicyDocument> policies() {
    return statement().list().ofMinSize(1).ofMaxSize(6).map(RoundTripPropertyTest::policy);
  }

  private static PolicyDocument policy(List<Statement> raw) {
    List<Statement> indexed = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Statement s = raw.get(i);
      indexed.add(
          new Statement(
              i,
              s.sid(),
              s.effect(),
              s.principal(),
              s.action(),
              s.resource(),
              s.conditions(),
              NONE));
    }
    return new PolicyDocument(Text.of("2012-10-17"), null, indexed, false, NONE);
  }

  private static Arbitrary<Statement> statement() {
    Arbitrary<Text> sid =
        Arbitraries.oneOf(
            Arbitraries.just(null),
            Arbitraries.strings()
                .withCharRange('a', 'z')
                .withChars(' ', 'A', '0')
                .ofMinLength(1)
                .ofMaxLength(20)
                .map(Text::of));
    Arbitrary<Effect> effect = Arbitraries.of(Effect.class);
    Arbitrary<PrincipalElement> principal =
        Arbitraries.oneOf(
            Arbitraries.just(
                new PrincipalElement(false, List.of(new Principal.Any(true, NONE)), NONE)),
            Arbitraries.of(PRINCIPALS)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .uniqueElements()
                .map(RoundTripPropertyTest::principals));
    Arbitrary<ActionElement> action =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.of(ACTIONS).list().ofMinSize(1).ofMaxSize(4).uniqueElements())
            .as((neg, list) -> new ActionElement(neg, list.stream().map(Text::of).toList(), NONE));
    Arbitrary<ResourceElement> resource =
        Arbitraries.of(
                "*", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")
            .map(r -> new ResourceElement(false, List.of(Template.literal(r, NONE)), NONE));
    Arbitrary<List<Condition>> conditions =
        Arbitraries.of(CONDITIONS)
            .list()
            .ofMaxSize(4)
            .uniqueElements(t -> t.get1() + t.get2())
            .map(
                list ->
                    groupedByOperator(list).stream()
                        .map(RoundTripPropertyTest::condition)
                        .toList());
    return Combinators.combine(sid, effect, principal, action, resource, conditions)
        .as((s, e, p, a, r, c) -> new Statement(0, s, e, p, a, r, c, NONE));
  }

  /** Conditions under one operator are contiguous in any document, as the writer emits them. */
  private static List<Tuple.Tuple3<String, String, String>> groupedByOperator(
      List<Tuple.Tuple3<String, String, String>> list) {
    List<Tuple.Tuple3<String, String, String>> out = new ArrayList<>();
    for (var first : list) {
      if (out.stream().noneMatch(t -> t.get1().equals(first.get1()))) {
        list.stream().filter(t -> t.get1().equals(first.get1())).forEach(out::add);
      }
    }
    return out;
  }

  private static PrincipalElement principals(List<Tuple.Tuple2<String, String>> specs) {
    List<Principal> out = new ArrayList<>();
    for (var family : PrincipalParser.FAMILIES) {
      for (var spec : specs) {
        if (spec.get1().equals(family)) {
          out.add(
              PrincipalParser.parse(
                  family,
                  spec.get2(),
                  NONE,
                  d -> {
                    throw new AssertionError(d.render());
                  }));
        }
      }
    }
    return new PrincipalElement(false, out, NONE);
  }

  private static Condition condition(Tuple.Tuple3<String, String, String> spec) {
    ConditionOperator op = ConditionOperator.parse(spec.get1(), NONE);
    var typed =
        ValueParser.parse(
            op.base().family(),
            spec.get3(),
            true,
            NONE,
            d -> {
              throw new AssertionError(d.render());
            });
    return new Condition(
        op,
        Text.of(spec.get2()),
        List.of(new ConditionValue(spec.get3(), ConditionValue.JsonKind.STRING, typed, NONE)),
        NONE);
  }

  private static final List<Tuple.Tuple2<String, String>> PRINCIPALS =
      List.of(
          Tuple.of("AWS", "*"),
          Tuple.of("AWS", "111122223333"),
          Tuple.of("AWS", "arn:aws:iam::444455556666:root"),
          Tuple.of("AWS", "arn:aws:iam::111122223333:user/path/Alice"),
          Tuple.of("AWS", "arn:aws:iam::111122223333:role/KeyAdmin"),
          Tuple.of("AWS", "arn:aws-cn:iam::111122223333:role/service-role/App"),
          Tuple.of("AWS", "arn:aws:sts::111122223333:assumed-role/App/session-1"),
          Tuple.of("AWS", "arn:aws:sts::111122223333:federated-user/Bob"),
          Tuple.of("Service", "logs.us-east-1.amazonaws.com"),
          Tuple.of("Service", "cloudtrail.amazonaws.com"),
          Tuple.of("Federated", "cognito-identity.amazonaws.com"),
          Tuple.of(
              "CanonicalUser", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"));

  private static final List<String> ACTIONS =
      List.of(
          "kms:*",
          "kms:Decrypt",
          "kms:Encrypt",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:Create*",
          "kms:PutKeyPolicy",
          "kms:DescribeKey");

  private static final List<Tuple.Tuple3<String, String, String>> CONDITIONS =
      List.of(
          Tuple.of("StringEquals", "kms:CallerAccount", "111122223333"),
          Tuple.of("StringLike", "kms:ViaService", "ec2.*.amazonaws.com"),
          Tuple.of("StringEquals", "kms:EncryptionContext:user", "${aws:username}"),
          Tuple.of("StringNotEqualsIfExists", "aws:PrincipalOrgID", "o-exampleorgid"),
          Tuple.of("ForAnyValue:StringLike", "kms:ResourceAliases", "alias/app-*"),
          Tuple.of("ForAllValues:StringEquals", "kms:EncryptionContextKeys", "AppName"),
          Tuple.of("Bool", "kms:GrantIsForAWSResource", "true"),
          Tuple.of("Bool", "aws:SecureTransport", "false"),
          Tuple.of("NumericLessThanEquals", "kms:ScheduleKeyDeletionPendingWindowInDays", "30"),
          Tuple.of("DateLessThan", "aws:CurrentTime", "2026-12-31T23:59:59Z"),
          Tuple.of("IpAddress", "aws:SourceIp", "203.0.113.0/24"),
          Tuple.of("NotIpAddress", "aws:SourceIp", "2001:db8::/32"),
          Tuple.of("ArnLike", "aws:PrincipalArn", "arn:aws:iam::*:role/admin-*"),
          Tuple.of("Null", "kms:BypassPolicyLockoutSafetyCheck", "true"),
          Tuple.of("BinaryEquals", "aws:SomeBinary", "AAEC"));
}
