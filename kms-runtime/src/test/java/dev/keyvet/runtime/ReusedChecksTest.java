package dev.keyvet.runtime;

import static dev.keyvet.runtime.Fixtures.ADMIN;
import static dev.keyvet.runtime.Fixtures.APP;
import static dev.keyvet.runtime.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls that change nothing reuse the policies and derived context of earlier checks; every change
 * to a key's policy, tags, aliases or state must be seen by the very next call.
 */
class ReusedChecksTest {
  private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> EC = Map.of("tenant", "orders");

  private KeyStore store;
  private String key;

  private static String policy(String appCondition) {
    return """
        {"Version": "2012-10-17", "Statement": [
          {"Sid": "Admins", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::111122223333:role/Admin"},
           "Action": "kms:*", "Resource": "*"},
          {"Sid": "App", "Effect": "Allow",
           "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"},
           "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*"%s}
        ]}
        """
        .formatted(appCondition);
  }

  @BeforeEach
  void setUp() {
    store =
        KeyStore.builder()
            .world(Fixtures.world())
            .audit(new InMemoryAudit())
            .clock(new Fixtures.ManualClock())
            .random(Fixtures.seeded(3))
            .build();
    key =
        store
            .createKey(
                as(ADMIN),
                Kms.CreateKeyRequest.defaults()
                    .withPolicy(
                        policy(
                            ", \"Condition\": {\"StringEquals\": {\"aws:ResourceTag/stage\":"
                                + " \"live\"}}")))
            .arn();
  }

  private boolean appMayEncrypt() {
    try {
      store.encrypt(as(APP), Kms.EncryptRequest.of(key, DATA, EC));
      return true;
    } catch (KmsException e) {
      assertThat(e.errorName()).isEqualTo("AccessDeniedException");
      return false;
    }
  }

  @Test
  void tagChanges_areSeenByTheNextCall() {
    assertThat(appMayEncrypt()).isFalse();
    assertThat(appMayEncrypt()).isFalse();
    store.tagResource(as(ADMIN), key, Map.of("stage", "live"));
    assertThat(appMayEncrypt()).isTrue();
    assertThat(appMayEncrypt()).isTrue();
    store.untagResource(as(ADMIN), key, List.of("stage"));
    assertThat(appMayEncrypt()).isFalse();
  }

  @Test
  void policyChanges_areSeenByTheNextCall() {
    store.tagResource(as(ADMIN), key, Map.of("stage", "live"));
    assertThat(appMayEncrypt()).isTrue();
    store.putKeyPolicy(as(ADMIN), key, "default", policy(""), false);
    assertThat(appMayEncrypt()).isTrue();
    store.putKeyPolicy(
        as(ADMIN),
        key,
        "default",
        policy(
            ", \"Condition\": {\"ForAnyValue:StringEquals\": {\"kms:ResourceAliases\":"
                + " \"alias/orders\"}}"),
        false);
    assertThat(appMayEncrypt()).isFalse();
    store.createAlias(as(ADMIN), "alias/orders", key);
    assertThat(appMayEncrypt()).isTrue();
    store.deleteAlias(as(ADMIN), "alias/orders");
    assertThat(appMayEncrypt()).isFalse();
  }

  @Test
  void stateChanges_areSeenByTheNextCall_afterAnAllow() {
    store.tagResource(as(ADMIN), key, Map.of("stage", "live"));
    assertThat(appMayEncrypt()).isTrue();
    store.disableKey(as(ADMIN), key);
    assertThatThrownBy(() -> store.encrypt(as(APP), Kms.EncryptRequest.of(key, DATA, EC)))
        .asInstanceOf(type(KmsException.class))
        .extracting(KmsException::errorName)
        .isEqualTo("DisabledException");
  }

  @Test
  void theRequestsOwnKeys_areNeverReused() {
    store.putKeyPolicy(
        as(ADMIN),
        key,
        "default",
        policy(", \"Condition\": {\"StringEquals\": {\"kms:EncryptionContext:tenant\": \"a\"}}"),
        false);
    for (int i = 0; i < 3; i++) {
      store.encrypt(as(APP), Kms.EncryptRequest.of(key, DATA, Map.of("tenant", "a")));
      assertThatThrownBy(
              () -> store.encrypt(as(APP), Kms.EncryptRequest.of(key, DATA, Map.of("tenant", "b"))))
          .isInstanceOf(KmsException.class);
    }
  }

  @Test
  void aPolicyThatReadsTheTime_isDecidedByTheClock_onReusedChecks() {
    Fixtures.ManualClock clock = new Fixtures.ManualClock();
    KeyStore timed =
        KeyStore.builder()
            .world(Fixtures.world())
            .audit(new InMemoryAudit())
            .clock(clock)
            .random(Fixtures.seeded(5))
            .build();
    java.time.Instant until = clock.now().plus(java.time.Duration.ofDays(1));
    String k =
        timed
            .createKey(
                as(ADMIN),
                Kms.CreateKeyRequest.defaults()
                    .withPolicy(
                        policy(
                            ", \"Condition\": {\"DateLessThan\": {\"aws:CurrentTime\": \""
                                + until
                                + "\"}}")))
            .arn();
    for (int i = 0; i < 3; i++) {
      timed.encrypt(as(APP), Kms.EncryptRequest.of(k, DATA, EC));
    }
    clock.advance(java.time.Duration.ofDays(2));
    assertThatThrownBy(() -> timed.encrypt(as(APP), Kms.EncryptRequest.of(k, DATA, EC)))
        .isInstanceOf(KmsException.class)
        .hasMessageContaining("not authorized");
  }

  @Test
  void currentTime_isWrittenAsInstantWritesIt() {
    Random r = new Random(11);
    for (int i = 0; i < 2_000; i++) {
      long second = r.nextLong(4_102_444_800L);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> r.nextInt(1000) * 1_000_000;
            case 2 -> r.nextInt(1_000_000) * 1_000;
            default -> r.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(second, nanos);
      assertThat(Gatekeeper.currentTime(t)).isEqualTo(t.toString());
    }
  }

  @Test
  void requestIds_areUuidShaped_andUnique() {
    RequestIds ids = new RequestIds(Fixtures.seeded(1));
    RequestIds other = RequestIds.secure();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = ids.next();
      assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(seen.add(id)).isTrue();
      assertThat(seen.add(other.next())).isTrue();
    }
  }
}
