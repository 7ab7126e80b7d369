package dev.keyvet.runtime;

import static dev.keyvet.runtime.Fixtures.ADMIN;
import static dev.keyvet.runtime.Fixtures.APP;
import static dev.keyvet.runtime.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key-state table (reference §7.3): every operation on a key in each reachable state, after
 * authorization. {@code ok} means the call succeeded; otherwise the AWS error name.
 */
class KeyStateTest {
  private static final byte[] DATA = "d".getBytes(StandardCharsets.UTF_8);

  private record Op(String name, ThrowingConsumer<Env> call) {}

  /** A store with one key in the state under test, and a ciphertext made while it was enabled. */
  private static final class Env {
    final KeyStore store;
    final String key;
    final byte[] blob;
    String caller = ADMIN;

    Env(String state) {
      store = KeyStore.builder().world(Fixtures.world()).clock(new Fixtures.ManualClock()).build();
      Kms.CreateKeyRequest req = Kms.CreateKeyRequest.defaults();
      if (state.equals("PendingImport")) {
        req = req.withOrigin("EXTERNAL");
      }
      key = store.createKey(as(ADMIN), req).arn();
      blob =
          state.equals("PendingImport")
              ? FOREIGN_CRYPTO.encrypt(
                  FOREIGN_CRYPTO.generateMaterial("SYMMETRIC_DEFAULT"),
                  new KeyCrypto.Header(key.substring(key.lastIndexOf('/') + 1), 0, Fixtures.US),
                  DATA,
                  Map.of())
              : store
                  .encrypt(as(ADMIN), Kms.EncryptRequest.of(key, DATA, Map.of()))
                  .ciphertextBlob();
      switch (state) {
        case "Disabled" -> store.disableKey(as(ADMIN), key);
        case "PendingDeletion" -> store.scheduleKeyDeletion(as(ADMIN), key, 7);
        default -> {}
      }
      assertThat(store.describeKey(as(ADMIN), key).keyState()).isEqualTo(state);
    }
  }

  /** Makes a well-formed ciphertext for a key whose material the store does not have. */
  private static final KeyCrypto FOREIGN_CRYPTO = new StandardKeyCrypto();

  private static final List<Op> OPS =
      List.of(
          new Op(
              "Encrypt",
              e -> e.store.encrypt(as(e.caller), Kms.EncryptRequest.of(e.key, DATA, Map.of()))),
          new Op(
              "Decrypt",
              e ->
                  e.store.decrypt(
                      as(e.caller),
                      new Kms.DecryptRequest(e.blob, e.key, Map.of(), null, List.of()))),
          new Op(
              "GenerateDataKey",
              e ->
                  e.store.generateDataKey(
                      as(e.caller), Kms.GenerateDataKeyRequest.aes256(e.key, Map.of()))),
          new Op(
              "ReEncrypt",
              e ->
                  e.store.reEncrypt(
                      as(e.caller),
                      new Kms.ReEncryptRequest(
                          e.blob, e.key, Map.of(), e.key, Map.of(), List.of()))),
          new Op(
              "CreateGrant",
              e ->
                  e.store.createGrant(
                      as(e.caller), Kms.CreateGrantRequest.of(e.key, APP, "Encrypt"))),
          new Op("DescribeKey", e -> e.store.describeKey(as(e.caller), e.key)),
          new Op("GetKeyPolicy", e -> e.store.getKeyPolicy(as(e.caller), e.key, "default")),
          new Op(
              "PutKeyPolicy",
              e ->
                  e.store.putKeyPolicy(
                      as(e.caller),
                      e.key,
                      "default",
                      KeyStore.defaultPolicy(Fixtures.OWNER),
                      null)),
          new Op(
              "ListGrants", e -> e.store.listGrants(as(e.caller), e.key, null, null, null, null)),
          new Op("ListKeyPolicies", e -> e.store.listKeyPolicies(as(e.caller), e.key)),
          new Op(
              "ListResourceTags", e -> e.store.listResourceTags(as(e.caller), e.key, null, null)),
          new Op("EnableKey", e -> e.store.enableKey(as(e.caller), e.key)),
          new Op("DisableKey", e -> e.store.disableKey(as(e.caller), e.key)),
          new Op("EnableKeyRotation", e -> e.store.enableKeyRotation(as(e.caller), e.key, null)),
          new Op("DisableKeyRotation", e -> e.store.disableKeyRotation(as(e.caller), e.key)),
          new Op("GetKeyRotationStatus", e -> e.store.getKeyRotationStatus(as(e.caller), e.key)),
          new Op("RotateKeyOnDemand", e -> e.store.rotateKeyOnDemand(as(e.caller), e.key)),
          new Op(
              "ListKeyRotations", e -> e.store.listKeyRotations(as(e.caller), e.key, null, null)),
          new Op("ScheduleKeyDeletion", e -> e.store.scheduleKeyDeletion(as(e.caller), e.key, 7)),
          new Op("CancelKeyDeletion", e -> e.store.cancelKeyDeletion(as(e.caller), e.key)),
          new Op("CreateAlias", e -> e.store.createAlias(as(e.caller), "alias/state", e.key)),
          new Op("TagResource", e -> e.store.tagResource(as(e.caller), e.key, Map.of("t", "v"))),
          new Op("UntagResource", e -> e.store.untagResource(as(e.caller), e.key, List.of("t"))),
          new Op(
              "UpdateKeyDescription", e -> e.store.updateKeyDescription(as(e.caller), e.key, "d")));

  /** Expected outcome per operation for Enabled, Disabled, PendingDeletion, PendingImport. */
  private static final Map<String, List<String>> TABLE =
      Map.ofEntries(
          Map.entry(
              "Encrypt",
              List.of(
                  "ok",
                  "DisabledException",
                  "KMSInvalidStateException",
                  "KMSInvalidStateException")),
          Map.entry(
              "Decrypt",
              List.of(
                  "ok",
                  "DisabledException",
                  "KMSInvalidStateException",
                  "KMSInvalidStateException")),
          Map.entry(
              "GenerateDataKey",
              List.of(
                  "ok",
                  "DisabledException",
                  "KMSInvalidStateException",
                  "KMSInvalidStateException")),
          Map.entry(
              "ReEncrypt",
              List.of(
                  "ok",
                  "DisabledException",
                  "KMSInvalidStateException",
                  "KMSInvalidStateException")),
          Map.entry(
              "CreateGrant",
              List.of(
                  "ok",
                  "DisabledException",
                  "KMSInvalidStateException",
                  "KMSInvalidStateException")),
          Map.entry("DescribeKey", List.of("ok", "ok", "ok", "ok")),
          Map.entry("GetKeyPolicy", List.of("ok", "ok", "ok", "ok")),
          Map.entry("PutKeyPolicy", List.of("ok", "ok", "ok", "ok")),
          Map.entry("ListGrants", List.of("ok", "ok", "ok", "ok")),
          Map.entry("ListKeyPolicies", List.of("ok", "ok", "ok", "ok")),
          Map.entry("ListResourceTags", List.of("ok", "ok", "ok", "ok")),
          Map.entry(
              "EnableKey",
              List.of("ok", "ok", "KMSInvalidStateException", "KMSInvalidStateException")),
          Map.entry(
              "DisableKey",
              List.of("ok", "ok", "KMSInvalidStateException", "KMSInvalidStateException")),
          Map.entry(
              "EnableKeyRotation",
              List.of(
                  "ok",
                  "DisabledException",
                  "KMSInvalidStateException",
                  "UnsupportedOperationException")),
          Map.entry(
              "DisableKeyRotation",
              List.of(
                  "ok",
                  "DisabledException",
                  "KMSInvalidStateException",
                  "UnsupportedOperationException")),
          Map.entry(
              "GetKeyRotationStatus", List.of("ok", "ok", "ok", "UnsupportedOperationException")),
          Map.entry(
              "RotateKeyOnDemand",
              List.of(
                  "ok",
                  "DisabledException",
                  "KMSInvalidStateException",
                  "KMSInvalidStateException")),
          Map.entry("ListKeyRotations", List.of("ok", "ok", "ok", "ok")),
          Map.entry("ScheduleKeyDeletion", List.of("ok", "ok", "KMSInvalidStateException", "ok")),
          Map.entry(
              "CancelKeyDeletion",
              List.of(
                  "KMSInvalidStateException",
                  "KMSInvalidStateException",
                  "ok",
                  "KMSInvalidStateException")),
          Map.entry("CreateAlias", List.of("ok", "ok", "KMSInvalidStateException", "ok")),
          Map.entry("TagResource", List.of("ok", "ok", "KMSInvalidStateException", "ok")),
          Map.entry("UntagResource", List.of("ok", "ok", "KMSInvalidStateException", "ok")),
          Map.entry("UpdateKeyDescription", List.of("ok", "ok", "KMSInvalidStateException", "ok")));

  private static final List<String> STATES =
      List.of("Enabled", "Disabled", "PendingDeletion", "PendingImport");

  static Stream<Arguments> cases() {
    return OPS.stream()
        .flatMap(
            op ->
                STATES.stream()
                    .map(
                        state ->
                            Arguments.of(
                                op.name(),
                                state,
                                TABLE.get(op.name()).get(STATES.indexOf(state)),
                                op)));
  }

  @ParameterizedTest(name = "{0} on a {1} key: {2}")
  @MethodSource("cases")
  void operation_inState_behavesAsTheKeyStateTableSays(
      String operation, String state, String expected, Op op) throws Throwable {
    Env env = new Env(state);
    String actual;
    try {
      op.call().accept(env);
      actual = "ok";
    } catch (KmsException e) {
      actual = e.errorName();
    }
    assertThat(actual).as("%s on a %s key", operation, state).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} on a {1} key by a caller without permission")
  @MethodSource("cases")
  void authorization_comesBeforeTheStateCheck(
      String operation, String state, String expected, Op op) throws Throwable {
    Env env = new Env(state);
    env.caller = APP;
    String actual;
    try {
      op.call().accept(env);
      actual = "ok";
    } catch (KmsException e) {
      actual = e.errorName();
    }
    assertThat(actual).as("%s on a %s key", operation, state).isEqualTo("AccessDeniedException");
  }
}
