package dev.keyvet.bench;

import dev.keyvet.runtime.crypto.CiphertextBlob;
import dev.keyvet.runtime.crypto.CiphertextHeader;
import dev.keyvet.runtime.crypto.KeySpec;
import dev.keyvet.runtime.crypto.KmsCrypto;
import dev.keyvet.runtime.crypto.SymmetricKeyMaterial;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The local KMS's symmetric ciphertext format against its physical limit, in one run: raw JDK
 * AES-256-GCM of 1 KiB with a cached {@code Cipher} and a fresh random IV, beside {@link
 * KmsCrypto#encrypt} and {@link KmsCrypto#decrypt} of 1 KiB with a two-pair encryption context
 * (header encoding, canonical context, blob parsing and the Region and key checks on top of the
 * same AES-GCM). No authorization or audit: this is the cryptography's share of an Encrypt call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class CryptoBenchmark {
  private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String REGION = "us-east-1";
  private static final Map<String, String> CONTEXT =
      Map.of("department", "10-4-2022", "tenant", "orders");

  private final SecureRandom random = new SecureRandom();
  private final KmsCrypto crypto = new KmsCrypto(random);
  private final byte[] plaintext = new byte[1024];
  private final byte[] iv = new byte[12];
  private SecretKeySpec jdkKey;
  private Cipher cipher;
  private byte[] jdkCiphertext;
  private byte[] jdkIv;
  private SymmetricKeyMaterial key;
  private CiphertextHeader header;
  private byte[] blob;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    random.nextBytes(plaintext);
    key = (SymmetricKeyMaterial) crypto.generateKeyMaterial(KeySpec.SYMMETRIC_DEFAULT);
    byte[] raw = new byte[32];
    random.nextBytes(raw);
    jdkKey = new SecretKeySpec(raw, "AES");
    cipher = Cipher.getInstance("AES/GCM/NoPadding", "SunJCE");
    jdkIv = new byte[12];
    random.nextBytes(jdkIv);
    cipher.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, jdkIv));
    jdkCiphertext = cipher.doFinal(plaintext);
    header = new CiphertextHeader(KEY_ID, 0, REGION);
    blob = crypto.encrypt(key, header, CONTEXT, plaintext);
    byte[] back = crypto.decrypt(key, CiphertextBlob.parse(blob), KEY_ID, REGION, CONTEXT);
    if (!java.util.Arrays.equals(back, plaintext)) {
      throw new IllegalStateException("the blob does not decrypt to its plaintext");
    }
  }

  @Benchmark
  public byte[] jdkAesGcmEncrypt() throws GeneralSecurityException {
    random.nextBytes(iv);
    cipher.init(Cipher.ENCRYPT_MODE, jdkKey, new GCMParameterSpec(128, iv));
    return cipher.doFinal(plaintext);
  }

  @Benchmark
  public byte[] jdkAesGcmDecrypt() throws GeneralSecurityException {
    cipher.init(Cipher.DECRYPT_MODE, jdkKey, new GCMParameterSpec(128, jdkIv));
    return cipher.doFinal(jdkCiphertext);
  }

  @Benchmark
  public byte[] blobEncrypt() {
    return crypto.encrypt(key, header, CONTEXT, plaintext);
  }

  @Benchmark
  public byte[] blobDecrypt() {
    return crypto.decrypt(key, CiphertextBlob.parse(blob), KEY_ID, REGION, CONTEXT);
  }
}
