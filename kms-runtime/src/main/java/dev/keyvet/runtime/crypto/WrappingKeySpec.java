package dev.keyvet.runtime.crypto;

/** The RSA key that GetParametersForImport returns to wrap key material for import. */
public enum WrappingKeySpec {
  RSA_2048(2048),
  RSA_3072(3072),
  RSA_4096(4096);

  private final int bits;

  WrappingKeySpec(int bits) {
    this.bits = bits;
  }

  /** The modulus length in bits. */
  public int bits() {
    return bits;
  }

  /** The spec named {@code awsName}, or a ValidationException. */
  public static WrappingKeySpec parse(String awsName) {
    return Names.parse(WrappingKeySpec.class, awsName, "wrappingKeySpec");
  }
}
