package dev.keyvet.engine.lint;

import dev.keyvet.engine.eval.CompiledPolicy;
import dev.keyvet.engine.eval.PolicyKind;
import dev.keyvet.engine.read.PolicyReader;

/**
 * An identity policy allowing every KMS action: the linter's stand-in for "the caller's own account
 * lets it", so that questions about a key policy show what the key policy itself permits.
 */
final class IdentityAllowAll {
  private IdentityAllowAll() {}

  static final CompiledPolicy POLICY =
      CompiledPolicy.compile(
          "identity allowing kms:*",
          PolicyKind.IDENTITY,
          new PolicyReader()
              .read(
                  "identity allowing kms:*",
                  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"));
}
