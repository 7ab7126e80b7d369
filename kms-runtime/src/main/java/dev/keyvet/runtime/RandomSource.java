package dev.keyvet.runtime;

import java.security.SecureRandom;

/** Where the store and its cryptography take random bytes: key IDs, grant IDs, tokens, IVs. */
@FunctionalInterface
public interface RandomSource {
  /** Fills {@code bytes} with random bytes. */
  void nextBytes(byte[] bytes);

  /** A source backed by the platform's strong {@link SecureRandom}. */
  static RandomSource secure() {
    SecureRandom random = new SecureRandom();
    return random::nextBytes;
  }
}
