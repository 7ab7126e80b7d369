package dev.keyvet.engine.lint.rules;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.lint.Finding;
import dev.keyvet.engine.lint.LintContext;
import dev.keyvet.engine.lint.RuleMetadata;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * KP217: a Deny conditioned on the network ({@code aws:SourceVpce}, {@code aws:SourceVpc}, {@code
 * aws:SourceIp}, {@code aws:VpcSourceIp}) or the caller's organization, with no exemption for calls
 * AWS services make. The evaluator is asked about a call an integrated service makes for a user of
 * the key's account (through {@code ec2}, from a service address, not through the VPC endpoint) and
 * about a service principal acting as itself; a finding needs one of them to be denied by that
 * statement.
 */
public final class DenyBreaksServices extends EvaluatorRule {
  private static final Set<String> NETWORK_OR_ORG =
      Set.of(
          "aws:sourcevpce",
          "aws:sourcevpc",
          "aws:sourceip",
          "aws:vpcsourceip",
          "aws:principalorgid",
          "aws:principalorgpaths");

  private static final Set<String> EXEMPTIONS =
      Set.of(
          "aws:viaawsservice",
          "aws:calledvia",
          "aws:calledviafirst",
          "aws:calledvialast",
          "aws:principalisawsservice",
          "kms:viaservice");

  /** A user's call that EC2 (EBS) makes for it. */
  private static RequestContext viaService(Statement deny) {
    RequestContext.Builder b =
        RequestContext.builder()
            .put("kms:ViaService", "ec2.us-east-1.amazonaws.com")
            .put("aws:CalledVia", List.of("ec2.amazonaws.com"))
            .put("aws:CalledViaFirst", "ec2.amazonaws.com")
            .put("aws:CalledViaLast", "ec2.amazonaws.com")
            .put("aws:SourceIp", "198.51.100.10");
    for (Condition c : deny.conditions()) {
      if (Guards.ORG_KEYS.contains(Guards.key(c)) && !c.values().isEmpty()) {
        String org = Guards.orgOf(c.values().get(0).text());
        b.put("aws:PrincipalOrgID", org).put("aws:PrincipalOrgPaths", List.of(org + "/r-root/"));
      }
    }
    return b.build();
  }

  public DenyBreaksServices() {
    super(
        new RuleMetadata(
            Code.KP217,
            "Deny breaks AWS services",
            "A Deny statement refuses requests from outside a VPC endpoint, VPC or IP range, or"
                + " from outside an organization, and has no exemption for calls AWS services"
                + " make (`aws:ViaAWSService`, `aws:CalledVia`, `aws:PrincipalIsAWSService`,"
                + " `kms:ViaService`).",
            "Integrated services (EBS, S3, RDS, CloudTrail) call KMS from their own network and,"
                + " as service principals, from no organization: the Deny refuses them too, and"
                + " volumes, objects and logs encrypted with the key stop working.",
            "https://docs.aws.amazon.com/kms/latest/developerguide/kms-vpc-endpoint.html",
            "{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"kms:Decrypt\", \"Resource\":"
                + " \"*\", \"Condition\": {\"StringNotEquals\": {\"aws:SourceVpce\":"
                + " \"vpce-1234abcdf5678c90a\"}}}",
            "{\"Effect\": \"Deny\", \"Principal\": \"*\", \"Action\": \"kms:Decrypt\", \"Resource\":"
                + " \"*\", \"Condition\": {\"StringNotEquals\": {\"aws:SourceVpce\":"
                + " \"vpce-1234abcdf5678c90a\"}, \"Bool\": {\"aws:ViaAWSService\": \"false\"}}}"));
  }

  @Override
  void check(LintContext ctx, PolicyDocument policy, Consumer<Finding> out) {
    for (Statement s : policy.statements()) {
      if (s.effect() != Effect.DENY || !s.isComplete()) {
        continue;
      }
      Condition trigger = null;
      boolean exempt = false;
      for (Condition c : s.conditions()) {
        String key = Guards.key(c);
        if (trigger == null && NETWORK_OR_ORG.contains(key)) {
          trigger = c;
        }
        exempt |= EXEMPTIONS.contains(key);
      }
      if (trigger == null || exempt) {
        continue;
      }
      Probe proof = proof(ctx, s);
      if (proof != null) {
        out.accept(
            finding(
                ctx,
                s,
                trigger.span(),
                "the deny on `"
                    + trigger.key().value()
                    + "` also refuses AWS services that use this key for its users (EBS, S3, RDS)",
                "exempt service calls: add `\"Bool\": {\"aws:ViaAWSService\": \"false\"}` to the"
                    + " deny (and `\"aws:PrincipalIsAWSService\": \"false\"` for service"
                    + " principals)",
                proof.evidence()));
      }
    }
  }

  /** A service call the Deny refuses, or null. */
  private static Probe proof(LintContext ctx, Statement deny) {
    List<String> callers = new ArrayList<>();
    boolean everyone = deny.principal().negated();
    for (Principal p : deny.principal().principals()) {
      if (p instanceof Principal.Any) {
        everyone = true;
      } else if (!deny.principal().negated() && Subject.isIdentity(p)) {
        callers.add(p.text());
      }
    }
    if (everyone) {
      callers.add(Subject.insider(ctx));
    }
    List<String> actions = Actions.ordered(ctx, deny);
    RequestContext onBehalf = viaService(deny);
    for (String caller : callers) {
      for (String action : actions) {
        Probe probe = Probe.ask(ctx, caller, action, onBehalf);
        if (probe.deniedBy(deny)) {
          return probe;
        }
      }
    }
    if (everyone) {
      for (String action : actions) {
        Probe probe = Probe.ask(ctx, WeakStarGuard.SERVICE, action, RequestContext.EMPTY);
        if (probe.deniedBy(deny)) {
          return probe;
        }
      }
    }
    return null;
  }
}
