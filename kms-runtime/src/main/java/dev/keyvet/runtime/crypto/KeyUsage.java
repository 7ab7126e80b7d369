package dev.keyvet.runtime.crypto;

/** What a key is for; chosen at creation and never changed. */
public enum KeyUsage {
  ENCRYPT_DECRYPT,
  SIGN_VERIFY,
  GENERATE_VERIFY_MAC;

  /** The usage named {@code awsName}, or a ValidationException. */
  public static KeyUsage parse(String awsName) {
    return Names.parse(KeyUsage.class, awsName, "keyUsage");
  }
}
