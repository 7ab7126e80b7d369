package dev.keyvet.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Deterministic randomness and one generated key per spec, shared by the tests. */
final class TestKeys {
  private static final Map<KeySpec, KeyMaterial> KEYS = new EnumMap<>(KeySpec.class);
  static final KmsCrypto CRYPTO = new KmsCrypto(random(7));

  private TestKeys() {}

  /** A SecureRandom that yields the same bytes for the same seed. */
  static SecureRandom random(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static synchronized KeyMaterial key(KeySpec spec) {
    return KEYS.computeIfAbsent(spec, CRYPTO::generateKeyMaterial);
  }

  static SymmetricKeyMaterial aes() {
    return (SymmetricKeyMaterial) key(KeySpec.SYMMETRIC_DEFAULT);
  }

  static KmsException assertKmsError(ThrowingCallable call, String awsName) {
    KmsException[] caught = new KmsException[1];
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> {
              org.assertj.core.api.Assertions.assertThat(e.awsErrorName()).isEqualTo(awsName);
              caught[0] = e;
            });
    return caught[0];
  }
}
