package dev.keyvet.engine.lint;

import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.eval.AccessRequest;
import dev.keyvet.engine.eval.Authorizer;
import dev.keyvet.engine.eval.Caller;
import dev.keyvet.engine.eval.CompiledPolicy;
import dev.keyvet.engine.eval.ContextDeriver;
import dev.keyvet.engine.eval.Evaluation;
import dev.keyvet.engine.eval.PolicyKind;
import dev.keyvet.engine.eval.PolicySet;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.read.ReadResult;
import java.util.Objects;

/**
 * Everything a rule may look at: the file as read (model and reader diagnostics), the
 * configuration, the KMS catalogue, and the evaluator, through which semantic rules ask "may this
 * principal do this?" rather than re-implementing policy semantics.
 */
public final class LintContext {
  /** The account used for the key when neither configuration nor policy names one. */
  public static final String UNKNOWN_ACCOUNT = "000000000000";

  /** A stand-in key ARN for questions about "this key". */
  public static final String KEY_ID = "00000000-0000-0000-0000-000000000000";

  private final ReadResult read;
  private final LintConfig config;
  private final String keyAccount;
  private final Authorizer authorizer = new Authorizer();
  private CompiledPolicy compiled;

  public LintContext(ReadResult read, LintConfig config) {
    this.read = Objects.requireNonNull(read, "read");
    this.config = Objects.requireNonNull(config, "config");
    this.keyAccount =
        config.keyAccount().isEmpty() ? inferKeyAccount(read.policy()) : config.keyAccount();
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

  public KmsCatalog catalog() {
    return KmsCatalog.get();
  }

  /** The key's account: configured, or else the account of the first account principal. */
  public String keyAccount() {
    return keyAccount;
  }

  /** The ARN standing for this key in evaluator questions. */
  public String keyArn() {
    return "arn:aws:kms:us-east-1:" + keyAccount + ":key/" + KEY_ID;
  }

  /**
   * AWS's decision for {@code principal} doing {@code action} on this key with the given request
   * context, under this key policy alone (callers in other accounts are assumed to hold their own
   * identity allow, so that only the key policy's share of the decision shows).
   */
  public Evaluation decide(String principal, String action, RequestContext context) {
    Caller caller = Caller.parse(principal);
    RequestContext ctx = ContextDeriver.derive(caller, action, keyArn(), keyAccount, context);
    PolicySet.Builder set = PolicySet.builder().keyPolicy(compiledKeyPolicy());
    set.identityPolicy(IdentityAllowAll.POLICY);
    return authorizer.explain(
        set.build(), new AccessRequest(caller, action, keyArn(), keyAccount, ctx));
  }

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
    if (policy != null) {
      for (Statement s : policy.statements()) {
        if (s.principal() != null && !s.principal().negated()) {
          for (Principal p : s.principal().principals()) {
            if (p instanceof Principal.Account a) {
              return a.accountId();
            }
          }
        }
      }
    }
    return UNKNOWN_ACCOUNT;
  }

  /** True when the key's account was configured or found in the policy. */
  public boolean keyAccountKnown() {
    return !keyAccount.equals(UNKNOWN_ACCOUNT);
  }
}
