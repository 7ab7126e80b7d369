package dev.keyvet.engine.lint;

import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.eval.AccessRequest;
import dev.keyvet.engine.eval.AssumedIdentity;
import dev.keyvet.engine.eval.Authorizer;
import dev.keyvet.engine.eval.Caller;
import dev.keyvet.engine.eval.CompiledPolicy;
import dev.keyvet.engine.eval.ContextDeriver;
import dev.keyvet.engine.eval.Evaluation;
import dev.keyvet.engine.eval.PolicyKind;
import dev.keyvet.engine.eval.PolicySet;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.model.Arn;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.Effect;
import dev.keyvet.engine.model.KeySettings;
import dev.keyvet.engine.model.OperatorBase;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.SetQualifier;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.read.ReadResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a rule may look at: the file as read (model and reader diagnostics), the
 * configuration, the KMS catalogue, and the evaluator, through which semantic rules ask "may this
 * principal do this?" rather than re-implementing policy semantics.
 *
 * <p>One context serves one lint of one file, on one thread: it remembers the compiled policy and
 * every decision asked of it, since many rules ask the same questions.
 */
public final class LintContext {
  /** The account used for the key when neither configuration nor policy names one. */
  public static final String UNKNOWN_ACCOUNT = "000000000000";

  /** A stand-in key ARN for questions about "this key". */
  public static final String KEY_ID = "00000000-0000-0000-0000-000000000000";

  private final ReadResult read;
  private final LintConfig config;
  private final KeySettings keySettings;
  private final String keyAccount;
  private final String keyArn;
  private final Authorizer authorizer = new Authorizer();
  private CompiledPolicy compiled;
  private PolicySet policies;
  private final Map<DecisionKey, Evaluation> decisions = new HashMap<>();
  private final Map<Object, Object> memo = new HashMap<>();

  public LintContext(ReadResult read, LintConfig config) {
    this(read, config, null);
  }

  /**
   * A context for a policy whose key's settings are known ({@code keySettings} may be null, and
   * {@code read} may hold no policy when the key has none).
   */
  public LintContext(ReadResult read, LintConfig config, KeySettings keySettings) {
    this.read = Objects.requireNonNull(read, "read");
    this.config = Objects.requireNonNull(config, "config");
    this.keySettings = keySettings;
    this.keyAccount =
        config.keyAccount().isEmpty() ? inferKeyAccount(read.policy()) : config.keyAccount();
    this.keyArn = "arn:aws:kms:us-east-1:" + keyAccount + ":key/" + KEY_ID;
  }

  public String file() {
    return read.file();
  }

  public ReadResult read() {
    return read;
  }

  /** The policy, or null when the document is not one. */
  public PolicyDocument policy() {
    return read.policy();
  }

  public LintConfig config() {
    return config;
  }

  /**
   * The settings of the policy's key (rotation, deletion window, aliases) when the policy was read
   * from CloudFormation or Terraform, or null for a plain policy file.
   */
  public KeySettings keySettings() {
    return keySettings;
  }

  public KmsCatalog catalog() {
    return KmsCatalog.get();
  }

  /**
   * The key's account: configured, or else inferred from the policy: the account of the first
   * account principal; failing that, the account of the first IAM user, role or session named; and
   * failing that, the account an allow binds callers to with {@code kms:CallerAccount} or {@code
   * aws:PrincipalAccount}. {@link #UNKNOWN_ACCOUNT} when the policy names no account at all.
   */
  public String keyAccount() {
    return keyAccount;
  }

  /** The ARN standing for this key in evaluator questions. */
  public String keyArn() {
    return keyArn;
  }

  /**
   * AWS's decision for {@code principal} doing {@code action} on this key with the given request
   * context, under this key policy alone (callers in other accounts are assumed to hold their own
   * identity allow, so that only the key policy's share of the decision shows).
   */
  public Evaluation decide(String principal, String action, RequestContext context) {
    DecisionKey key = new DecisionKey(principal, action, context);
    Evaluation known = decisions.get(key);
    if (known != null) {
      return known;
    }
    Caller caller = Caller.parse(principal);
    RequestContext ctx = ContextDeriver.derive(caller, action, keyArn(), keyAccount, context);
    if (policies == null) {
      policies =
          PolicySet.builder()
              .keyPolicy(compiledKeyPolicy())
              .identityPolicy(AssumedIdentity.POLICY)
              .build();
    }
    // The fast path: rules need the decision and its deciding statements, never near misses.
    Evaluation e =
        authorizer.decide(policies, new AccessRequest(caller, action, keyArn(), keyAccount, ctx));
    decisions.put(key, e);
    return e;
  }

  /**
   * The value remembered under {@code key} for this lint, computing it the first time. Rules use it
   * for facts several rules derive from the same statement; keys should be small records.
   */
  @SuppressWarnings("unchecked")
  public <T> T remember(Object key, java.util.function.Supplier<T> compute) {
    Object known = memo.get(key);
    if (known == null) {
      known = compute.get();
      memo.put(key, known);
    }
    return (T) known;
  }

  /** One question asked of the evaluator; rules ask many of them more than once. */
  private record DecisionKey(String principal, String action, RequestContext context) {}

  /** The key policy, compiled once per lint of this file. */
  public CompiledPolicy compiledKeyPolicy() {
    if (compiled == null) {
      compiled = CompiledPolicy.compile(file(), PolicyKind.KEY_POLICY, read);
    }
    return compiled;
  }

  /** A diagnostic of {@code code} at the configured severity. */
  public Diagnostic diagnostic(Code code, SourceSpan span, String message) {
    return Diagnostic.of(code, span, message).withSeverity(config.severity(code));
  }

  /** A finding about statement {@code s}. */
  public Finding finding(Code code, Statement s, SourceSpan span, String message, String help) {
    return Finding.of(diagnostic(code, span, message).withHelp(help), s == null ? "" : s.label());
  }

  private static String inferKeyAccount(PolicyDocument policy) {
    if (policy == null) {
      return UNKNOWN_ACCOUNT;
    }
    String identity = null;
    String bound = null;
    for (Statement s : policy.statements()) {
      if (s.principal() != null && !s.principal().negated()) {
        for (Principal p : s.principal().principals()) {
          if (p instanceof Principal.Account a) {
            return a.accountId();
          }
          if (identity == null) {
            identity = identityAccount(p);
          }
        }
      }
      if (bound == null && s.effect() == Effect.ALLOW) {
        bound = boundAccount(s);
      }
    }
    if (identity != null) {
      return identity;
    }
    return bound != null ? bound : UNKNOWN_ACCOUNT;
  }

  /** The account of an IAM user, role, session or federated user, or null. */
  private static String identityAccount(Principal p) {
    if (p instanceof Principal.IamUser u) {
      return u.arn().account();
    }
    if (p instanceof Principal.IamRole r) {
      return r.arn().account();
    }
    if (p instanceof Principal.AssumedRole r) {
      return r.arn().account();
    }
    if (p instanceof Principal.FederatedUser f) {
      return f.arn().account();
    }
    return null;
  }

  /** The first account ID a {@code StringEquals} on the caller's account requires, or null. */
  private static String boundAccount(Statement s) {
    for (Condition c : s.conditions()) {
      String key = c.key().value();
      boolean callerAccount =
          key.equalsIgnoreCase("kms:CallerAccount") || key.equalsIgnoreCase("aws:PrincipalAccount");
      if (callerAccount
          && c.operator().base() == OperatorBase.STRING_EQUALS
          && c.operator().qualifier() == SetQualifier.NONE
          && !c.operator().ifExists()) {
        for (ConditionValue v : c.values()) {
          if (Arn.isAccountId(v.text())) {
            return v.text();
          }
        }
      }
    }
    return null;
  }

  /** True when the key's account was configured or found in the policy. */
  public boolean keyAccountKnown() {
    return !keyAccount.equals(UNKNOWN_ACCOUNT);
  }
}
