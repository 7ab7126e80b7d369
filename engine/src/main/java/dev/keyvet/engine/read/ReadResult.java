package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.model.PolicyDocument;
import java.util.List;
import java.util.Objects;

/**
 * What reading one document produced.
 *
 * @param file the name the document was read under
 * @param policy the model, or null when the document is not JSON or not a policy at all
 * @param diagnostics every problem found, sorted by position
 */
public record ReadResult(String file, PolicyDocument policy, List<Diagnostic> diagnostics) {
  public ReadResult {
    Objects.requireNonNull(file, "file");
    diagnostics = List.copyOf(diagnostics);
  }

  /** True when any diagnostic is an error: such a policy must never allow anything. */
  public boolean hasErrors() {
    for (Diagnostic d : diagnostics) {
      if (d.isError()) {
        return true;
      }
    }
    return false;
  }
}
