package dev.keyvet.engine.eval;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A grant on a key: allows {@code grantee} the listed operations, subject to an optional
 * encryption-context constraint. Grants can only allow; explicit denies still win.
 *
 * @param name a label for explanations (grant ID or name)
 * @param grantee the grantee principal ARN: a user, a role (every session), a session, a federated
 *     user, or an account root (which delegates to that account's identity policies)
 * @param operations the granted operations, e.g. {@code Decrypt} (with or without {@code kms:})
 * @param encryptionContextEquals when not null, the request's encryption context must equal it
 * @param encryptionContextSubset when not null, the request's encryption context must contain it
 */
public record Grant(
    String name,
    String grantee,
    Set<String> operations,
    Map<String, String> encryptionContextEquals,
    Map<String, String> encryptionContextSubset) {
  public Grant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(grantee, "grantee");
    operations = Set.copyOf(operations);
    encryptionContextEquals =
        encryptionContextEquals == null ? null : Map.copyOf(encryptionContextEquals);
    encryptionContextSubset =
        encryptionContextSubset == null ? null : Map.copyOf(encryptionContextSubset);
  }

  /** True when the grant carries an encryption-context constraint. */
  public boolean constrained() {
    return encryptionContextEquals != null || encryptionContextSubset != null;
  }
}
