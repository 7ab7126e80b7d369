package dev.keyvet.runtime.crypto;

import static dev.keyvet.runtime.crypto.TestKeys.CRYPTO;
import static dev.keyvet.runtime.crypto.TestKeys.assertKmsError;
import static dev.keyvet.runtime.crypto.TestKeys.key;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** RSA encryption, signatures and public keys, cross-checked against the JDK's providers. */
class AsymmetricTest {
  private static final byte[] MESSAGE = "the message".getBytes(StandardCharsets.UTF_8);
  private static final BouncyCastleProvider BC = new BouncyCastleProvider();

  static Stream<Arguments> signingPairs() {
    List<Arguments> out = new ArrayList<>();
    for (KeySpec spec : KeySpec.values()) {
      for (SigningAlgorithm alg : spec.signingAlgorithms()) {
        out.add(Arguments.of(spec, alg));
      }
    }
    return out.stream();
  }

  static Stream<Arguments> encryptionPairs() {
    List<Arguments> out = new ArrayList<>();
    for (KeySpec spec : List.of(KeySpec.RSA_2048, KeySpec.RSA_3072, KeySpec.RSA_4096)) {
      for (EncryptionAlgorithm alg : spec.encryptionAlgorithms()) {
        out.add(Arguments.of(spec, alg));
      }
    }
    return out.stream();
  }

  private static PublicKey jdkPublic(KeyMaterial k) throws Exception {
    KeyFactory kf =
        k.spec() == KeySpec.ECC_SECG_P256K1
            ? KeyFactory.getInstance("EC", BC)
            : KeyFactory.getInstance(k.spec().family() == KeySpec.Family.RSA ? "RSA" : "EC");
    return kf.generatePublic(new X509EncodedKeySpec(CRYPTO.publicKey(k)));
  }

  private static Signature jdkSignature(SigningAlgorithm alg, KeySpec spec) throws Exception {
    String digest = alg.digestName().replace("-", "");
    switch (alg.scheme()) {
      case PSS:
        Signature pss = Signature.getInstance("RSASSA-PSS");
        pss.setParameter(
            new PSSParameterSpec(
                alg.digestName(),
                "MGF1",
                new MGF1ParameterSpec(alg.digestName()),
                alg.digestLength(),
                1));
        return pss;
      case PKCS1:
        return Signature.getInstance(digest + "withRSA");
      default:
        return spec == KeySpec.ECC_SECG_P256K1
            ? Signature.getInstance(digest + "withECDSA", BC)
            : Signature.getInstance(digest + "withECDSA");
    }
  }

  @ParameterizedTest
  @MethodSource("signingPairs")
  void signRawAndDigest_verifyHere_andWithTheJdk(KeySpec spec, SigningAlgorithm alg)
      throws Exception {
    KeyMaterial k = key(spec);
    byte[] raw = CRYPTO.sign(k, KeyUsage.SIGN_VERIFY, alg, MessageType.RAW, MESSAGE);
    byte[] digest = MessageDigest.getInstance(alg.digestName()).digest(MESSAGE);
    byte[] fromDigest = CRYPTO.sign(k, KeyUsage.SIGN_VERIFY, alg, MessageType.DIGEST, digest);

    for (byte[] sig : List.of(raw, fromDigest)) {
      CRYPTO.verify(k, KeyUsage.SIGN_VERIFY, alg, MessageType.RAW, MESSAGE, sig);
      CRYPTO.verify(k, KeyUsage.SIGN_VERIFY, alg, MessageType.DIGEST, digest, sig);
      Signature jdk = jdkSignature(alg, spec);
      jdk.initVerify(jdkPublic(k));
      jdk.update(MESSAGE);
      assertThat(jdk.verify(sig)).as("JDK verifies %s %s", spec, alg).isTrue();
    }

    byte[] other = "another message".getBytes(StandardCharsets.UTF_8);
    assertKmsError(
        () -> CRYPTO.verify(k, KeyUsage.SIGN_VERIFY, alg, MessageType.RAW, other, raw),
        "KMSInvalidSignatureException");
    byte[] flipped = raw.clone();
    flipped[flipped.length - 1] ^= 1;
    assertKmsError(
        () -> CRYPTO.verify(k, KeyUsage.SIGN_VERIFY, alg, MessageType.RAW, MESSAGE, flipped),
        "KMSInvalidSignatureException");
  }

  @ParameterizedTest
  @MethodSource("signingPairs")
  void jdkSignatures_verifyHere(KeySpec spec, SigningAlgorithm alg) throws Exception {
    KeyMaterial k = key(spec);
    KeyFactory kf =
        spec == KeySpec.ECC_SECG_P256K1
            ? KeyFactory.getInstance("EC", BC)
            : KeyFactory.getInstance(spec.family() == KeySpec.Family.RSA ? "RSA" : "EC");
    PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(k.secretBytes()));
    Signature jdk = jdkSignature(alg, spec);
    jdk.initSign(priv);
    jdk.update(MESSAGE);
    CRYPTO.verify(k, KeyUsage.SIGN_VERIFY, alg, MessageType.RAW, MESSAGE, jdk.sign());
  }

  @Test
  void digestMessage_mustHaveTheDigestLength() {
    KeyMaterial k = key(KeySpec.ECC_NIST_P384);
    KmsException e =
        assertKmsError(
            () ->
                CRYPTO.sign(
                    k,
                    KeyUsage.SIGN_VERIFY,
                    SigningAlgorithm.ECDSA_SHA_384,
                    MessageType.DIGEST,
                    new byte[32]),
            "ValidationException");
    assertThat(e.getMessage()).contains("48");
    assertKmsError(
        () ->
            CRYPTO.sign(
                k,
                KeyUsage.SIGN_VERIFY,
                SigningAlgorithm.ECDSA_SHA_384,
                MessageType.RAW,
                new byte[4097]),
        "ValidationException");
  }

  @Test
  void ecdsaSignature_mustBeCanonicalDer() throws Exception {
    KeyMaterial k = key(KeySpec.ECC_NIST_P256);
    SigningAlgorithm alg = SigningAlgorithm.ECDSA_SHA_256;
    byte[] sig = CRYPTO.sign(k, KeyUsage.SIGN_VERIFY, alg, MessageType.RAW, MESSAGE);
    ASN1Sequence seq = ASN1Sequence.getInstance(sig);
    BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getValue();
    BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getValue();
    // Re-encoding r and s gives the same bytes: the signature is canonical DER.
    assertThat(
            new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(s)})
                .getEncoded())
        .isEqualTo(sig);

    // The same (r, s) with a long-form length, a trailing byte, or as raw r||s is refused.
    byte[] longForm = new byte[sig.length + 1];
    longForm[0] = 0x30;
    longForm[1] = (byte) 0x81;
    longForm[2] = sig[1];
    System.arraycopy(sig, 2, longForm, 3, sig.length - 2);
    byte[] trailing = java.util.Arrays.copyOf(sig, sig.length + 1);
    byte[] rawRs =
        org.bouncycastle.util.Arrays.concatenate(
            BigIntegers.asUnsignedByteArray(32, r), BigIntegers.asUnsignedByteArray(32, s));
    for (byte[] bad : List.of(longForm, trailing, rawRs)) {
      assertKmsError(
          () -> CRYPTO.verify(k, KeyUsage.SIGN_VERIFY, alg, MessageType.RAW, MESSAGE, bad),
          "KMSInvalidSignatureException");
    }
    // (r, n - s) is a valid signature too; ECDSA signatures are not normalised to low s.
    BigInteger n = EcKeyMaterial.domain(KeySpec.ECC_NIST_P256).getN();
    byte[] highS =
        new DERSequence(new ASN1Encodable[] {new ASN1Integer(r), new ASN1Integer(n.subtract(s))})
            .getEncoded();
    CRYPTO.verify(k, KeyUsage.SIGN_VERIFY, alg, MessageType.RAW, MESSAGE, highS);
  }

  @Test
  void ecdsa_isDeterministicPerKeyAndMessage() {
    KeyMaterial k = key(KeySpec.ECC_SECG_P256K1);
    SigningAlgorithm alg = SigningAlgorithm.ECDSA_SHA_256;
    assertThat(CRYPTO.sign(k, KeyUsage.SIGN_VERIFY, alg, MessageType.RAW, MESSAGE))
        .isEqualTo(CRYPTO.sign(k, KeyUsage.SIGN_VERIFY, alg, MessageType.RAW, MESSAGE));
  }

  @ParameterizedTest
  @MethodSource("encryptionPairs")
  void oaep_roundTripsBothWaysWithTheJdk(KeySpec spec, EncryptionAlgorithm alg) throws Exception {
    KeyMaterial k = key(spec);
    String hash = alg == EncryptionAlgorithm.RSAES_OAEP_SHA_1 ? "SHA-1" : "SHA-256";
    OAEPParameterSpec params =
        new OAEPParameterSpec(
            hash, "MGF1", new MGF1ParameterSpec(hash), PSource.PSpecified.DEFAULT);
    byte[] max = new byte[alg.maxPlaintextLength(spec)];
    java.util.Arrays.fill(max, (byte) 7);

    byte[] ours = CRYPTO.encryptAsymmetric(k, KeyUsage.ENCRYPT_DECRYPT, alg, max);
    assertThat(ours).hasSize(spec.bits() / 8);
    Cipher jdk = Cipher.getInstance("RSA/ECB/OAEPPadding");
    jdk.init(
        Cipher.DECRYPT_MODE,
        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(k.secretBytes())),
        params);
    assertThat(jdk.doFinal(ours)).isEqualTo(max);

    jdk.init(Cipher.ENCRYPT_MODE, jdkPublic(k), params);
    byte[] theirs = jdk.doFinal(MESSAGE);
    assertThat(CRYPTO.decryptAsymmetric(k, KeyUsage.ENCRYPT_DECRYPT, alg, theirs))
        .isEqualTo(MESSAGE);

    assertKmsError(
        () -> CRYPTO.encryptAsymmetric(k, KeyUsage.ENCRYPT_DECRYPT, alg, new byte[max.length + 1]),
        "ValidationException");
    EncryptionAlgorithm otherAlg =
        alg == EncryptionAlgorithm.RSAES_OAEP_SHA_1
            ? EncryptionAlgorithm.RSAES_OAEP_SHA_256
            : EncryptionAlgorithm.RSAES_OAEP_SHA_1;
    assertKmsError(
        () -> CRYPTO.decryptAsymmetric(k, KeyUsage.ENCRYPT_DECRYPT, otherAlg, theirs),
        "InvalidCiphertextException");
    byte[] tampered = theirs.clone();
    tampered[10] ^= 1;
    assertKmsError(
        () -> CRYPTO.decryptAsymmetric(k, KeyUsage.ENCRYPT_DECRYPT, alg, tampered),
        "InvalidCiphertextException");
    assertKmsError(
        () ->
            CRYPTO.decryptAsymmetric(
                k,
                KeyUsage.ENCRYPT_DECRYPT,
                alg,
                java.util.Arrays.copyOf(theirs, theirs.length - 1)),
        "InvalidCiphertextException");
  }

  @Test
  void wrongUsageOrAlgorithm_isInvalidKeyUsage() {
    KeyMaterial rsa = key(KeySpec.RSA_2048);
    KeyMaterial ec = key(KeySpec.ECC_NIST_P256);
    KeyMaterial aes = key(KeySpec.SYMMETRIC_DEFAULT);
    KeyMaterial hmac = key(KeySpec.HMAC_256);
    // An RSA key created for encryption cannot sign, and the other way round.
    assertKmsError(
        () ->
            CRYPTO.sign(
                rsa,
                KeyUsage.ENCRYPT_DECRYPT,
                SigningAlgorithm.RSASSA_PSS_SHA_256,
                MessageType.RAW,
                MESSAGE),
        "InvalidKeyUsageException");
    assertKmsError(
        () ->
            CRYPTO.encryptAsymmetric(
                rsa, KeyUsage.SIGN_VERIFY, EncryptionAlgorithm.RSAES_OAEP_SHA_256, MESSAGE),
        "InvalidKeyUsageException");
    // Algorithms of another spec.
    assertKmsError(
        () ->
            CRYPTO.sign(
                rsa,
                KeyUsage.SIGN_VERIFY,
                SigningAlgorithm.ECDSA_SHA_256,
                MessageType.RAW,
                MESSAGE),
        "InvalidKeyUsageException");
    assertKmsError(
        () ->
            CRYPTO.sign(
                ec, KeyUsage.SIGN_VERIFY, SigningAlgorithm.ECDSA_SHA_384, MessageType.RAW, MESSAGE),
        "InvalidKeyUsageException");
    assertKmsError(
        () ->
            CRYPTO.encryptAsymmetric(
                rsa, KeyUsage.ENCRYPT_DECRYPT, EncryptionAlgorithm.SYMMETRIC_DEFAULT, MESSAGE),
        "InvalidKeyUsageException");
    assertKmsError(
        () ->
            CRYPTO.sign(
                aes,
                KeyUsage.SIGN_VERIFY,
                SigningAlgorithm.ECDSA_SHA_256,
                MessageType.RAW,
                MESSAGE),
        "InvalidKeyUsageException");
    assertKmsError(
        () -> CRYPTO.generateMac(ec, KeyUsage.SIGN_VERIFY, MacAlgorithm.HMAC_SHA_256, MESSAGE),
        "InvalidKeyUsageException");
    assertKmsError(() -> CRYPTO.publicKey(aes), "UnsupportedOperationException");
    assertKmsError(() -> CRYPTO.publicKey(hmac), "UnsupportedOperationException");
  }

  @ParameterizedTest
  @EnumSource(
      value = KeySpec.class,
      names = {
        "RSA_2048",
        "RSA_3072",
        "RSA_4096",
        "ECC_NIST_P256",
        "ECC_NIST_P384",
        "ECC_NIST_P521",
        "ECC_SECG_P256K1"
      })
  void publicKey_isDerSubjectPublicKeyInfo_uncompressedNamedCurve(KeySpec spec) throws Exception {
    KeyMaterial k = key(spec);
    byte[] der = CRYPTO.publicKey(k);
    PublicKey pub = jdkPublic(k);
    assertThat(pub.getFormat()).isEqualTo("X.509");
    assertThat(pub.getEncoded()).isEqualTo(der);
    if (spec.family() == KeySpec.Family.EC) {
      int field = (spec.bits() + 7) / 8;
      // The encoding ends with the uncompressed point 0x04 || X || Y.
      assertThat(der[der.length - 2 * field - 1]).isEqualTo((byte) 0x04);
    }
  }
}
