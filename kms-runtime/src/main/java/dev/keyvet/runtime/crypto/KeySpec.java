package dev.keyvet.runtime.crypto;

import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;

/** The kinds of key material, with the usages and algorithms AWS allows for each. */
public enum KeySpec {
  SYMMETRIC_DEFAULT(Family.SYMMETRIC, 256),
  RSA_2048(Family.RSA, 2048),
  RSA_3072(Family.RSA, 3072),
  RSA_4096(Family.RSA, 4096),
  ECC_NIST_P256(Family.EC, 256),
  ECC_NIST_P384(Family.EC, 384),
  ECC_NIST_P521(Family.EC, 521),
  ECC_SECG_P256K1(Family.EC, 256),
  HMAC_224(Family.HMAC, 224),
  HMAC_256(Family.HMAC, 256),
  HMAC_384(Family.HMAC, 384),
  HMAC_512(Family.HMAC, 512);

  /** The kind of cryptography behind a spec. */
  public enum Family {
    SYMMETRIC,
    RSA,
    EC,
    HMAC
  }

  private final Family family;
  private final int bits;

  KeySpec(Family family, int bits) {
    this.family = family;
    this.bits = bits;
  }

  public Family family() {
    return family;
  }

  /** Key size in bits: AES key, RSA modulus, curve field, or HMAC key length. */
  public int bits() {
    return bits;
  }

  /** True for RSA and elliptic-curve specs, which have a public key. */
  public boolean isAsymmetric() {
    return family == Family.RSA || family == Family.EC;
  }

  /** The usages a key of this spec may be created with. */
  public Set<KeyUsage> keyUsages() {
    switch (family) {
      case SYMMETRIC:
        return Set.of(KeyUsage.ENCRYPT_DECRYPT);
      case RSA:
        return Set.of(KeyUsage.ENCRYPT_DECRYPT, KeyUsage.SIGN_VERIFY);
      case EC:
        return Set.of(KeyUsage.SIGN_VERIFY);
      default:
        return Set.of(KeyUsage.GENERATE_VERIFY_MAC);
    }
  }

  /** The usage AWS assumes when CreateKey names none: ENCRYPT_DECRYPT, whatever the spec. */
  public static KeyUsage defaultUsage() {
    return KeyUsage.ENCRYPT_DECRYPT;
  }

  /** Throws a ValidationException unless {@code usage} is allowed for this spec (CreateKey). */
  public void requireValidUsage(KeyUsage usage) {
    if (!keyUsages().contains(usage)) {
      throw KmsException.validation(
          "KeyUsage "
              + usage
              + " is not compatible with KeySpec "
              + this
              + "; allowed: "
              + keyUsages());
    }
  }

  /** The encryption algorithms of a key of this spec with usage ENCRYPT_DECRYPT. */
  public List<EncryptionAlgorithm> encryptionAlgorithms() {
    switch (family) {
      case SYMMETRIC:
        return List.of(EncryptionAlgorithm.SYMMETRIC_DEFAULT);
      case RSA:
        return List.of(
            EncryptionAlgorithm.RSAES_OAEP_SHA_1, EncryptionAlgorithm.RSAES_OAEP_SHA_256);
      default:
        return List.of();
    }
  }

  /** The signing algorithms of a key of this spec with usage SIGN_VERIFY. */
  public List<SigningAlgorithm> signingAlgorithms() {
    switch (this) {
      case RSA_2048:
      case RSA_3072:
      case RSA_4096:
        return List.of(
            SigningAlgorithm.RSASSA_PSS_SHA_256,
            SigningAlgorithm.RSASSA_PSS_SHA_384,
            SigningAlgorithm.RSASSA_PSS_SHA_512,
            SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_256,
            SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_384,
            SigningAlgorithm.RSASSA_PKCS1_V1_5_SHA_512);
      case ECC_NIST_P256:
      case ECC_SECG_P256K1:
        return List.of(SigningAlgorithm.ECDSA_SHA_256);
      case ECC_NIST_P384:
        return List.of(SigningAlgorithm.ECDSA_SHA_384);
      case ECC_NIST_P521:
        return List.of(SigningAlgorithm.ECDSA_SHA_512);
      default:
        return List.of();
    }
  }

  /** The MAC algorithms of a key of this spec (one for each HMAC spec). */
  public List<MacAlgorithm> macAlgorithms() {
    switch (this) {
      case HMAC_224:
        return List.of(MacAlgorithm.HMAC_SHA_224);
      case HMAC_256:
        return List.of(MacAlgorithm.HMAC_SHA_256);
      case HMAC_384:
        return List.of(MacAlgorithm.HMAC_SHA_384);
      case HMAC_512:
        return List.of(MacAlgorithm.HMAC_SHA_512);
      default:
        return List.of();
    }
  }

  /**
   * The shortest imported material for this spec in bytes: 32 for SYMMETRIC_DEFAULT, the digest
   * length for HMAC. Generated HMAC keys have this length.
   */
  int minSecretLength() {
    return family == Family.SYMMETRIC ? 32 : bits / 8;
  }

  /** The longest imported material: 32 for SYMMETRIC_DEFAULT, the hash block size for HMAC. */
  int maxSecretLength() {
    if (family == Family.SYMMETRIC) {
      return 32;
    }
    return bits <= 256 ? 64 : 128;
  }

  /** The curve's object identifier, for EC specs. */
  ASN1ObjectIdentifier curveOid() {
    switch (this) {
      case ECC_NIST_P256:
        return SECObjectIdentifiers.secp256r1;
      case ECC_NIST_P384:
        return SECObjectIdentifiers.secp384r1;
      case ECC_NIST_P521:
        return SECObjectIdentifiers.secp521r1;
      case ECC_SECG_P256K1:
        return SECObjectIdentifiers.secp256k1;
      default:
        throw new IllegalStateException(this + " is not an elliptic-curve spec");
    }
  }

  /** The spec named {@code awsName}, or a ValidationException. */
  public static KeySpec parse(String awsName) {
    return Names.parse(KeySpec.class, awsName, "keySpec");
  }
}
