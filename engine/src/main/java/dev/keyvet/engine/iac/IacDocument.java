package dev.keyvet.engine.iac;

import dev.keyvet.engine.diag.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * What reading one file found.
 *
 * @param kind what the file is
 * @param policies the keys it defines and the policies they carry, in file order
 * @param diagnostics problems with the file itself: a syntax error (KP001), a policy keyvet cannot
 *     resolve (KP015)
 */
public record IacDocument(
    IacReader.Kind kind, List<EmbeddedPolicy> policies, List<Diagnostic> diagnostics) {
  public IacDocument {
    Objects.requireNonNull(kind, "kind");
    policies = List.copyOf(policies);
    diagnostics = List.copyOf(diagnostics);
  }
}
