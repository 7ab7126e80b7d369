package dev.keyvet.runtime.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * Signing algorithms. RSASSA-PSS uses MGF1 with the message digest and a salt as long as the
 * digest; ECDSA signatures are DER-encoded {@code SEQUENCE { r INTEGER, s INTEGER }}.
 */
public enum SigningAlgorithm {
  RSASSA_PSS_SHA_256(Scheme.PSS, 256),
  RSASSA_PSS_SHA_384(Scheme.PSS, 384),
  RSASSA_PSS_SHA_512(Scheme.PSS, 512),
  RSASSA_PKCS1_V1_5_SHA_256(Scheme.PKCS1, 256),
  RSASSA_PKCS1_V1_5_SHA_384(Scheme.PKCS1, 384),
  RSASSA_PKCS1_V1_5_SHA_512(Scheme.PKCS1, 512),
  ECDSA_SHA_256(Scheme.ECDSA, 256),
  ECDSA_SHA_384(Scheme.ECDSA, 384),
  ECDSA_SHA_512(Scheme.ECDSA, 512);

  enum Scheme {
    PSS,
    PKCS1,
    ECDSA
  }

  private final Scheme scheme;
  private final int digestBits;

  SigningAlgorithm(Scheme scheme, int digestBits) {
    this.scheme = scheme;
    this.digestBits = digestBits;
  }

  Scheme scheme() {
    return scheme;
  }

  /** The digest length in bytes: the length a DIGEST message must have. */
  public int digestLength() {
    return digestBits / 8;
  }

  /** The JCA name of the digest, e.g. {@code SHA-256}. */
  public String digestName() {
    return "SHA-" + digestBits;
  }

  Digest newDigest() {
    switch (digestBits) {
      case 256:
        return new SHA256Digest();
      case 384:
        return new SHA384Digest();
      default:
        return new SHA512Digest();
    }
  }

  ASN1ObjectIdentifier digestOid() {
    switch (digestBits) {
      case 256:
        return NISTObjectIdentifiers.id_sha256;
      case 384:
        return NISTObjectIdentifiers.id_sha384;
      default:
        return NISTObjectIdentifiers.id_sha512;
    }
  }

  /** The algorithm named {@code awsName}, or a ValidationException. */
  public static SigningAlgorithm parse(String awsName) {
    return Names.parse(SigningAlgorithm.class, awsName, "signingAlgorithm");
  }
}
