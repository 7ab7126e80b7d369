package dev.keyvet.runtime.crypto;

import static dev.keyvet.runtime.crypto.TestKeys.CRYPTO;
import static dev.keyvet.runtime.crypto.TestKeys.aes;
import static dev.keyvet.runtime.crypto.TestKeys.assertKmsError;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The symmetric ciphertext format: round trips, binding to key, version, Region and context. */
class SymmetricCiphertextTest {
  private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final CiphertextHeader HEADER = new CiphertextHeader(KEY_ID, 3, "eu-west-1");
  private static final Map<String, String> CONTEXT = Map.of("purpose", "test", "tenant", "t-1");
  private static final byte[] PLAINTEXT = "attack at dawn".getBytes(StandardCharsets.UTF_8);

  private static byte[] decrypt(byte[] blob, Map<String, String> context) {
    return CRYPTO.decrypt(aes(), CiphertextBlob.parse(blob), KEY_ID, "eu-west-1", context);
  }

  @Test
  void roundTrip_andParsedHeaderNamesKeyVersionRegion() {
    byte[] blob = CRYPTO.encrypt(aes(), HEADER, CONTEXT, PLAINTEXT);
    CiphertextBlob parsed = CiphertextBlob.parse(blob);
    assertThat(parsed.keyId()).isEqualTo(KEY_ID);
    assertThat(parsed.materialVersion()).isEqualTo(3);
    assertThat(parsed.region()).isEqualTo("eu-west-1");
    assertThat(parsed.header()).isEqualTo(HEADER);
    assertThat(decrypt(blob, CONTEXT)).isEqualTo(PLAINTEXT);
    assertThat(blob.length).isEqualTo(3 + 1 + 36 + 1 + 9 + 4 + 12 + PLAINTEXT.length + 16);
    assertThat(new String(blob, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("kv");
    assertThat(blob[2]).isEqualTo((byte) 1);
  }

  @Test
  void freshIvPerEncryption() {
    byte[] a = CRYPTO.encrypt(aes(), HEADER, CONTEXT, PLAINTEXT);
    byte[] b = CRYPTO.encrypt(aes(), HEADER, CONTEXT, PLAINTEXT);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void ivs_neverRepeat_acrossManyEncryptionsAndThreads() throws Exception {
    int ivAt = HEADER.encode().length;
    java.util.Set<String> ivs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Runnable many =
        () -> {
          for (int i = 0; i < 5_000; i++) {
            byte[] blob = CRYPTO.encrypt(aes(), HEADER, CONTEXT, PLAINTEXT);
            byte[] iv = java.util.Arrays.copyOfRange(blob, ivAt, ivAt + 12);
            assertThat(ivs.add(java.util.HexFormat.of().formatHex(iv))).isTrue();
          }
        };
    Thread other = new Thread(many);
    other.start();
    many.run();
    other.join();
    assertThat(ivs).hasSize(10_000);
  }

  @Test
  void plainJdkGcm_withDocumentedAad_decryptsTheBlob() throws Exception {
    // The format as documented: AAD = header bytes (before the IV) || canonical context.
    byte[] blob = CRYPTO.encrypt(aes(), HEADER, CONTEXT, PLAINTEXT);
    int headerLength = 3 + 1 + KEY_ID.length() + 1 + "eu-west-1".length() + 4;
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    byte[] raw = aes().secretBytes();
    c.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(raw, "AES"),
        new GCMParameterSpec(128, blob, headerLength, 12));
    c.updateAAD(blob, 0, headerLength);
    c.updateAAD(EncryptionContext.canonicalBytes(CONTEXT));
    assertThat(c.doFinal(blob, headerLength + 12, blob.length - headerLength - 12))
        .isEqualTo(PLAINTEXT);
  }

  @Test
  void contextEncoding_isUnambiguousAndOrderIndependent() {
    byte[] abC = EncryptionContext.canonicalBytes(Map.of("ab", "c"));
    byte[] aBc = EncryptionContext.canonicalBytes(Map.of("a", "bc"));
    assertThat(abC).isNotEqualTo(aBc);
    assertThat(abC).containsExactly(0, 0, 0, 1, 0, 0, 0, 2, 'a', 'b', 0, 0, 0, 1, 'c');

    Map<String, String> forward = new LinkedHashMap<>();
    forward.put("b", "2");
    forward.put("a", "1");
    forward.put("é", "3");
    Map<String, String> backward = new LinkedHashMap<>();
    backward.put("é", "3");
    backward.put("a", "1");
    backward.put("b", "2");
    assertThat(EncryptionContext.canonicalBytes(forward))
        .isEqualTo(EncryptionContext.canonicalBytes(backward));
    assertThat(EncryptionContext.canonicalBytes(null))
        .isEqualTo(EncryptionContext.canonicalBytes(Map.of()))
        .containsExactly(0, 0, 0, 0);
  }

  @Test
  void contextsThatConcatenateAlike_doNotDecryptEachOther() {
    byte[] blob = CRYPTO.encrypt(aes(), HEADER, Map.of("ab", "c"), PLAINTEXT);
    assertKmsError(() -> decrypt(blob, Map.of("a", "bc")), "InvalidCiphertextException");
    assertThat(decrypt(blob, Map.of("ab", "c"))).isEqualTo(PLAINTEXT);
  }

  @Test
  void contextMustMatchExactly() {
    byte[] blob = CRYPTO.encrypt(aes(), HEADER, CONTEXT, PLAINTEXT);
    assertKmsError(() -> decrypt(blob, Map.of()), "InvalidCiphertextException");
    assertKmsError(
        () -> decrypt(blob, Map.of("purpose", "Test", "tenant", "t-1")),
        "InvalidCiphertextException");
    assertKmsError(
        () -> decrypt(blob, Map.of("purpose", "test", "tenant", "t-1", "x", "y")),
        "InvalidCiphertextException");
    byte[] noContext = CRYPTO.encrypt(aes(), HEADER, null, PLAINTEXT);
    assertThat(decrypt(noContext, Map.of())).isEqualTo(PLAINTEXT);
  }

  @Test
  void unpairedSurrogate_isRejectedInsteadOfReplaced() {
    // String.getBytes would turn both into "?" and make two contexts equal.
    assertKmsError(
        () -> EncryptionContext.canonicalBytes(Map.of("k", "\uD800")), "ValidationException");
    assertKmsError(
        () -> EncryptionContext.canonicalBytes(Map.of("\uDC00x", "v")), "ValidationException");
    assertThat(EncryptionContext.canonicalBytes(Map.of("k", "\uD83D\uDE00")))
        .hasSize(4 + 8 + 1 + 4);
  }

  @Test
  void otherRegionOrKey_fails() {
    byte[] blob = CRYPTO.encrypt(aes(), HEADER, CONTEXT, PLAINTEXT);
    CiphertextBlob parsed = CiphertextBlob.parse(blob);
    assertKmsError(
        () -> CRYPTO.decrypt(aes(), parsed, KEY_ID, "us-east-1", CONTEXT),
        "InvalidCiphertextException");
    assertKmsError(
        () -> CRYPTO.decrypt(aes(), parsed, "other-key", "eu-west-1", CONTEXT),
        "IncorrectKeyException");
    SymmetricKeyMaterial other =
        (SymmetricKeyMaterial) CRYPTO.generateKeyMaterial(KeySpec.SYMMETRIC_DEFAULT);
    assertKmsError(
        () -> CRYPTO.decrypt(other, parsed, KEY_ID, "eu-west-1", CONTEXT),
        "InvalidCiphertextException");
  }

  @Test
  void headerRewrittenToAnotherRegionKeyOrVersion_failsAuthentication() {
    byte[] blob = CRYPTO.encrypt(aes(), HEADER, CONTEXT, PLAINTEXT);
    // Same lengths, so the rewritten blob still parses and names the new values.
    byte[] otherRegion = replace(blob, "eu-west-1", "eu-west-2");
    assertThat(CiphertextBlob.parse(otherRegion).region()).isEqualTo("eu-west-2");
    assertKmsError(
        () ->
            CRYPTO.decrypt(aes(), CiphertextBlob.parse(otherRegion), KEY_ID, "eu-west-2", CONTEXT),
        "InvalidCiphertextException");

    String otherId = "1234abcd-12ab-34cd-56ef-1234567890ac";
    byte[] otherKey = replace(blob, KEY_ID, otherId);
    assertKmsError(
        () -> CRYPTO.decrypt(aes(), CiphertextBlob.parse(otherKey), otherId, "eu-west-1", CONTEXT),
        "InvalidCiphertextException");

    byte[] otherVersion = blob.clone();
    otherVersion[3 + 1 + 36 + 1 + 9 + 3] ^= 1;
    assertThat(CiphertextBlob.parse(otherVersion).materialVersion()).isEqualTo(2);
    assertKmsError(() -> decrypt(otherVersion, CONTEXT), "InvalidCiphertextException");
  }

  @Test
  void everySingleBitFlip_isRejected() {
    byte[] blob = CRYPTO.encrypt(aes(), HEADER, CONTEXT, PLAINTEXT);
    for (int i = 0; i < blob.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] tampered = blob.clone();
        tampered[i] ^= (byte) (1 << bit);
        KmsException e =
            assertKmsError(
                () -> {
                  CiphertextBlob p = CiphertextBlob.parse(tampered);
                  CRYPTO.decrypt(aes(), p, p.keyId(), p.region(), CONTEXT);
                },
                "InvalidCiphertextException");
        assertThat(e.getMessage()).doesNotContain("attack");
      }
    }
  }

  @Test
  void everyTruncation_andForeignBlobs_areInvalidCiphertext() {
    byte[] blob = CRYPTO.encrypt(aes(), HEADER, CONTEXT, PLAINTEXT);
    for (int n = 1; n < blob.length; n++) {
      byte[] cut = Arrays.copyOf(blob, n);
      assertKmsError(
          () -> {
            CiphertextBlob p = CiphertextBlob.parse(cut);
            CRYPTO.decrypt(aes(), p, p.keyId(), p.region(), CONTEXT);
          },
          "InvalidCiphertextException");
    }
    byte[] awsLike = new byte[184];
    awsLike[0] = 1;
    awsLike[1] = 2;
    awsLike[2] = 2;
    assertKmsError(() -> CiphertextBlob.parse(awsLike), "InvalidCiphertextException");
    byte[] futureVersion = blob.clone();
    futureVersion[2] = 2;
    assertKmsError(() -> CiphertextBlob.parse(futureVersion), "InvalidCiphertextException");
    assertKmsError(() -> CiphertextBlob.parse(new byte[0]), "ValidationException");
    assertKmsError(() -> CiphertextBlob.parse(new byte[6145]), "ValidationException");
  }

  @Test
  void plaintextSize_isLimitedAsInAws() {
    assertThat(decrypt(CRYPTO.encrypt(aes(), HEADER, CONTEXT, new byte[4096]), CONTEXT))
        .hasSize(4096);
    assertKmsError(
        () -> CRYPTO.encrypt(aes(), HEADER, CONTEXT, new byte[4097]), "ValidationException");
    assertKmsError(
        () -> CRYPTO.encrypt(aes(), HEADER, CONTEXT, new byte[0]), "ValidationException");
  }

  @Test
  void invalidHeaderValues_areValidationErrors() {
    assertKmsError(() -> new CiphertextHeader("", 0, "eu-west-1"), "ValidationException");
    assertKmsError(() -> new CiphertextHeader("k y", 0, "eu-west-1"), "ValidationException");
    assertKmsError(() -> new CiphertextHeader("k", -1, "eu-west-1"), "ValidationException");
    assertKmsError(() -> new CiphertextHeader("k", 0, "EU-WEST-1"), "ValidationException");
  }

  @Test
  void generateDataKey_returnsPlaintextAndItsBlob() {
    DataKey key = CRYPTO.generateDataKey(aes(), HEADER, CONTEXT, DataKeySpec.AES_256);
    assertThat(key.plaintext()).hasSize(32);
    assertThat(decrypt(key.ciphertextBlob(), CONTEXT)).isEqualTo(key.plaintext());
    assertThat(CRYPTO.generateDataKey(aes(), HEADER, CONTEXT, DataKeySpec.AES_128).plaintext())
        .hasSize(16);
    assertThat(CRYPTO.generateDataKey(aes(), HEADER, CONTEXT, 1024).plaintext()).hasSize(1024);
    assertKmsError(() -> CRYPTO.generateDataKey(aes(), HEADER, CONTEXT, 0), "ValidationException");
    assertKmsError(
        () -> CRYPTO.generateDataKey(aes(), HEADER, CONTEXT, 1025), "ValidationException");
    assertThat(key.toString()).doesNotContain(Arrays.toString(key.plaintext())).contains("hidden");
  }

  @Test
  void generateDataKeyPair_everySpec_privateKeyDecryptsAndMatchesPublicKey() throws Exception {
    for (KeySpec spec :
        new KeySpec[] {
          KeySpec.RSA_2048, KeySpec.ECC_NIST_P256, KeySpec.ECC_NIST_P384, KeySpec.ECC_NIST_P521
        }) {
      DataKeyPair pair = CRYPTO.generateDataKeyPair(aes(), HEADER, CONTEXT, spec);
      assertThat(decrypt(pair.privateKeyCiphertextBlob(), CONTEXT))
          .isEqualTo(pair.privateKeyPlaintext());
      String alg = spec.family() == KeySpec.Family.RSA ? "RSA" : "EC";
      KeyFactory kf = KeyFactory.getInstance(alg);
      kf.generatePrivate(new PKCS8EncodedKeySpec(pair.privateKeyPlaintext()));
      var pub = kf.generatePublic(new X509EncodedKeySpec(pair.publicKey()));
      if (pub instanceof ECPublicKey ec) {
        assertThat(ec.getParams().getCurve().getField().getFieldSize()).isEqualTo(spec.bits());
      }
      assertThat(pair.toString()).contains("hidden").contains(spec.name());
    }
    DataKeyPair k1 = CRYPTO.generateDataKeyPair(aes(), HEADER, CONTEXT, KeySpec.ECC_SECG_P256K1);
    KeyMaterial restored = KeyMaterial.of(KeySpec.ECC_SECG_P256K1, k1.privateKeyPlaintext());
    assertThat(CRYPTO.publicKey(restored)).isEqualTo(k1.publicKey());
    assertKmsError(
        () -> CRYPTO.generateDataKeyPair(aes(), HEADER, CONTEXT, KeySpec.HMAC_256),
        "ValidationException");
  }

  @Test
  void generateRandom_limits() {
    assertThat(CRYPTO.generateRandom(1)).hasSize(1);
    assertThat(CRYPTO.generateRandom(1024)).hasSize(1024);
    assertKmsError(() -> CRYPTO.generateRandom(0), "ValidationException");
    assertKmsError(() -> CRYPTO.generateRandom(1025), "ValidationException");
  }

  @Test
  void sameSeed_sameKeysAndBlobs() throws InterruptedException {
    KmsCrypto a = new KmsCrypto(TestKeys.random(99));
    KmsCrypto b = new KmsCrypto(TestKeys.random(99));
    SymmetricKeyMaterial ka =
        (SymmetricKeyMaterial) a.generateKeyMaterial(KeySpec.SYMMETRIC_DEFAULT);
    SymmetricKeyMaterial kb =
        (SymmetricKeyMaterial) b.generateKeyMaterial(KeySpec.SYMMETRIC_DEFAULT);
    assertThat(ka.secretBytes()).isEqualTo(kb.secretBytes());
    byte[] first = a.encrypt(ka, HEADER, CONTEXT, PLAINTEXT);
    // The same key and IV again on this thread's cached Cipher: the JDK refuses to reuse a GCM IV,
    // and the call fails closed instead of producing a second ciphertext under the same nonce.
    assertKmsError(() -> b.encrypt(kb, HEADER, CONTEXT, PLAINTEXT), "KMSInternalException");
    KmsCrypto c = new KmsCrypto(TestKeys.random(99));
    SymmetricKeyMaterial kc =
        (SymmetricKeyMaterial) c.generateKeyMaterial(KeySpec.SYMMETRIC_DEFAULT);
    byte[][] second = new byte[1][];
    Thread other = new Thread(() -> second[0] = c.encrypt(kc, HEADER, CONTEXT, PLAINTEXT));
    other.start();
    other.join();
    assertThat(second[0]).isEqualTo(first);
  }

  private static byte[] replace(byte[] blob, String from, String to) {
    byte[] out = blob.clone();
    byte[] f = from.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + f.length <= out.length; i++) {
      if (Arrays.equals(out, i, i + f.length, f, 0, f.length)) {
        System.arraycopy(to.getBytes(StandardCharsets.US_ASCII), 0, out, i, f.length);
        return out;
      }
    }
    throw new AssertionError(from + " not in blob");
  }
}
