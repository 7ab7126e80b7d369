package dev.keyvet.runtime.crypto;

import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit AES key (SYMMETRIC_DEFAULT). The JCA key object used for encryption holds its own copy
 * of the bytes, which the JDK offers no way to zero; {@link #destroy()} zeroes this object's copy
 * and drops the JCA key.
 */
public final class SymmetricKeyMaterial extends KeyMaterial {
  private final byte[] key;
  private volatile SecretKeySpec jcaKey;

  SymmetricKeyMaterial(byte[] key) {
    super(KeySpec.SYMMETRIC_DEFAULT);
    this.key = key;
    this.jcaKey = new SecretKeySpec(key, "AES");
  }

  SecretKeySpec jcaKey() {
    SecretKeySpec k = jcaKey;
    if (k == null) {
      checkUsable();
    }
    return k;
  }

  @Override
  byte[] secretBytes() {
    checkUsable();
    return key.clone();
  }

  @Override
  void wipe() {
    jcaKey = null;
    Arrays.fill(key, (byte) 0);
  }
}
