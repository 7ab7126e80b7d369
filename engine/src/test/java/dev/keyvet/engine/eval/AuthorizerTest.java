package dev.keyvet.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.read.PolicyReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Java API beyond single decisions: multi-check operations, explanations, fail-closed. */
class AuthorizerTest {
  private static final String KEY_A = "arn:aws:kms:us-east-1:111122223333:key/aaaa";
  private static final String KEY_B = "arn:aws:kms:us-east-1:444455556666:key/bbbb";
  private final Authorizer authorizer = new Authorizer();

  private static CompiledPolicy policy(String name, PolicyKind kind, String json) {
    return CompiledPolicy.compile(name, kind, new PolicyReader().read(name, json));
  }

  private static final String A_ALLOWS_B_REENCRYPT_FROM =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"B re-encrypts from\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"444455556666\"},\"Action\":[\"kms:ReEncryptFrom\",\"kms:Decrypt\"],\"Resource\":\"*\"}]}";
  private static final String B_ROOT =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"B root\",\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":\"444455556666\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
  private static final String B_IAM_REENCRYPT =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"ReEncrypt\",\"Effect\":\"Allow\","
          + "\"Action\":\"kms:ReEncrypt*\",\"Resource\":\"*\"}]}";

  private static AccessRequest request(
      String principal, String action, String key, String account) {
    Caller c = Caller.parse(principal);
    return new AccessRequest(
        c,
        action,
        key,
        account,
        ContextDeriver.derive(c, action, key, account, RequestContext.EMPTY));
  }

  @Test
  void mentions_findsConditionKeysAndPolicyVariables_inAnyCase() {
    CompiledPolicy timed =
        policy(
            "timed",
            PolicyKind.IDENTITY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":"
                + "{\"DateLessThan\":{\"AWS:currenttime\":\"2030-01-01T00:00:00Z\"}}}]}");
    CompiledPolicy variable =
        policy(
            "variable",
            PolicyKind.IDENTITY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":"
                + "{\"StringEquals\":{\"kms:EncryptionContext:at\":\"${aws:EpochTime}\"}}}]}");
    CompiledPolicy plain = policy("plain", PolicyKind.IDENTITY, B_IAM_REENCRYPT);
    assertThat(timed.mentions("aws:CurrentTime")).isTrue();
    assertThat(timed.mentions("aws:EpochTime")).isFalse();
    assertThat(variable.mentions("aws:EpochTime")).isTrue();
    assertThat(plain.mentions("aws:CurrentTime")).isFalse();
    assertThat(PolicySet.builder().identityPolicy(plain).build().mentions("aws:CurrentTime"))
        .isFalse();
    assertThat(
            PolicySet.builder()
                .identityPolicy(plain)
                .identityPolicy(timed)
                .build()
                .mentions("AWS:CURRENTTIME"))
        .isTrue();
  }

  @Test
  void decideAll_reEncryptAcrossAccounts_needsBothHalves() {
    String caller = "arn:aws:sts::444455556666:assumed-role/Copier/s";
    CompiledPolicy iam = policy("b-iam", PolicyKind.IDENTITY, B_IAM_REENCRYPT);
    PolicySet source =
        PolicySet.builder()
            .keyPolicy(policy("a", PolicyKind.KEY_POLICY, A_ALLOWS_B_REENCRYPT_FROM))
            .identityPolicy(iam)
            .build();
    PolicySet dest =
        PolicySet.builder()
            .keyPolicy(policy("b", PolicyKind.KEY_POLICY, B_ROOT))
            .identityPolicy(iam)
            .build();
    Evaluation both =
        authorizer.decideAll(
            List.of(
                new Authorizer.Check(
                    source, request(caller, "kms:ReEncryptFrom", KEY_A, "111122223333")),
                new Authorizer.Check(
                    dest, request(caller, "kms:ReEncryptTo", KEY_B, "444455556666"))),
            false);
    assertThat(both.decision()).isEqualTo(Decision.ALLOW);
    assertThat(both.reasons())
        .extracting(Reason::describe)
        .anyMatch(d -> d.contains("B re-encrypts from"))
        .anyMatch(d -> d.contains("B root"));

    PolicySet sourceWithoutFrom =
        PolicySet.builder()
            .keyPolicy(
                policy(
                    "a",
                    PolicyKind.KEY_POLICY,
                    A_ALLOWS_B_REENCRYPT_FROM.replace("kms:ReEncryptFrom", "kms:Encrypt")))
            .identityPolicy(iam)
            .build();
    Evaluation half =
        authorizer.decideAll(
            List.of(
                new Authorizer.Check(
                    sourceWithoutFrom, request(caller, "kms:ReEncryptFrom", KEY_A, "111122223333")),
                new Authorizer.Check(
                    dest, request(caller, "kms:ReEncryptTo", KEY_B, "444455556666"))),
            true);
    assertThat(half.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(half.reason(Reason.Missing.class).link()).isEqualTo(Reason.Link.NO_KEY_POLICY_ALLOW);
  }

  @Test
  void decideAll_noChecks_isRejected() {
    assertThatThrownBy(() -> authorizer.decideAll(List.of(), false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void kmsOperations_listTheChecksOfEachOperation() {
    assertThat(KmsOperations.checks("ReEncrypt"))
        .extracting(KmsOperations.PermissionCheck::permission)
        .containsExactly("kms:ReEncryptFrom", "kms:ReEncryptTo");
    assertThat(KmsOperations.checks("UpdateAlias")).hasSize(3);
    assertThat(KmsOperations.checks("Decrypt"))
        .containsExactly(
            new KmsOperations.PermissionCheck("kms:Decrypt", KmsOperations.Target.KEY));
  }

  @Test
  void aliasHalf_isDecidedByIdentityPoliciesOnTheAliasArn() {
    String alias = "arn:aws:kms:us-east-1:111122223333:alias/app-orders";
    CompiledPolicy iam =
        policy(
            "aliases",
            PolicyKind.IDENTITY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AppAliases\",\"Effect\":\"Allow\",\"Action\":\"kms:CreateAlias\","
                + "\"Resource\":\"arn:aws:kms:us-east-1:111122223333:alias/app-*\"}]}");
    PolicySet set =
        PolicySet.builder()
            .keyPolicy(policy("k", PolicyKind.KEY_POLICY, B_ROOT))
            .identityPolicy(iam)
            .build();
    String caller = "arn:aws:iam::111122223333:user/Dev";
    assertThat(
            authorizer
                .decide(set, request(caller, "kms:CreateAlias", alias, "111122223333"))
                .decision())
        .isEqualTo(Decision.ALLOW);
    String other = "arn:aws:kms:us-east-1:111122223333:alias/prod-orders";
    assertThat(
            authorizer
                .decide(set, request(caller, "kms:CreateAlias", other, "111122223333"))
                .decision())
        .isEqualTo(Decision.IMPLICIT_DENY);
  }

  @Test
  void explain_implicitDeny_namesNearMissesWithTheValuesCompared() {
    CompiledPolicy key =
        policy(
            "k",
            PolicyKind.KEY_POLICY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Via S3 only\",\"Effect\":\"Allow\",\"Principal\":\"*\","
                + "\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:ViaService\":\"s3.us-east-1.amazonaws.com\"}}}]}");
    Evaluation e =
        authorizer.explain(
            PolicySet.keyPolicyOnly(key),
            request("arn:aws:iam::111122223333:user/Alice", "kms:Decrypt", KEY_A, "111122223333"));
    assertThat(e.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    Reason.NearMiss miss = e.reason(Reason.NearMiss.class);
    assertThat(miss.statement()).isEqualTo("Via S3 only");
    assertThat(miss.element()).isEqualTo("Condition");
    assertThat(miss.detail())
        .contains("kms:ViaService")
        .contains("s3.us-east-1.amazonaws.com")
        .contains("no value");
    assertThat(miss.span().line()).isEqualTo(1);
    assertThat(
            authorizer
                .decide(
                    PolicySet.keyPolicyOnly(key),
                    request(
                        "arn:aws:iam::111122223333:user/Alice",
                        "kms:Decrypt",
                        KEY_A,
                        "111122223333"))
                .reasons())
        .noneMatch(Reason.NearMiss.class::isInstance);
  }

  @Test
  void invalidPolicy_failsClosedNamingTheDiagnostic() {
    CompiledPolicy key =
        policy(
            "k",
            PolicyKind.KEY_POLICY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\","
                + "\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"next week\"}}}]}");
    Evaluation e =
        authorizer.decide(
            PolicySet.keyPolicyOnly(key),
            request("111122223333", "kms:Decrypt", KEY_A, "111122223333"));
    assertThat(e.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(e.failedClosed()).isTrue();
    assertThat(e.errors()).extracting(d -> d.code()).containsExactly(Code.KP116);
  }

  @Test
  void statementWithoutResource_isInertButThePolicyStillEvaluates() {
    CompiledPolicy key =
        policy(
            "k",
            PolicyKind.KEY_POLICY,
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"Dead\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:user/Alice\"},\"Action\":\"kms:Decrypt\"}]}");
    assertThat(key.errors()).isEmpty();
    Evaluation e =
        authorizer.decide(
            PolicySet.keyPolicyOnly(key),
            request("arn:aws:iam::111122223333:user/Alice", "kms:Decrypt", KEY_A, "111122223333"));
    assertThat(e.decision()).isEqualTo(Decision.IMPLICIT_DENY);
    assertThat(e.reason(Reason.Missing.class).link()).isEqualTo(Reason.Link.NO_IDENTITY_ALLOW);
  }

  @Test
  void callerParse_rejectsWhatNamesNoCaller() {
    assertThatThrownBy(() -> Caller.parse("arn:aws:iam::111122223333:group/Ops"))
        .hasMessageContaining("names no caller");
    assertThatThrownBy(() -> Caller.parse("bob")).hasMessageContaining("names no caller");
    Caller role = Caller.parse("arn:aws:iam::111122223333:role/path/App");
    assertThat(role.type()).isEqualTo(CallerType.ROLE_SESSION);
    assertThat(role.principalArn()).isEqualTo("arn:aws:iam::111122223333:role/path/App");
    assertThat(role.arn())
        .isEqualTo("arn:aws:sts::111122223333:assumed-role/App/" + Caller.DEFAULT_SESSION);
    Caller session = Caller.parse("arn:aws:sts::111122223333:assumed-role/App/s1");
    assertThat(session.principalArn()).isEqualTo("arn:aws:iam::111122223333:role/App");
    assertThat(Caller.parse("logs.us-east-1.amazonaws.com").type()).isEqualTo(CallerType.SERVICE);
    assertThat(
            Caller.parse(
                    "arn:aws:iam::111122223333:role/aws-service-role/x.amazonaws.com/AWSServiceRoleForX")
                .isServiceLinkedRole())
        .isTrue();
  }

  @Test
  void deriveContext_fillsCallerKeysButNeverReplacesGivenOnes() {
    Caller c = Caller.parse("arn:aws:iam::111122223333:user/Alice");
    RequestContext given =
        RequestContext.builder()
            .put("kms:CallerAccount", "999999999999")
            .put("kms:EncryptionContext:App", "x")
            .build();
    RequestContext ctx = ContextDeriver.derive(c, "kms:Decrypt", KEY_A, "111122223333", given);
    assertThat(ctx.value("kms:CallerAccount")).isEqualTo("999999999999");
    assertThat(ctx.value("aws:username")).isEqualTo("Alice");
    assertThat(ctx.value("aws:PrincipalType")).isEqualTo("User");
    assertThat(ctx.value("aws:ResourceAccount")).isEqualTo("111122223333");
    assertThat(ctx.value("aws:RequestedRegion")).isEqualTo("us-east-1");
    assertThat(ctx.value("kms:EncryptionAlgorithm")).isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(ctx.values("kms:EncryptionContextKeys")).containsExactly("App");
    assertThat(ctx.value("aws:SecureTransport")).isEqualTo("true");
    Caller svc = Caller.parse("logs.amazonaws.com");
    RequestContext s =
        ContextDeriver.derive(svc, "kms:Decrypt", KEY_A, "111122223333", RequestContext.EMPTY);
    assertThat(s.has("aws:PrincipalArn")).isFalse();
    assertThat(s.value("aws:PrincipalServiceName")).isEqualTo("logs.amazonaws.com");
    assertThat(s.value("aws:PrincipalIsAWSService")).isEqualTo("true");
  }
}
