package dev.keyvet.engine.eval;

import dev.keyvet.engine.read.PolicyReader;

/**
 * An identity policy allowing every KMS action: the stand-in for "the caller's own account lets
 * it", so that a question shows what the key's side (key policy, grants, guardrails) permits. The
 * linter asks with it, and the simulator's "any principal of account X" and "anyone" do.
 */
public final class AssumedIdentity {
  private AssumedIdentity() {}

  /** The policy's name, as explanations show it. */
  public static final String NAME = "its own IAM policies (assumed to allow)";

  /** The compiled policy. */
  public static final CompiledPolicy POLICY =
      CompiledPolicy.compile(
          NAME,
          PolicyKind.IDENTITY,
          new PolicyReader()
              .read(
                  NAME,
                  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                      + "\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"));
}
