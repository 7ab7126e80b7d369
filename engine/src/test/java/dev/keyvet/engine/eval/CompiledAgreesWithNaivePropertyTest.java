package dev.keyvet.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.read.PolicyReader;
import dev.keyvet.engine.read.ReadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The compiled evaluator and the naive reference interpretation agree, statement by statement and
 * decision by decision, on random policies and requests built from the element families that
 * matter: every principal form and NotPrincipal, actions with wildcards and NotAction, resources
 * and NotResource, every condition operator family with IfExists, set operators, variables and
 * absent keys.
 */
class CompiledAgreesWithNaivePropertyTest {
  private static final String KEY =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final PolicyReader READER = new PolicyReader();

  record Scenario(
      String keyPolicy, String identityPolicy, String boundary, AccessRequest request) {}

  @Property(tries = 1500)
  void compiledAndNaive_agreeOnEveryStatementAndDecision(@ForAll("scenarios") Scenario s) {
    CompiledPolicy key = compile("key", PolicyKind.KEY_POLICY, s.keyPolicy());
    CompiledPolicy id = compile("identity", PolicyKind.IDENTITY, s.identityPolicy());
    CompiledPolicy boundary =
        s.boundary() == null
            ? null
            : compile("boundary", PolicyKind.PERMISSIONS_BOUNDARY, s.boundary());
    assertThat(key.errors()).as(s.keyPolicy()).isEmpty();
    EvalRequest r = new EvalRequest(s.request(), boundary != null);
    for (CompiledPolicy p : boundary == null ? List.of(key, id) : List.of(key, id, boundary)) {
      assertThat(applicable(p, r))
          .as("statements of %s for %s", p.name(), s)
          .isEqualTo(applicable(new NaivePolicy(p.document(), p.kind()), r));
    }
    PolicySet.Builder set = PolicySet.builder().keyPolicy(key).identityPolicy(id);
    if (boundary != null) {
      set.permissionsBoundary(boundary);
    }
    PolicySet policies = set.build();
    Evaluation fast = new Authorizer(false).decide(policies, s.request());
    Evaluation reference = new Authorizer(true).decide(policies, s.request());
    assertThat(fast.decision()).as("%s", s).isEqualTo(reference.decision());
    assertThat(fast.reasons()).isEqualTo(reference.reasons());
  }

  private static List<String> applicable(PolicyMatcher m, EvalRequest r) {
    List<String> out = new ArrayList<>();
    m.applicable(r, (i, effect, match) -> out.add(i + ":" + effect + ":" + match));
    return out;
  }

  private static CompiledPolicy compile(String name, PolicyKind kind, String json) {
    ReadResult read = READER.read(name, json);
    return CompiledPolicy.compile(name, kind, read);
  }

  // ---- generators ----

  private static final List<String> PRINCIPALS =
      List.of(
          "\"*\"",
          "{\"AWS\":\"*\"}",
          "{\"AWS\":\"111122223333\"}",
          "{\"AWS\":\"arn:aws:iam::111122223333:root\"}",
          "{\"AWS\":\"arn:aws:iam::444455556666:root\"}",
          "{\"AWS\":\"arn:aws:iam::111122223333:user/Alice\"}",
          "{\"AWS\":\"arn:aws:iam::111122223333:role/App\"}",
          "{\"AWS\":\"arn:aws:iam::444455556666:role/App\"}",
          "{\"AWS\":\"arn:aws:sts::111122223333:assumed-role/App/s1\"}",
          "{\"AWS\":[\"111122223333\",\"arn:aws:iam::111122223333:role/App\",\"arn:aws:sts::111122223333:assumed-role/App/s1\"]}",
          "{\"Service\":\"logs.amazonaws.com\"}",
          "{\"AWS\":\"arn:aws:sts::111122223333:federated-user/Bob\"}");

  private static final List<String> ACTIONS =
      List.of(
          "\"kms:*\"",
          "\"*\"",
          "\"kms:Decrypt\"",
          "\"kms:decrypt\"",
          "[\"kms:Encrypt\",\"kms:Decrypt\"]",
          "\"kms:Create*\"",
          "\"kms:ReEncrypt*\"",
          "\"kms:Get?ublicKey\"",
          "\"kms:*Key*\"",
          "\"kms:PutKeyPolicy\"",
          "\"s3:GetObject\"");

  private static final List<String> RESOURCES =
      List.of(
          "\"*\"",
          "\"" + KEY + "\"",
          "\"arn:aws:kms:us-east-1:111122223333:key/*\"",
          "\"arn:aws:kms:*:111122223333:key/1234*\"",
          "\"arn:aws:kms:us-west-2:111122223333:key/*\"",
          "\"arn:aws:kms:us-east-1:111122223333:key/${aws:username}\"");

  private static final List<String> CONDITIONS =
      List.of(
          "\"StringEquals\":{\"kms:CallerAccount\":\"111122223333\"}",
          "\"StringNotEquals\":{\"kms:CallerAccount\":[\"111122223333\",\"444455556666\"]}",
          "\"StringEqualsIgnoreCase\":{\"kms:EncryptionContext:app\":\"ORDERS\"}",
          "\"StringLike\":{\"kms:ViaService\":\"ec2.*.amazonaws.com\"}",
          "\"StringNotLikeIfExists\":{\"kms:ViaService\":\"s3.*\"}",
          "\"StringLikeIfExists\":{\"kms:ViaService\":\"ec2.*\"}",
          "\"StringEquals\":{\"kms:EncryptionContext:user\":\"${aws:username}\"}",
          "\"StringNotEquals\":{\"kms:EncryptionContext:team\":\"${aws:PrincipalTag/team}\"}",
          "\"StringLike\":{\"kms:EncryptionContext:team\":\"${aws:PrincipalTag/team, 'none'}-${*}\"}",
          "\"ForAllValues:StringEquals\":{\"kms:EncryptionContextKeys\":[\"app\",\"user\"]}",
          "\"ForAnyValue:StringLike\":{\"kms:EncryptionContextKeys\":\"ap*\"}",
          "\"ForAnyValue:StringNotEquals\":{\"kms:EncryptionContextKeys\":\"app\"}",
          "\"ForAllValues:StringNotEqualsIfExists\":{\"aws:TagKeys\":\"secret\"}",
          "\"ForAnyValue:StringEqualsIfExists\":{\"aws:TagKeys\":\"team\"}",
          "\"Null\":{\"kms:ViaService\":\"true\"}",
          "\"Null\":{\"kms:EncryptionContextKeys\":\"false\"}",
          "\"Bool\":{\"aws:SecureTransport\":\"true\"}",
          "\"BoolIfExists\":{\"aws:MultiFactorAuthPresent\":\"false\"}",
          "\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"3600\"}",
          "\"NumericGreaterThanEquals\":{\"aws:MultiFactorAuthAge\":[\"10\",\"2.5\"]}",
          "\"NumericNotEquals\":{\"aws:MultiFactorAuthAge\":\"60\"}",
          "\"DateLessThan\":{\"aws:CurrentTime\":\"2026-06-01T00:00:00Z\"}",
          "\"DateGreaterThanEquals\":{\"aws:CurrentTime\":\"1767225600\"}",
          "\"DateNotEquals\":{\"aws:CurrentTime\":\"2026\"}",
          "\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\",\"2001:db8::/32\"]}",
          "\"NotIpAddress\":{\"aws:SourceIp\":\"198.51.100.7\"}",
          "\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:role/Ap?\"}",
          "\"ArnNotEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111122223333:user/Alice\"}",
          "\"ArnLike\":{\"aws:SourceArn\":\"*\"}",
          "\"BinaryEquals\":{\"aws:SomeBytes\":\"AAEC\"}");

  private static final List<String> CALLERS =
      List.of(
          "111122223333",
          "arn:aws:iam::111122223333:user/Alice",
          "arn:aws:iam::111122223333:user/Bob",
          "arn:aws:sts::111122223333:assumed-role/App/s1",
          "arn:aws:sts::111122223333:assumed-role/App/s2",
          "arn:aws:sts::444455556666:assumed-role/App/s1",
          "arn:aws:iam::444455556666:root",
          "arn:aws:sts::111122223333:federated-user/Bob",
          "logs.amazonaws.com");

  private static final List<String> REQUEST_ACTIONS =
      List.of(
          "kms:Decrypt",
          "kms:Encrypt",
          "kms:CreateGrant",
          "kms:PutKeyPolicy",
          "kms:GetPublicKey",
          "kms:ReEncryptFrom",
          "kms:CreateKey",
          "kms:Frobnicate");

  private static final List<Map.Entry<String, Object>> CONTEXT =
      List.of(
          Map.entry("kms:ViaService", "ec2.us-east-1.amazonaws.com"),
          Map.entry("kms:ViaService", "s3.us-east-1.amazonaws.com"),
          Map.entry("kms:EncryptionContext:app", "orders"),
          Map.entry("kms:EncryptionContext:user", "Alice"),
          Map.entry("kms:EncryptionContext:team", "none-*"),
          Map.entry("aws:PrincipalTag/team", "blue"),
          Map.entry("aws:TagKeys", List.of("team", "secret")),
          Map.entry("aws:TagKeys", List.of()),
          Map.entry("aws:MultiFactorAuthPresent", "true"),
          Map.entry("aws:MultiFactorAuthAge", "60"),
          Map.entry("aws:MultiFactorAuthAge", "soon"),
          Map.entry("aws:CurrentTime", "2026-03-15T10:00:00Z"),
          Map.entry("aws:CurrentTime", "2027-01-01T00:00:00Z"),
          Map.entry("aws:SourceIp", "203.0.113.9"),
          Map.entry("aws:SourceIp", "2001:db8::5"),
          Map.entry("aws:SourceIp", "198.51.100.7"),
          Map.entry("aws:SourceArn", "arn:aws:logs:us-east-1:111122223333:log-group:x"),
          Map.entry("aws:SomeBytes", "AAEC"),
          Map.entry("aws:username", "1234abcd-12ab-34cd-56ef-1234567890ab"),
          Map.entry("aws:SecureTransport", "false"));

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<String> keyPolicy =
        statement(true)
            .list()
            .ofMinSize(1)
            .ofMaxSize(5)
            .map(CompiledAgreesWithNaivePropertyTest::policy);
    Arbitrary<String> identity =
        statement(false)
            .list()
            .ofMinSize(1)
            .ofMaxSize(3)
            .map(CompiledAgreesWithNaivePropertyTest::policy);
    Arbitrary<String> boundary =
        Arbitraries.oneOf(
            Arbitraries.just(null),
            statement(false)
                .list()
                .ofMinSize(1)
                .ofMaxSize(2)
                .map(CompiledAgreesWithNaivePropertyTest::policy));
    Arbitrary<AccessRequest> request =
        Combinators.combine(
                Arbitraries.of(CALLERS),
                Arbitraries.of(REQUEST_ACTIONS),
                Arbitraries.of(KEY, "arn:aws:kms:us-east-1:444455556666:key/abcd"),
                Arbitraries.of(CONTEXT).list().ofMaxSize(6),
                Arbitraries.of(true, false))
            .as(CompiledAgreesWithNaivePropertyTest::request);
    return Combinators.combine(keyPolicy, identity, boundary, request).as(Scenario::new);
  }

  private static AccessRequest request(
      String principal,
      String action,
      String key,
      List<Map.Entry<String, Object>> ctx,
      boolean derive) {
    Caller caller = Caller.parse(principal);
    RequestContext.Builder b = RequestContext.builder();
    for (Map.Entry<String, Object> e : ctx) {
      if (e.getValue() instanceof List<?> list) {
        b.put(e.getKey(), list.stream().map(Object::toString).toList());
      } else {
        b.put(e.getKey(), (String) e.getValue());
      }
    }
    String account = key.split(":")[4];
    String resource = action.equals("kms:CreateKey") ? null : key;
    RequestContext given = b.build();
    RequestContext context =
        derive ? ContextDeriver.derive(caller, action, resource, account, given) : given;
    return new AccessRequest(caller, action, resource, account, context);
  }

  private static Arbitrary<String> statement(boolean withPrincipal) {
    Arbitrary<String> principal =
        withPrincipal
            ? Combinators.combine(
                    Arbitraries.of("Principal", "Principal", "Principal", "NotPrincipal"),
                    Arbitraries.of(PRINCIPALS))
                .as((k, v) -> ",\"" + k + "\":" + v)
            : Arbitraries.just("");
    Arbitrary<String> action =
        Combinators.combine(
                Arbitraries.of("Action", "Action", "Action", "NotAction"), Arbitraries.of(ACTIONS))
            .as((k, v) -> ",\"" + k + "\":" + v);
    Arbitrary<String> resource =
        Combinators.combine(
                Arbitraries.of("Resource", "Resource", "Resource", "NotResource"),
                Arbitraries.of(RESOURCES))
            .as((k, v) -> ",\"" + k + "\":" + v);
    Arbitrary<String> conditions =
        Arbitraries.of(CONDITIONS)
            .list()
            .ofMaxSize(3)
            .uniqueElements(c -> c.substring(0, c.indexOf('{')))
            .map(list -> list.isEmpty() ? "" : ",\"Condition\":{" + String.join(",", list) + "}");
    return Combinators.combine(
            Arbitraries.of("Allow", "Deny"), principal, action, resource, conditions)
        .as((e, p, a, r, c) -> "{\"Effect\":\"" + e + "\"" + p + a + r + c + "}");
  }

  private static String policy(List<String> statements) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
  }
}
