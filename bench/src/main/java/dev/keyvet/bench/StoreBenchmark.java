package dev.keyvet.bench;

import dev.keyvet.engine.scenario.ScenarioLoader;
import dev.keyvet.engine.scenario.World;
import dev.keyvet.runtime.AuditSink;
import dev.keyvet.runtime.Call;
import dev.keyvet.runtime.DurableAudit;
import dev.keyvet.runtime.KeyStore;
import dev.keyvet.runtime.Kms;
import dev.keyvet.runtime.TimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The local KMS's Encrypt and Decrypt of 1 KiB through {@link KeyStore} — caller resolved, key
 * policy and IAM policy evaluated by the engine, key state checked, ciphertext blob made with the
 * encryption context bound — beside raw JDK AES-256-GCM of 1 KiB in the same run. Targets: with
 * authorization at least a quarter of the raw rate; with the durable audit log (group commit, one
 * {@code fsync} per batch) at least 100,000 calls per second. The audited benchmarks run with 64
 * callers and with 4 (a server's worth of connections).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreBenchmark {
  static final String APP = "arn:aws:iam::111122223333:role/App";
  static final Map<String, String> CONTEXT = Map.of("tenant", "orders", "order", "4711");

  /** A store whose audit records are dropped: the cost of authorization and cryptography. */
  @State(Scope.Benchmark)
  public static class Authorized {
    KeyStore store;
    String key;
    byte[] blob;
    final byte[] plaintext = new byte[1024];

    @Setup(Level.Trial)
    public void setUp() {
      AuditSink discard = r -> {};
      store = KeyStore.builder().world(world()).audit(discard).build();
      key = StoreBenchmark.key(store);
      blob = store.encrypt(call(), Kms.EncryptRequest.of(key, plaintext, CONTEXT)).ciphertextBlob();
    }
  }

  /**
   * A store writing every call to the durable audit log in a fresh data directory: with {@code
   * syncDelayMillis} 0 every call waits for the force of its record (group commit); above 0 a call
   * returns once its record is written and the log forces within the delay.
   */
  @State(Scope.Benchmark)
  public static class Audited {
    @Param({"0", "10"})
    long syncDelayMillis;

    KeyStore store;
    DurableAudit audit;
    Path dir;
    String key;
    final byte[] plaintext = new byte[1024];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      Path base =
          Path.of(System.getProperty("keyvet.bench.dir", System.getProperty("java.io.tmpdir")));
      dir = Files.createTempDirectory(base, "keyvet-store-bench");
      audit = DurableAudit.open(dir, TimeSource.system(), Duration.ofMillis(syncDelayMillis));
      store = KeyStore.builder().world(world()).audit(audit).build();
      key = StoreBenchmark.key(store);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      audit.close();
      // A run writes gigabytes of audit records; leave nothing behind.
      AuditBenchmark.delete(dir);
    }
  }

  /** Raw JDK AES-GCM with a cached cipher and a fresh IV per encryption. */
  @State(Scope.Thread)
  public static class Raw {
    final SecureRandom random = new SecureRandom();
    final byte[] plaintext = new byte[1024];
    final byte[] iv = new byte[12];
    SecretKeySpec key;
    Cipher cipher;
    byte[] ciphertext;
    byte[] ciphertextIv;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      byte[] k = new byte[32];
      random.nextBytes(k);
      key = new SecretKeySpec(k, "AES");
      cipher = Cipher.getInstance("AES/GCM/NoPadding");
      ciphertextIv = new byte[12];
      random.nextBytes(ciphertextIv);
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, ciphertextIv));
      ciphertext = cipher.doFinal(plaintext);
    }
  }

  static World world() {
    try (InputStream in = StoreBenchmark.class.getResourceAsStream("store/world.kvs")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      World w =
          new ScenarioLoader(p -> new byte[0]).load(Path.of("world.kvs"), text, false).world();
      if (w.hasErrors()) {
        throw new IllegalStateException("benchmark world has errors: " + w.diagnostics());
      }
      return w;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String key(KeyStore store) {
    return store
        .createKey(
            Call.of("arn:aws:iam::111122223333:root", "us-east-1"), Kms.CreateKeyRequest.defaults())
        .arn();
  }

  static Call call() {
    return Call.of(APP, "us-east-1");
  }

  @Benchmark
  @Threads(1)
  public byte[] rawEncrypt(Raw s) throws Exception {
    s.random.nextBytes(s.iv);
    s.cipher.init(Cipher.ENCRYPT_MODE, s.key, new GCMParameterSpec(128, s.iv));
    return s.cipher.doFinal(s.plaintext);
  }

  @Benchmark
  @Threads(1)
  public byte[] rawDecrypt(Raw s) throws Exception {
    s.cipher.init(Cipher.DECRYPT_MODE, s.key, new GCMParameterSpec(128, s.ciphertextIv));
    return s.cipher.doFinal(s.ciphertext);
  }

  @Benchmark
  @Threads(1)
  public Kms.EncryptResponse storeEncrypt(Authorized s) {
    return s.store.encrypt(call(), Kms.EncryptRequest.of(s.key, s.plaintext, CONTEXT));
  }

  @Benchmark
  @Threads(1)
  public Kms.DecryptResponse storeDecrypt(Authorized s) {
    return s.store.decrypt(call(), Kms.DecryptRequest.of(s.blob, CONTEXT));
  }

  @Benchmark
  @Threads(64)
  public Kms.EncryptResponse auditedEncrypt64(Audited s) {
    return s.store.encrypt(call(), Kms.EncryptRequest.of(s.key, s.plaintext, CONTEXT));
  }

  @Benchmark
  @Threads(4)
  public Kms.EncryptResponse auditedEncrypt4(Audited s) {
    return s.store.encrypt(call(), Kms.EncryptRequest.of(s.key, s.plaintext, CONTEXT));
  }

  /** Calls in flight per caller in {@link #auditedEncryptAsync4}. */
  static final int IN_FLIGHT = 64;

  /**
   * Four callers, each with {@value #IN_FLIGHT} Encrypts in flight through {@code encryptAsync}:
   * group commit without a thread waiting per call. Each invocation is {@value #IN_FLIGHT} calls.
   */
  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(IN_FLIGHT)
  public Object auditedEncryptAsync4(Audited s) {
    @SuppressWarnings("unchecked")
    CompletableFuture<Kms.EncryptResponse>[] calls = new CompletableFuture[IN_FLIGHT];
    for (int i = 0; i < IN_FLIGHT; i++) {
      calls[i] = s.store.encryptAsync(call(), Kms.EncryptRequest.of(s.key, s.plaintext, CONTEXT));
    }
    return CompletableFuture.allOf(calls).join();
  }
}
