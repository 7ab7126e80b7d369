package dev.keyvet.runtime.crypto;

/** HMAC algorithms; each HMAC key spec has exactly one. */
public enum MacAlgorithm {
  HMAC_SHA_224("HmacSHA224", 28),
  HMAC_SHA_256("HmacSHA256", 32),
  HMAC_SHA_384("HmacSHA384", 48),
  HMAC_SHA_512("HmacSHA512", 64);

  private final String jcaName;
  private final int macLength;

  MacAlgorithm(String jcaName, int macLength) {
    this.jcaName = jcaName;
    this.macLength = macLength;
  }

  /** The JCA name of the algorithm, e.g. {@code HmacSHA256}. */
  public String jcaName() {
    return jcaName;
  }

  /** The MAC length in bytes. */
  public int macLength() {
    return macLength;
  }

  /** The algorithm named {@code awsName}, or a ValidationException. */
  public static MacAlgorithm parse(String awsName) {
    return Names.parse(MacAlgorithm.class, awsName, "macAlgorithm");
  }
}
