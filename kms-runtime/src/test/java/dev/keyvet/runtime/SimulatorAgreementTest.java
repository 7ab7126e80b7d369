package dev.keyvet.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keyvet.engine.scenario.Ast;
import dev.keyvet.engine.scenario.ScenarioLoader;
import dev.keyvet.engine.scenario.Simulator;
import dev.keyvet.engine.scenario.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runtime decides as the simulator does: for the {@code can} questions of every example suite
 * under {@code policies-examples/src/test/kms}, a store seeded with the suite's scenario answers
 * the corresponding API call (as a dry run where AWS offers one) with a denial exactly when the
 * simulator's answer is a denial. Questions the simulator answers FAILS (KMS would reject them
 * whatever the policies) and operations the store does not implement are left out.
 */
class SimulatorAgreementTest {
  private static final Set<String> ALIAS_OK =
      Set.of(
          "Encrypt",
          "Decrypt",
          "GenerateDataKey",
          "GenerateDataKeyWithoutPlaintext",
          "DescribeKey",
          "GetPublicKey",
          "ReEncryptFrom");

  static Path examples() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("policies-examples/src/test/kms");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("policies-examples/src/test/kms not found");
  }

  static Stream<Path> suites() throws IOException {
    try (Stream<Path> walk = Files.walk(examples())) {
      return walk.filter(p -> p.toString().endsWith(".kvt")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  void storeAndSimulator_decideAlike(Path suite) {
    ScenarioLoader.Loaded loaded = ScenarioLoader.fromDisk().load(suite, true);
    World world = loaded.world();
    assertThat(world.hasErrors()).isFalse();
    Simulator simulator = new Simulator(world);
    int compared = 0;
    List<String> disagreements = new ArrayList<>();
    for (Ast.Expectation e : loaded.expectations()) {
      Ast.Query q = e.query();
      Simulator.Answer a = simulator.can(q);
      if (a.outcome() == Simulator.Outcome.FAILS || a.outcome() == Simulator.Outcome.ERROR) {
        continue;
      }
      String caller = callerArn(world, q.principal());
      Boolean storeAllows = ask(world, q, a.key(), caller);
      if (storeAllows == null) {
        continue;
      }
      compared++;
      boolean simAllows = a.outcome() == Simulator.Outcome.ALLOW;
      if (storeAllows != simAllows) {
        disagreements.add(q.text() + ": simulator " + a.outcome() + ", store " + storeAllows);
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(compared).as("questions compared in %s", suite).isGreaterThanOrEqualTo(3);
  }

  /**
   * True when the store authorizes the question's call, false when it refuses it; null: skipped.
   */
  private static Boolean ask(World world, Ast.Query q, String keyArn, String caller) {
    KeyStore store = KeyStore.builder().world(world).clock(new Fixtures.ManualClock()).build();
    store.seed(world);
    String action = q.action().value().replaceFirst("(?i)^kms:", "");
    String region = keyArn.split(":")[3];
    Call call = Call.of(caller, region);
    if (q.via() != null) {
      call = call.via(q.via().value());
    }
    Map<String, String> ec = new LinkedHashMap<>();
    String algorithm = null;
    Integer window = null;
    Boolean bypass = null;
    for (Ast.ContextEntry c : q.context()) {
      String k = c.key().value();
      String v = c.values().get(0).text();
      if (k.regionMatches(true, 0, "kms:EncryptionContext:", 0, 22)) {
        ec.put(k.substring(22), v);
      } else if (k.equalsIgnoreCase("kms:EncryptionAlgorithm")) {
        algorithm = v;
      } else if (k.equalsIgnoreCase("kms:ScheduleKeyDeletionPendingWindowInDays")) {
        window = Integer.valueOf(v);
      } else if (k.equalsIgnoreCase("kms:BypassPolicyLockoutSafetyCheck")) {
        bypass = Boolean.valueOf(v);
      } else {
        call = call.with(k, c.values().stream().map(Ast.Literal::text).toArray(String[]::new));
      }
    }
    String ref = q.key().text();
    String keyId =
        ALIAS_OK.contains(action) && (ref.startsWith("alias/") || ref.contains(":alias/"))
            ? (ref.startsWith("alias/")
                ? "arn:aws:kms:" + region + ":" + keyArn.split(":")[4] + ":" + ref
                : ref)
            : keyArn;
    Call dry = call.asDryRun();
    byte[] blob = {1};
    Call c = call;
    String alg = algorithm;
    Integer days = window;
    Boolean by = bypass;
    Runnable r =
        switch (action) {
          case "Encrypt" ->
              () ->
                  store.encrypt(
                      dry, new Kms.EncryptRequest(keyId, new byte[] {1}, ec, alg, List.of()));
          case "Decrypt" ->
              () -> store.decrypt(dry, new Kms.DecryptRequest(blob, keyId, ec, alg, List.of()));
          case "GenerateDataKey" ->
              () -> store.generateDataKey(dry, Kms.GenerateDataKeyRequest.aes256(keyId, ec));
          case "GenerateDataKeyWithoutPlaintext" ->
              () ->
                  store.generateDataKeyWithoutPlaintext(
                      dry, Kms.GenerateDataKeyRequest.aes256(keyId, ec));
          case "ReEncryptFrom" ->
              () ->
                  store.reEncrypt(
                      dry, new Kms.ReEncryptRequest(blob, keyId, ec, keyArn, Map.of(), List.of()));
          case "DescribeKey" -> () -> store.describeKey(c, keyId);
          case "GetPublicKey" -> () -> store.getPublicKey(c, keyId);
          case "GetKeyPolicy" -> () -> store.getKeyPolicy(c, keyId, "default");
          case "PutKeyPolicy" ->
              () -> store.putKeyPolicy(c, keyId, "default", policyOf(store, keyArn), by);
          case "ScheduleKeyDeletion" -> () -> store.scheduleKeyDeletion(c, keyId, days);
          case "CancelKeyDeletion" -> () -> store.cancelKeyDeletion(c, keyId);
          case "EnableKeyRotation" -> () -> store.enableKeyRotation(c, keyId, null);
          case "DisableKeyRotation" -> () -> store.disableKeyRotation(c, keyId);
          case "DisableKey" -> () -> store.disableKey(c, keyId);
          case "ListKeyRotations" -> () -> store.listKeyRotations(c, keyId, null, null);
          case "RevokeGrant" -> () -> store.revokeGrant(dry, keyId, "0".repeat(64));
          case "CreateGrant" ->
              () ->
                  store.createGrant(
                      dry, Kms.CreateGrantRequest.of(keyId, grantee(caller), "DescribeKey"));
          default -> null;
        };
    if (r == null) {
      return null;
    }
    try {
      r.run();
      return true;
    } catch (KmsException e) {
      if (e.errorName().equals("AccessDeniedException")) {
        return action.equals("ReEncryptFrom") && e.getMessage().contains("kms:ReEncryptTo");
      }
      return true;
    }
  }

  private static String policyOf(KeyStore store, String keyArn) {
    return store.snapshot().keys().stream()
        .filter(k -> k.arn().equals(keyArn))
        .findFirst()
        .orElseThrow()
        .policy();
  }

  private static String grantee(String caller) {
    return caller.matches("\\d{12}") ? "arn:aws:iam::" + caller + ":root" : caller;
  }

  /** The principal ARN a question names, resolved in the scenario. */
  private static String callerArn(World world, Ast.PrincipalRef p) {
    List<String> path = p.path();
    switch (p.kind()) {
      case ACCOUNT:
        return path.get(path.size() - 1);
      case ARN:
      case SERVICE:
        return p.text().replaceFirst("^service ", "");
      default:
        break;
    }
    String name = path.get(path.size() - 1);
    String account = path.size() > 1 ? path.get(0) : null;
    for (World.Identity i : world.identities()) {
      boolean kind =
          switch (p.kind()) {
            case ROLE -> i.kind() == World.IdentityKind.ROLE;
            case USER -> i.kind() == World.IdentityKind.USER;
            default -> i.kind() == World.IdentityKind.SESSION;
          };
      boolean inAccount =
          account == null || i.account().id().equals(account) || i.account().name().equals(account);
      if (kind && inAccount && i.name().equals(name)) {
        return i.arn();
      }
    }
    throw new IllegalStateException("no principal " + p.text());
  }
}
