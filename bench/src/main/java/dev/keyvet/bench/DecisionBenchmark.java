package dev.keyvet.bench;

import dev.keyvet.engine.eval.AccessRequest;
import dev.keyvet.engine.eval.Authorizer;
import dev.keyvet.engine.eval.Caller;
import dev.keyvet.engine.eval.CompiledPolicy;
import dev.keyvet.engine.eval.ContextDeriver;
import dev.keyvet.engine.eval.Decision;
import dev.keyvet.engine.eval.Evaluation;
import dev.keyvet.engine.eval.PolicyKind;
import dev.keyvet.engine.eval.PolicySet;
import dev.keyvet.engine.eval.RequestContext;
import dev.keyvet.engine.read.PolicyReader;
import dev.keyvet.engine.read.ReadResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decisions per second on one core for a six-statement key policy with conditions (root delegation,
 * administrators, users with an encryption-context condition, account B through S3 with
 * kms:ViaService and kms:CallerAccount, grants with kms:GrantIsForAWSResource, a TLS-only Deny),
 * with and without explanations, beside a plain Jackson {@code readTree} of the same policy in the
 * same run. Each invocation decides one request of a fixed rotation of eight (allows, explicit and
 * implicit denials), so no single path is favoured. Target: {@code decide} at least five times the
 * {@code readTree} rate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class DecisionBenchmark {
  private static final String KEY =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  private final Authorizer authorizer = new Authorizer();
  private final ObjectMapper mapper = JsonMapper.builder().build();
  private byte[] policyBytes;
  private PolicySet policies;
  private AccessRequest[] requests;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    policyBytes = load("six-statements.json");
    ReadResult read = new PolicyReader().read("six-statements.json", policyBytes);
    CompiledPolicy key = CompiledPolicy.compile("key", PolicyKind.KEY_POLICY, read);
    ReadResult identity =
        new PolicyReader()
            .read(
                "identity",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"kms:Decrypt\",\"kms:Encrypt\"],\"Resource\":\"*\"}]}");
    policies =
        PolicySet.builder()
            .keyPolicy(key)
            .identityPolicy(CompiledPolicy.compile("identity", PolicyKind.IDENTITY, identity))
            .build();
    requests =
        new AccessRequest[] {
          request(
              "arn:aws:sts::111122223333:assumed-role/OrdersService/s1",
              "kms:Decrypt",
              "kms:EncryptionContext:service",
              "orders"),
          request(
              "arn:aws:sts::111122223333:assumed-role/OrdersService/s1",
              "kms:Decrypt",
              "kms:EncryptionContext:service",
              "billing"),
          request(
              "arn:aws:sts::444455556666:assumed-role/Reader/s1",
              "kms:Decrypt",
              "kms:ViaService",
              "s3.us-east-1.amazonaws.com"),
          request(
              "arn:aws:sts::444455556666:assumed-role/Reader/s1",
              "kms:Decrypt",
              "kms:ViaService",
              "ec2.us-east-1.amazonaws.com"),
          request(
              "arn:aws:sts::111122223333:assumed-role/KeyAdmin/s1",
              "kms:PutKeyPolicy",
              "aws:SecureTransport",
              "true"),
          request(
              "arn:aws:sts::111122223333:assumed-role/KeyAdmin/s1",
              "kms:DisableKey",
              "aws:SecureTransport",
              "false"),
          request(
              "arn:aws:sts::111122223333:assumed-role/OrdersService/s1",
              "kms:CreateGrant",
              "kms:GrantIsForAWSResource",
              "true"),
          request(
              "arn:aws:iam::111122223333:user/Alice", "kms:Encrypt", "kms:EncryptionContext:x", "y")
        };
    int allowed = 0;
    for (AccessRequest r : requests) {
      Evaluation e = authorizer.decide(policies, r);
      if (e.failedClosed()) {
        throw new IllegalStateException("benchmark policies are invalid: " + e.errors());
      }
      allowed += e.decision() == Decision.ALLOW ? 1 : 0;
    }
    if (allowed != 6) {
      throw new IllegalStateException("expected 6 of 8 requests allowed, got " + allowed);
    }
  }

  private static AccessRequest request(String principal, String action, String key, String value) {
    Caller caller = Caller.parse(principal);
    RequestContext given = RequestContext.builder().put(key, value).build();
    RequestContext ctx = ContextDeriver.derive(caller, action, KEY, "111122223333", given);
    return new AccessRequest(caller, action, KEY, "111122223333", ctx);
  }

  private AccessRequest nextRequest() {
    AccessRequest r = requests[next];
    next = (next + 1) & 7;
    return r;
  }

  /** One decision without explanations: the fast path. */
  @Benchmark
  public Decision decide() {
    return authorizer.decide(policies, nextRequest()).decision();
  }

  /** One decision with its full explanation, near misses included. */
  @Benchmark
  public Evaluation explain() {
    return authorizer.explain(policies, nextRequest());
  }

  /** The baseline: a plain Jackson tree parse of the same policy. */
  @Benchmark
  public JsonNode jacksonReadTree() {
    return mapper.readTree(policyBytes);
  }

  private static byte[] load(String name) {
    try (InputStream in = DecisionBenchmark.class.getResourceAsStream("policies/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing benchmark policy " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
