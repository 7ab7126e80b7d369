package dev.keyvet.runtime.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One version of a key's secret material. Instances are immutable apart from {@link #destroy()},
 * thread-safe, and never show their secret: {@code toString} names only the spec.
 *
 * <p>{@link #toBytes()} is the serialized form the store seals at rest: a format byte {@code 0x01},
 * the spec's name (one length byte, then ASCII), then the secret — the raw key for
 * SYMMETRIC_DEFAULT and HMAC, the PKCS#8 DER private key for RSA and elliptic-curve specs.
 */
public abstract sealed class KeyMaterial
    permits SymmetricKeyMaterial, HmacKeyMaterial, AsymmetricKeyMaterial {
  private static final byte FORMAT = 1;

  private final KeySpec spec;
  private volatile boolean destroyed;

  KeyMaterial(KeySpec spec) {
    this.spec = spec;
  }

  public KeySpec spec() {
    return spec;
  }

  /**
   * The serialized material (see the class comment); a fresh array the caller should zero after
   * use.
   */
  public final byte[] toBytes() {
    byte[] secret = secretBytes();
    byte[] name = spec.name().getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[2 + name.length + secret.length];
    out[0] = FORMAT;
    out[1] = (byte) name.length;
    System.arraycopy(name, 0, out, 2, name.length);
    System.arraycopy(secret, 0, out, 2 + name.length, secret.length);
    Arrays.fill(secret, (byte) 0);
    return out;
  }

  /**
   * Reads material written by {@link #toBytes()}. Does not modify or keep {@code bytes}.
   *
   * @throws IllegalArgumentException if the bytes are not serialized key material (the message
   *     names the problem, never the bytes)
   */
  public static KeyMaterial fromBytes(byte[] bytes) {
    if (bytes.length < 3 || bytes[0] != FORMAT) {
      throw new IllegalArgumentException("not serialized key material (unknown format)");
    }
    int nameLength = bytes[1] & 0xff;
    if (bytes.length < 2 + nameLength + 1) {
      throw new IllegalArgumentException("serialized key material is truncated");
    }
    String name = new String(bytes, 2, nameLength, StandardCharsets.US_ASCII);
    KeySpec spec;
    try {
      spec = KeySpec.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("serialized key material names an unknown key spec");
    }
    byte[] secret = Arrays.copyOfRange(bytes, 2 + nameLength, bytes.length);
    try {
      return of(spec, secret);
    } catch (KmsException e) {
      throw new IllegalArgumentException(
          "serialized key material does not fit its key spec " + spec);
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /**
   * Material of {@code spec} from its secret: raw bytes for SYMMETRIC_DEFAULT (32) and HMAC (digest
   * length to block size), PKCS#8 DER for RSA and EC. Copies {@code secret}.
   *
   * @throws KmsException IncorrectKeyMaterialException if the secret does not fit the spec
   */
  public static KeyMaterial of(KeySpec spec, byte[] secret) {
    switch (spec.family()) {
      case SYMMETRIC:
        return new SymmetricKeyMaterial(checkLength(spec, secret));
      case HMAC:
        return new HmacKeyMaterial(spec, checkLength(spec, secret));
      default:
        return AsymmetricKeyMaterial.fromPkcs8(spec, secret);
    }
  }

  private static byte[] checkLength(KeySpec spec, byte[] secret) {
    if (secret.length < spec.minSecretLength() || secret.length > spec.maxSecretLength()) {
      throw new KmsException(
          KmsError.INCORRECT_KEY_MATERIAL,
          "Key material for "
              + spec
              + " must be "
              + (spec.minSecretLength() == spec.maxSecretLength()
                  ? spec.minSecretLength() + " bytes"
                  : spec.minSecretLength() + " to " + spec.maxSecretLength() + " bytes")
              + ", got "
              + secret.length);
    }
    return secret.clone();
  }

  /** The secret in its serialized form; a fresh array. */
  abstract byte[] secretBytes();

  /**
   * Zeroes the secret bytes this object holds and makes it unusable. Raw keys (AES, HMAC) are
   * zeroed; the private values of RSA and elliptic-curve keys are immutable {@code BigInteger}s
   * that cannot be overwritten, so for them the references are dropped instead.
   */
  public void destroy() {
    destroyed = true;
    wipe();
  }

  abstract void wipe();

  public boolean isDestroyed() {
    return destroyed;
  }

  final void checkUsable() {
    if (destroyed) {
      throw new IllegalStateException("key material has been destroyed");
    }
  }

  @Override
  public final String toString() {
    return getClass().getSimpleName()
        + "["
        + spec
        + (destroyed ? ", destroyed]" : ", secret hidden]");
  }
}
