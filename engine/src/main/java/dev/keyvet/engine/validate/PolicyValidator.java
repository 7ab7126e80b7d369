package dev.keyvet.engine.validate;

import dev.keyvet.engine.catalog.KmsCatalog;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.read.PolicyReader;
import dev.keyvet.engine.read.ReadResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads and validates key policies: the reader's diagnostics plus {@link CatalogChecks}.
 * Thread-safe and reusable; never throws for bad input.
 */
public final class PolicyValidator {
  private final PolicyReader reader;
  private final CatalogChecks checks;

  public PolicyValidator() {
    this(new PolicyReader(), KmsCatalog.get());
  }

  public PolicyValidator(PolicyReader reader, KmsCatalog catalog) {
    this.reader = reader;
    this.checks = new CatalogChecks(catalog);
  }

  /** Reads {@code content} and returns the model with every diagnostic, sorted by position. */
  public ReadResult validate(String file, byte[] content) {
    return withChecks(reader.read(file, content));
  }

  /** As {@link #validate(String, byte[])}, for text. */
  public ReadResult validate(String file, String text) {
    return withChecks(reader.read(file, text));
  }

  /**
   * As {@link #validate(String, String)} for a policy laid out inside a larger file (see {@link
   * PolicyReader#readEmbedded}).
   */
  public ReadResult validateEmbedded(String file, String text, long policyBytes) {
    return withChecks(reader.readEmbedded(file, text, policyBytes));
  }

  private ReadResult withChecks(ReadResult read) {
    if (read.policy() == null) {
      return read;
    }
    List<Diagnostic> all = new ArrayList<>(read.diagnostics());
    checks.check(read.policy(), all::add);
    Collections.sort(all);
    return new ReadResult(read.file(), read.policy(), all);
  }
}
