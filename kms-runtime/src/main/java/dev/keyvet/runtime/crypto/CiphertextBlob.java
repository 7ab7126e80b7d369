package dev.keyvet.runtime.crypto;

import java.util.Arrays;

/**
 * A parsed symmetric ciphertext blob (format in {@code kms-runtime/docs/ciphertext-format.md}).
 * Parsing checks only the structure; authenticity is checked when {@link KmsCrypto#decrypt}
 * verifies the GCM tag over the header, the encryption context and the ciphertext. The header's key
 * ID, material version and Region tell the store which material to use.
 */
public final class CiphertextBlob {
  /** AWS's limit on a CiphertextBlob parameter. */
  public static final int MAX_LENGTH = 6144;

  static final int IV_LENGTH = 12;
  static final int TAG_LENGTH = 16;

  private final byte[] bytes;
  private final CiphertextHeader header;
  private final int headerLength;

  private CiphertextBlob(byte[] bytes, CiphertextHeader header, int headerLength) {
    this.bytes = bytes;
    this.header = header;
    this.headerLength = headerLength;
  }

  /**
   * Parses a blob. Does not keep {@code blob}.
   *
   * @throws KmsException InvalidCiphertextException if the blob is not one of this format (foreign,
   *     truncated, unknown version, malformed header); ValidationException if it is longer than
   *     6144 bytes or empty
   */
  public static CiphertextBlob parse(byte[] blob) {
    if (blob == null || blob.length == 0 || blob.length > MAX_LENGTH) {
      throw KmsException.validation("CiphertextBlob must be 1 to " + MAX_LENGTH + " bytes long");
    }
    if (blob.length < 4
        || blob[0] != CiphertextHeader.MAGIC_0
        || blob[1] != CiphertextHeader.MAGIC_1
        || blob[2] != CiphertextHeader.FORMAT_VERSION) {
      throw KmsException.invalidCiphertext();
    }
    int k = blob[3] & 0xff;
    int p = 4 + k;
    if (k == 0 || blob.length < p + 1) {
      throw KmsException.invalidCiphertext();
    }
    int r = blob[p] & 0xff;
    int headerLength = p + 1 + r + 4;
    if (r == 0 || blob.length < headerLength + IV_LENGTH + TAG_LENGTH + 1) {
      throw KmsException.invalidCiphertext();
    }
    int version =
        (blob[p + 1 + r] & 0xff) << 24
            | (blob[p + 2 + r] & 0xff) << 16
            | (blob[p + 3 + r] & 0xff) << 8
            | (blob[p + 4 + r] & 0xff);
    CiphertextHeader header;
    try {
      header =
          new CiphertextHeader(
              CiphertextHeader.ascii(blob, 4, k), version, CiphertextHeader.ascii(blob, p + 1, r));
    } catch (KmsException e) {
      throw KmsException.invalidCiphertext();
    }
    return new CiphertextBlob(blob.clone(), header, headerLength);
  }

  /** The header: key ID, material version, Region. Not yet authenticated. */
  public CiphertextHeader header() {
    return header;
  }

  public String keyId() {
    return header.keyId();
  }

  public int materialVersion() {
    return header.materialVersion();
  }

  public String region() {
    return header.region();
  }

  /** The blob's bytes (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  byte[] bytes() {
    return bytes;
  }

  /** True when {@code other} holds exactly this blob's bytes. */
  public boolean hasBytes(byte[] other) {
    return Arrays.equals(bytes, other);
  }

  int headerLength() {
    return headerLength;
  }

  int bodyOffset() {
    return headerLength + IV_LENGTH;
  }

  int bodyLength() {
    return bytes.length - headerLength - IV_LENGTH;
  }

  @Override
  public String toString() {
    return "CiphertextBlob[" + header + ", " + bytes.length + " bytes]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CiphertextBlob b && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }
}
