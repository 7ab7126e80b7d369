package dev.keyvet.runtime.crypto;

/** The {@code KeySpec} parameter of GenerateDataKey. */
public enum DataKeySpec {
  AES_128(16),
  AES_256(32);

  private final int length;

  DataKeySpec(int length) {
    this.length = length;
  }

  /** The data key's length in bytes. */
  public int length() {
    return length;
  }

  /** The spec named {@code awsName}, or a ValidationException. */
  public static DataKeySpec parse(String awsName) {
    return Names.parse(DataKeySpec.class, awsName, "keySpec");
  }
}
