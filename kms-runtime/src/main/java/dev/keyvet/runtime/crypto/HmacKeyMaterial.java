package dev.keyvet.runtime.crypto;

import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HMAC key (HMAC_224 to HMAC_512). As for {@link SymmetricKeyMaterial}, the JCA key object's
 * copy cannot be zeroed; {@link #destroy()} zeroes this object's copy and drops the JCA key.
 */
public final class HmacKeyMaterial extends KeyMaterial {
  private final byte[] key;
  private volatile SecretKeySpec jcaKey;

  HmacKeyMaterial(KeySpec spec, byte[] key) {
    super(spec);
    this.key = key;
    this.jcaKey = new SecretKeySpec(key, spec.macAlgorithms().get(0).jcaName());
  }

  /** The MAC algorithm of this key's spec. */
  public MacAlgorithm macAlgorithm() {
    return spec().macAlgorithms().get(0);
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
