package dev.keyvet.engine.eval;

import java.util.regex.Pattern;

/**
 * When a user or role named in a policy is deleted, AWS rewrites the principal as its unique ID
 * ({@code AIDA...}, {@code AROA...}). The policy stays in force and the entry matches no caller,
 * whatever the statement's effect; it is not a malformed principal to fail closed on.
 */
final class DeletedPrincipals {
  private DeletedPrincipals() {}

  private static final Pattern UNIQUE_ID = Pattern.compile("A[A-Z]{3}[A-Z0-9]{12,}");

  static boolean isUniqueId(String text) {
    return UNIQUE_ID.matcher(text).matches();
  }
}
