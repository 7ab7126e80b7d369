package dev.keyvet.runtime;

import static dev.keyvet.runtime.Fixtures.ADMIN;
import static dev.keyvet.runtime.Fixtures.APP;
import static dev.keyvet.runtime.Fixtures.DENIED;
import static dev.keyvet.runtime.Fixtures.EU;
import static dev.keyvet.runtime.Fixtures.OWNER;
import static dev.keyvet.runtime.Fixtures.PARTNER_NO_IAM;
import static dev.keyvet.runtime.Fixtures.READER;
import static dev.keyvet.runtime.Fixtures.US;
import static dev.keyvet.runtime.Fixtures.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyStoreTest {
  private Fixtures.ManualClock clock;
  private InMemoryAudit audit;
  private KeyStore store;

  private static final byte[] DATA = "secret data".getBytes(StandardCharsets.UTF_8);

  /** Lets the owner's admin role manage, and the partner account use the key (with its IAM). */
  static final String SHARED_POLICY =
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Admins", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:role/Admin"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
         "Action": ["kms:Decrypt", "kms:Encrypt", "kms:DescribeKey", "kms:CreateGrant",
                    "kms:ScheduleKeyDeletion"],
         "Resource": "*"}
      ]}
      """;

  @BeforeEach
  void setUp() {
    clock = new Fixtures.ManualClock();
    audit = new InMemoryAudit();
    store =
        KeyStore.builder()
            .world(Fixtures.world())
            .audit(audit)
            .clock(clock)
            .random(Fixtures.seeded(7))
            .build();
  }

  private String newKey() {
    return store
        .createKey(as(ADMIN), Kms.CreateKeyRequest.defaults().withPolicy(SHARED_POLICY))
        .arn();
  }

  private static void fails(ThrowingCallable call, String errorName) {
    assertThatThrownBy(call)
        .asInstanceOf(type(KmsException.class))
        .extracting(KmsException::errorName)
        .isEqualTo(errorName);
  }

  private byte[] encrypt(String key, Map<String, String> ec) {
    return store.encrypt(as(ADMIN), Kms.EncryptRequest.of(key, DATA, ec)).ciphertextBlob();
  }

  // --- CreateKey, DescribeKey, ListKeys --------------------------------------------------------

  @Test
  void createKey_appliesAwsDefaults_andDescribeKeyShowsThem() {
    Kms.KeyMetadata md = store.createKey(as(ADMIN), Kms.CreateKeyRequest.defaults());
    assertThat(md.keySpec()).isEqualTo("SYMMETRIC_DEFAULT");
    assertThat(md.keyUsage()).isEqualTo("ENCRYPT_DECRYPT");
    assertThat(md.origin()).isEqualTo("AWS_KMS");
    assertThat(md.keyState()).isEqualTo("Enabled");
    assertThat(md.keyManager()).isEqualTo("CUSTOMER");
    assertThat(md.arn()).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/" + md.keyId());
    assertThat(md.keyId())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(store.getKeyPolicy(as(ADMIN), md.keyId(), "default"))
        .contains("Enable IAM User Permissions")
        .contains("arn:aws:iam::111122223333:root");
    assertThat(store.describeKey(as(ADMIN), md.keyId()).encryptionAlgorithms())
        .containsExactly("SYMMETRIC_DEFAULT");
  }

  @Test
  void createKey_needsAnIdentityAllow() {
    fails(() -> store.createKey(as(APP), Kms.CreateKeyRequest.defaults()), "AccessDeniedException");
    assertThat(audit.last().decision()).isEqualTo("IMPLICIT_DENY");
    assertThat(audit.last().errorMessage())
        .isEqualTo(
            "User: arn:aws:sts::111122223333:assumed-role/App/keyvet-session is not authorized to"
                + " perform: kms:CreateKey on resource: * because no identity-based policy allows"
                + " the kms:CreateKey action");
  }

  @Test
  void createKey_rejectsMalformedPolicies_invalidSpecs_andReservedTags() {
    fails(
        () ->
            store.createKey(
                as(ADMIN), Kms.CreateKeyRequest.defaults().withPolicy("{\"Statement\": [")),
        "MalformedPolicyDocumentException");
    fails(
        () ->
            store.createKey(
                as(ADMIN),
                Kms.CreateKeyRequest.defaults().withSpec("ECC_NIST_P256", "ENCRYPT_DECRYPT")),
        "ValidationException");
    fails(
        () ->
            store.createKey(
                as(ADMIN), Kms.CreateKeyRequest.defaults().withTags(Map.of("aws:x", "y"))),
        "TagException");
    fails(
        () ->
            store.createKey(
                as(ADMIN),
                Kms.CreateKeyRequest.defaults()
                    .withPolicy(
                        "{\"Version\":\"2012-10-17\",\"Statement\":["
                            + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:Decrypt\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:EncryptionContext:a\":\""
                            + "x".repeat(33_000)
                            + "\"}}}]}")),
        "LimitExceededException");
  }

  @Test
  void lockoutCheck_refusesAPolicyThatLocksOutTheCaller_unlessBypassed() {
    String lockout =
        """
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"},
          "Action": "kms:*", "Resource": "*"}]}
        """;
    fails(
        () -> store.createKey(as(ADMIN), Kms.CreateKeyRequest.defaults().withPolicy(lockout)),
        "MalformedPolicyDocumentException");
    String key = newKey();
    fails(
        () -> store.putKeyPolicy(as(ADMIN), key, "default", lockout, null),
        "MalformedPolicyDocumentException");
    assertThat(store.getKeyPolicy(as(ADMIN), key, null)).isEqualTo(SHARED_POLICY);
    store.putKeyPolicy(as(ADMIN), key, "default", lockout, true);
    fails(() -> store.getKeyPolicy(as(ADMIN), key, "default"), "AccessDeniedException");
    assertThat(store.getKeyPolicy(as(APP), key, "default")).isEqualTo(lockout);
  }

  @Test
  void listKeys_paginatesTheCallersKeysInTheRegion() {
    for (int i = 0; i < 5; i++) {
      newKey();
    }
    store.createKey(Call.of(ADMIN, EU), Kms.CreateKeyRequest.defaults());
    Kms.Page<Kms.KeyListEntry> first = store.listKeys(as(ADMIN), 2, null);
    assertThat(first.items()).hasSize(2);
    assertThat(first.truncated()).isTrue();
    Kms.Page<Kms.KeyListEntry> second = store.listKeys(as(ADMIN), 2, first.nextMarker());
    Kms.Page<Kms.KeyListEntry> third = store.listKeys(as(ADMIN), 2, second.nextMarker());
    assertThat(third.items()).hasSize(1);
    assertThat(third.nextMarker()).isNull();
    assertThat(store.listKeys(Call.of(ADMIN, EU), null, null).items()).hasSize(1);
    fails(() -> store.listKeys(as(ADMIN), 2, "nonsense"), "InvalidMarkerException");
    fails(() -> store.listKeys(as(APP), null, null), "AccessDeniedException");
  }

  @Test
  void updateKeyDescription_changesTheDescription() {
    String key = newKey();
    store.updateKeyDescription(as(ADMIN), key, "orders");
    assertThat(store.describeKey(as(ADMIN), key).description()).isEqualTo("orders");
  }

  // --- Authorization -------------------------------------------------------------------------

  @Test
  void encryptDecrypt_roundTrips_withTheEncryptionContextBound() {
    String key = newKey();
    byte[] blob = encrypt(key, Map.of("dept", "a"));
    assertThat(
            store.decrypt(as(ADMIN), Kms.DecryptRequest.of(blob, Map.of("dept", "a"))).plaintext())
        .isEqualTo(DATA);
    fails(
        () -> store.decrypt(as(ADMIN), Kms.DecryptRequest.of(blob, Map.of("dept", "b"))),
        "InvalidCiphertextException");
    fails(
        () -> store.decrypt(as(ADMIN), Kms.DecryptRequest.of(blob, Map.of())),
        "InvalidCiphertextException");
  }

  @Test
  void encryptionContext_encodingIsUnambiguous() {
    String key = newKey();
    byte[] blob = encrypt(key, Map.of("ab", "c"));
    fails(
        () -> store.decrypt(as(ADMIN), Kms.DecryptRequest.of(blob, Map.of("a", "bc"))),
        "InvalidCiphertextException");
    assertThat(dev.keyvet.runtime.crypto.EncryptionContext.canonicalBytes(Map.of("ab", "c")))
        .isNotEqualTo(
            dev.keyvet.runtime.crypto.EncryptionContext.canonicalBytes(Map.of("a", "bc")));
  }

  @Test
  void tamperedOrTruncatedCiphertext_failsWithInvalidCiphertext() {
    String key = newKey();
    byte[] blob = encrypt(key, Map.of());
    byte[] tampered = blob.clone();
    tampered[tampered.length - 1] ^= 1;
    fails(
        () -> store.decrypt(as(ADMIN), Kms.DecryptRequest.of(tampered, Map.of())),
        "InvalidCiphertextException");
    byte[] truncated = java.util.Arrays.copyOf(blob, 20);
    fails(
        () -> store.decrypt(as(ADMIN), Kms.DecryptRequest.of(truncated, Map.of())),
        "InvalidCiphertextException");
  }

  @Test
  void denial_usesAwsMessageShape_andIsAudited() {
    String key = newKey();
    byte[] blob = encrypt(key, Map.of());
    fails(
        () -> store.decrypt(as(APP), Kms.DecryptRequest.of(blob, Map.of())),
        "AccessDeniedException");
    AuditSink.Record r = audit.last();
    assertThat(r.errorMessage())
        .isEqualTo(
            "User: arn:aws:sts::111122223333:assumed-role/App/keyvet-session is not authorized to"
                + " perform: kms:Decrypt on resource: "
                + key
                + " because no resource-based policy allows the kms:Decrypt action");
    assertThat(r.keyArn()).isEqualTo(key);
    assertThat(r.operation()).isEqualTo("Decrypt");
    assertThat(r.caller()).isEqualTo(APP);
  }

  @Test
  void explicitDeny_inAnIdentityPolicy_wins() {
    String key =
        store
            .createKey(as(ADMIN), Kms.CreateKeyRequest.defaults())
            .arn(); // default policy: delegation
    byte[] blob = encrypt(key, Map.of());
    fails(
        () -> store.decrypt(as(DENIED), Kms.DecryptRequest.of(blob, Map.of())),
        "AccessDeniedException");
    assertThat(audit.last().decision()).isEqualTo("EXPLICIT_DENY");
    assertThat(audit.last().errorMessage())
        .endsWith("with an explicit deny in an identity-based policy");
    assertThat(store.encrypt(as(DENIED), Kms.EncryptRequest.of(key, DATA, Map.of())).keyId())
        .isEqualTo(key);
  }

  @Test
  void grantCreatedAtRunTime_takesPartAtOnce_andRetiringRemovesIt() {
    String key = newKey();
    byte[] blob = encrypt(key, Map.of("order", "1"));
    fails(
        () -> store.decrypt(as(APP), Kms.DecryptRequest.of(blob, Map.of("order", "1"))),
        "AccessDeniedException");
    Kms.CreateGrantResponse g =
        store.createGrant(
            as(ADMIN),
            Kms.CreateGrantRequest.of(key, APP, "Decrypt", "RetireGrant")
                .withSubset(Map.of("order", "1")));
    assertThat(
            store.decrypt(as(APP), Kms.DecryptRequest.of(blob, Map.of("order", "1"))).plaintext())
        .isEqualTo(DATA);
    assertThat(audit.last().decidingStatements()).anyMatch(s -> s.contains(g.grantId()));
    byte[] other = encrypt(key, Map.of("order", "2"));
    fails(
        () -> store.decrypt(as(APP), Kms.DecryptRequest.of(other, Map.of("order", "2"))),
        "AccessDeniedException");
    assertThat(store.listGrants(as(ADMIN), key, null, null, null, null).items())
        .extracting(Kms.GrantListEntry::grantId)
        .containsExactly(g.grantId());
    store.retireGrant(as(APP), g.grantToken(), null, null);
    fails(
        () -> store.decrypt(as(APP), Kms.DecryptRequest.of(blob, Map.of("order", "1"))),
        "AccessDeniedException");
    assertThat(store.listGrants(as(ADMIN), key, null, null, null, null).items()).isEmpty();
  }

  @Test
  void grants_areValidated_andRevokedByPolicyPermission() {
    String key = newKey();
    fails(
        () -> store.createGrant(as(ADMIN), Kms.CreateGrantRequest.of(key, APP, "Sign")),
        "ValidationException");
    fails(
        () -> store.createGrant(as(ADMIN), Kms.CreateGrantRequest.of(key, APP)),
        "ValidationException");
    fails(
        () -> store.createGrant(as(APP), Kms.CreateGrantRequest.of(key, APP, "Decrypt")),
        "AccessDeniedException");
    Kms.CreateGrantResponse g =
        store.createGrant(
            as(ADMIN), Kms.CreateGrantRequest.of(key, APP, "Encrypt").withRetiringPrincipal(ADMIN));
    assertThat(store.listRetirableGrants(as(ADMIN), ADMIN, null, null).items())
        .extracting(Kms.GrantListEntry::grantId)
        .containsExactly(g.grantId());
    fails(() -> store.retireGrant(as(APP), null, key, g.grantId()), "AccessDeniedException");
    fails(() -> store.revokeGrant(as(APP), key, g.grantId()), "AccessDeniedException");
    store.revokeGrant(as(ADMIN), key, g.grantId());
    fails(() -> store.revokeGrant(as(ADMIN), key, g.grantId()), "NotFoundException");
  }

  @Test
  void grantWithCreateGrant_canOnlyCreateNarrowerGrants() {
    String key = newKey();
    store.createGrant(
        as(ADMIN),
        Kms.CreateGrantRequest.of(key, APP, "Decrypt", "CreateGrant").withSubset(Map.of("a", "1")));
    fails(
        () ->
            store.createGrant(
                as(APP),
                Kms.CreateGrantRequest.of(key, READER, "Encrypt").withSubset(Map.of("a", "1"))),
        "AccessDeniedException");
    fails(
        () -> store.createGrant(as(APP), Kms.CreateGrantRequest.of(key, READER, "Decrypt")),
        "AccessDeniedException");
    assertThat(
            store.createGrant(
                as(APP),
                Kms.CreateGrantRequest.of(key, READER, "Decrypt")
                    .withEquals(Map.of("a", "1", "b", "2"))))
        .isNotNull();
  }

  @Test
  void crossAccount_needsTheKeyArn_andBothSides() {
    String key = newKey();
    String keyId = key.substring(key.lastIndexOf('/') + 1);
    byte[] blob = encrypt(key, Map.of());
    assertThat(store.decrypt(as(READER), Kms.DecryptRequest.of(blob, Map.of())).plaintext())
        .isEqualTo(DATA);
    assertThat(store.describeKey(as(READER), key).arn()).isEqualTo(key);
    fails(() -> store.describeKey(as(READER), keyId), "NotFoundException");
    fails(
        () -> store.decrypt(as(PARTNER_NO_IAM), Kms.DecryptRequest.of(blob, Map.of())),
        "AccessDeniedException");
    fails(() -> store.scheduleKeyDeletion(as(READER), key, 7), "AccessDeniedException");
    assertThat(store.describeKey(as(ADMIN), key).keyState()).isEqualTo("Enabled");
  }

  @Test
  void dryRun_authorizesOnly() {
    String key = newKey();
    fails(
        () -> store.encrypt(as(ADMIN).asDryRun(), Kms.EncryptRequest.of(key, DATA, Map.of())),
        "DryRunOperationException");
    fails(
        () -> store.encrypt(as(APP).asDryRun(), Kms.EncryptRequest.of(key, DATA, Map.of())),
        "AccessDeniedException");
    fails(() -> store.describeKey(as(ADMIN).asDryRun(), key), "ValidationException");
  }

  @Test
  void conditionKeysComeFromTheRequest_withAwsDefaults() {
    String policy =
        """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/Admin"},
           "Action": "kms:*", "Resource": "*"},
          {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"},
           "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*",
           "Condition": {"StringEquals": {"kms:EncryptionContext:dept": "sales",
                                          "kms:EncryptionAlgorithm": "SYMMETRIC_DEFAULT",
                                          "kms:RequestAlias": "alias/sales"}}},
          {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"},
           "Action": "kms:ScheduleKeyDeletion", "Resource": "*",
           "Condition": {"NumericEquals": {"kms:ScheduleKeyDeletionPendingWindowInDays": "30"}}}
        ]}
        """;
    String key =
        store.createKey(as(ADMIN), Kms.CreateKeyRequest.defaults().withPolicy(policy)).arn();
    store.createAlias(as(ADMIN), "alias/sales", key);
    assertThat(
            store
                .encrypt(
                    as(APP), Kms.EncryptRequest.of("alias/sales", DATA, Map.of("dept", "sales")))
                .keyId())
        .isEqualTo(key);
    fails(
        () -> store.encrypt(as(APP), Kms.EncryptRequest.of(key, DATA, Map.of("dept", "sales"))),
        "AccessDeniedException");
    fails(
        () ->
            store.encrypt(
                as(APP), Kms.EncryptRequest.of("alias/sales", DATA, Map.of("dept", "hr"))),
        "AccessDeniedException");
    fails(() -> store.scheduleKeyDeletion(as(APP), key, 7), "AccessDeniedException");
    assertThat(store.scheduleKeyDeletion(as(APP), key, null).pendingWindowInDays()).isEqualTo(30);
  }

  // --- Aliases and tags ------------------------------------------------------------------------

  @Test
  void aliases_areUniquePerAccountAndRegion_reserved_andUsableAsKeyId() {
    String key = newKey();
    String other = newKey();
    store.createAlias(as(ADMIN), "alias/orders", key);
    fails(() -> store.createAlias(as(ADMIN), "alias/orders", other), "AlreadyExistsException");
    fails(
        () -> store.createAlias(as(ADMIN), "alias/aws/orders", other), "InvalidAliasNameException");
    fails(() -> store.createAlias(as(ADMIN), "orders", other), "InvalidAliasNameException");
    String euKey = store.createKey(Call.of(ADMIN, EU), Kms.CreateKeyRequest.defaults()).arn();
    store.createAlias(Call.of(ADMIN, EU), "alias/orders", euKey);
    assertThat(store.describeKey(as(ADMIN), "alias/orders").arn()).isEqualTo(key);
    assertThat(
            store.describeKey(as(ADMIN), "arn:aws:kms:us-east-1:111122223333:alias/orders").arn())
        .isEqualTo(key);
    assertThat(
            store.describeKey(as(READER), "arn:aws:kms:us-east-1:111122223333:alias/orders").arn())
        .isEqualTo(key);
    fails(() -> store.getKeyPolicy(as(ADMIN), "alias/orders", "default"), "NotFoundException");
    store.updateAlias(as(ADMIN), "alias/orders", other);
    assertThat(store.describeKey(as(ADMIN), "alias/orders").arn()).isEqualTo(other);
    assertThat(store.listAliases(as(ADMIN), null, null, null).items())
        .extracting(Kms.AliasListEntry::aliasArn)
        .containsExactly("arn:aws:kms:us-east-1:111122223333:alias/orders");
    store.deleteAlias(as(ADMIN), "alias/orders");
    fails(() -> store.describeKey(as(ADMIN), "alias/orders"), "NotFoundException");
    fails(() -> store.createAlias(as(APP), "alias/x", key), "AccessDeniedException");
  }

  @Test
  void tags_areAddedListedRemoved_andTheAwsPrefixIsReserved() {
    String key = newKey();
    store.tagResource(as(ADMIN), key, Map.of("team", "a", "env", "prod"));
    assertThat(store.listResourceTags(as(ADMIN), key, null, null).items())
        .containsExactly(new Kms.Tag("env", "prod"), new Kms.Tag("team", "a"));
    fails(() -> store.tagResource(as(ADMIN), key, Map.of("aws:team", "a")), "TagException");
    store.untagResource(as(ADMIN), key, List.of("env"));
    assertThat(store.listResourceTags(as(ADMIN), key, null, null).items())
        .containsExactly(new Kms.Tag("team", "a"));
  }

  // --- Rotation and deletion -------------------------------------------------------------------

  @Test
  void rotation_keepsEveryEarlierCiphertextDecryptable() {
    String key = newKey();
    byte[] before = encrypt(key, Map.of("v", "0"));
    store.enableKeyRotation(as(ADMIN), key, 90);
    assertThat(store.getKeyRotationStatus(as(ADMIN), key).rotationPeriodInDays()).isEqualTo(90);
    clock.advance(Duration.ofDays(91));
    byte[] afterAuto = encrypt(key, Map.of("v", "1"));
    store.rotateKeyOnDemand(as(ADMIN), key);
    byte[] afterManual = encrypt(key, Map.of("v", "2"));
    assertThat(store.listKeyRotations(as(ADMIN), key, null, null).items())
        .extracting(Kms.Rotation::rotationType)
        .containsExactly("AUTOMATIC", "ON_DEMAND");
    assertThat(
            store.decrypt(as(ADMIN), Kms.DecryptRequest.of(before, Map.of("v", "0"))).plaintext())
        .isEqualTo(DATA);
    assertThat(
            store
                .decrypt(as(ADMIN), Kms.DecryptRequest.of(afterAuto, Map.of("v", "1")))
                .plaintext())
        .isEqualTo(DATA);
    assertThat(
            store
                .decrypt(as(ADMIN), Kms.DecryptRequest.of(afterManual, Map.of("v", "2")))
                .plaintext())
        .isEqualTo(DATA);
    fails(() -> store.enableKeyRotation(as(ADMIN), key, 89), "ValidationException");
    fails(() -> store.enableKeyRotation(as(ADMIN), key, 2561), "ValidationException");
  }

  @Test
  void onDemandRotation_isLimited() {
    KeyStore small =
        KeyStore.builder().world(Fixtures.world()).clock(clock).maxOnDemandRotations(2).build();
    String key = small.createKey(as(ADMIN), Kms.CreateKeyRequest.defaults()).arn();
    small.rotateKeyOnDemand(as(ADMIN), key);
    small.rotateKeyOnDemand(as(ADMIN), key);
    fails(() -> small.rotateKeyOnDemand(as(ADMIN), key), "LimitExceededException");
  }

  @Test
  void deletion_happensWhenTheWindowHasPassed_andCancelReturnsToDisabled() {
    String key = newKey();
    store.createAlias(as(ADMIN), "alias/doomed", key);
    fails(() -> store.scheduleKeyDeletion(as(ADMIN), key, 6), "ValidationException");
    fails(() -> store.scheduleKeyDeletion(as(ADMIN), key, 31), "ValidationException");
    Kms.DeletionSchedule s = store.scheduleKeyDeletion(as(ADMIN), key, 7);
    assertThat(s.keyState()).isEqualTo("PendingDeletion");
    store.cancelKeyDeletion(as(ADMIN), key);
    assertThat(store.describeKey(as(ADMIN), key).keyState()).isEqualTo("Disabled");
    store.scheduleKeyDeletion(as(ADMIN), key, 7);
    clock.advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(store.describeKey(as(ADMIN), key).keyState()).isEqualTo("PendingDeletion");
    clock.advance(Duration.ofSeconds(1));
    fails(() -> store.describeKey(as(ADMIN), key), "NotFoundException");
    assertThat(store.listAliases(as(ADMIN), null, null, null).items()).isEmpty();
    assertThat(store.listKeys(as(ADMIN), null, null).items()).isEmpty();
  }

  // --- Regions and multi-Region keys -----------------------------------------------------------

  @Test
  void keys_areBoundToTheirRegion() {
    String key = newKey();
    byte[] blob = encrypt(key, Map.of());
    fails(() -> store.describeKey(Call.of(ADMIN, EU), key), "NotFoundException");
    fails(
        () -> store.decrypt(Call.of(ADMIN, EU), Kms.DecryptRequest.of(blob, Map.of())),
        "AccessDeniedException");
  }

  @Test
  void multiRegionKey_replicaDecryptsThePrimarysCiphertext_andPrimaryRegionMoves() {
    Kms.KeyMetadata primary =
        store.createKey(
            as(ADMIN), Kms.CreateKeyRequest.defaults().withPolicy(SHARED_POLICY).withMultiRegion());
    assertThat(primary.keyId()).startsWith("mrk-");
    byte[] blob = encrypt(primary.arn(), Map.of("x", "y"));
    Kms.KeyMetadata replica =
        store.replicateKey(as(ADMIN), Kms.ReplicateKeyRequest.of(primary.arn(), EU));
    assertThat(replica.arn())
        .isEqualTo("arn:aws:kms:eu-west-1:111122223333:key/" + primary.keyId());
    fails(
        () -> store.replicateKey(as(ADMIN), Kms.ReplicateKeyRequest.of(primary.arn(), EU)),
        "AlreadyExistsException");
    // The replica has its own (default) policy: the Admin role has kms:* in IAM, so delegation
    // allows it.
    assertThat(
            store
                .decrypt(Call.of(ADMIN, EU), Kms.DecryptRequest.of(blob, Map.of("x", "y")))
                .keyId())
        .isEqualTo(replica.arn());
    store.updatePrimaryRegion(as(ADMIN), primary.arn(), EU);
    assertThat(
            store
                .describeKey(Call.of(ADMIN, EU), replica.arn())
                .multiRegionConfiguration()
                .multiRegionKeyType())
        .isEqualTo("PRIMARY");
    fails(
        () -> store.replicateKey(as(ADMIN), Kms.ReplicateKeyRequest.of(newKey(), EU)),
        "UnsupportedOperationException");
  }

  // --- AWS managed keys ------------------------------------------------------------------------

  @Test
  void awsManagedKey_isUsableThroughItsServiceOnly_andOnlyAwsChangesIt() {
    Kms.KeyMetadata md = store.createAwsManagedKey(OWNER, US, "ebs");
    assertThat(md.keyManager()).isEqualTo("AWS");
    assertThat(store.getKeyRotationStatus(as(ADMIN), md.arn()).keyRotationEnabled()).isTrue();
    fails(
        () -> store.encrypt(as(ADMIN), Kms.EncryptRequest.of("alias/aws/ebs", DATA, Map.of())),
        "AccessDeniedException");
    assertThat(
            store
                .encrypt(as(APP).via("ebs"), Kms.EncryptRequest.of("alias/aws/ebs", DATA, Map.of()))
                .keyId())
        .isEqualTo(md.arn());
    fails(
        () -> store.encrypt(as(READER).via("ebs"), Kms.EncryptRequest.of(md.arn(), DATA, Map.of())),
        "AccessDeniedException");
    fails(() -> store.scheduleKeyDeletion(as(ADMIN), md.arn(), 7), "AccessDeniedException");
    fails(() -> store.disableKeyRotation(as(ADMIN), md.arn()), "AccessDeniedException");
    fails(() -> store.deleteAlias(as(ADMIN), "alias/aws/ebs"), "InvalidAliasNameException");
    assertThat(store.createAwsManagedKey(OWNER, US, "ebs").arn()).isEqualTo(md.arn());
    clock.advance(Duration.ofDays(366));
    byte[] blob =
        store
            .encrypt(as(APP).via("ebs"), Kms.EncryptRequest.of(md.arn(), DATA, Map.of()))
            .ciphertextBlob();
    assertThat(new StandardKeyCrypto().header(blob).materialVersion()).isEqualTo(1);
  }

  // --- Data keys, random, MAC ------------------------------------------------------------------

  @Test
  void dataKeys_decryptToTheirPlaintext() {
    String key = newKey();
    Kms.DataKey dk =
        store.generateDataKey(as(ADMIN), Kms.GenerateDataKeyRequest.aes256(key, Map.of("k", "v")));
    assertThat(dk.plaintext()).hasSize(32);
    assertThat(
            store
                .decrypt(as(ADMIN), Kms.DecryptRequest.of(dk.ciphertextBlob(), Map.of("k", "v")))
                .plaintext())
        .isEqualTo(dk.plaintext());
    Kms.DataKey without =
        store.generateDataKeyWithoutPlaintext(
            as(ADMIN), new Kms.GenerateDataKeyRequest(key, Map.of(), null, 64, List.of()));
    assertThat(without.plaintext()).isNull();
    assertThat(
            store
                .decrypt(as(ADMIN), Kms.DecryptRequest.of(without.ciphertextBlob(), Map.of()))
                .plaintext())
        .hasSize(64);
    fails(
        () ->
            store.generateDataKey(
                as(ADMIN), new Kms.GenerateDataKeyRequest(key, Map.of(), "AES_256", 32, List.of())),
        "ValidationException");
    assertThat(store.generateRandom(as(ADMIN), 16)).hasSize(16);
    fails(() -> store.generateRandom(as(ADMIN), 0), "ValidationException");
    fails(() -> store.generateRandom(as(APP), 16), "AccessDeniedException");
  }

  @Test
  void reEncrypt_needsBothHalves() {
    String a = newKey();
    String b = store.createKey(as(ADMIN), Kms.CreateKeyRequest.defaults()).arn();
    byte[] blob = encrypt(a, Map.of("s", "1"));
    Kms.ReEncryptResponse r =
        store.reEncrypt(
            as(ADMIN),
            new Kms.ReEncryptRequest(blob, null, Map.of("s", "1"), b, Map.of("d", "2"), List.of()));
    assertThat(r.sourceKeyId()).isEqualTo(a);
    assertThat(r.keyId()).isEqualTo(b);
    assertThat(
            store
                .decrypt(as(ADMIN), Kms.DecryptRequest.of(r.ciphertextBlob(), Map.of("d", "2")))
                .plaintext())
        .isEqualTo(DATA);
    // The partner may decrypt (ReEncryptFrom is not in the key policy though).
    fails(
        () ->
            store.reEncrypt(
                as(READER),
                new Kms.ReEncryptRequest(blob, null, Map.of("s", "1"), a, Map.of(), List.of())),
        "AccessDeniedException");
    assertThat(audit.last().errorMessage()).contains("kms:ReEncryptFrom");
  }

  @Test
  void hmacKeys_generateAndVerifyMacs() {
    String key =
        store
            .createKey(
                as(ADMIN),
                Kms.CreateKeyRequest.defaults().withSpec("HMAC_256", "GENERATE_VERIFY_MAC"))
            .arn();
    Kms.MacResponse mac = store.generateMac(as(ADMIN), key, DATA, "HMAC_SHA_256");
    assertThat(store.verifyMac(as(ADMIN), key, DATA, "HMAC_SHA_256", mac.mac())).isTrue();
    byte[] bad = mac.mac().clone();
    bad[0] ^= 1;
    fails(
        () -> store.verifyMac(as(ADMIN), key, DATA, "HMAC_SHA_256", bad), "KMSInvalidMacException");
    fails(
        () -> store.generateMac(as(ADMIN), key, DATA, "HMAC_SHA_512"), "InvalidKeyUsageException");
    fails(
        () -> store.encrypt(as(ADMIN), Kms.EncryptRequest.of(key, DATA, Map.of())),
        "InvalidKeyUsageException");
  }

  // --- Audit -----------------------------------------------------------------------------------

  @Test
  void audit_recordsEveryCall_withoutSecrets() {
    String key = newKey();
    byte[] blob = encrypt(key, Map.of("dept", "a"));
    AuditSink.Record r = audit.last();
    assertThat(r.operation()).isEqualTo("Encrypt");
    assertThat(r.decision()).isEqualTo("ALLOW");
    assertThat(r.decidingStatements()).anyMatch(s -> s.contains("Admins"));
    assertThat(r.requestParameters())
        .containsKey("encryptionContext")
        .doesNotContainKey("plaintext");
    assertThat(r.requestParameters().toString()).doesNotContain("secret data");
    store.decrypt(as(ADMIN), Kms.DecryptRequest.of(blob, Map.of("dept", "a")));
    assertThat(audit.last().responseElements().toString()).doesNotContain("secret data");
    assertThat(audit.records()).extracting(AuditSink.Record::requestId).doesNotHaveDuplicates();
  }

  @Test
  void aFailingAuditAppend_failsTheCall() {
    KeyStore broken =
        KeyStore.builder()
            .world(Fixtures.world())
            .audit(
                r -> {
                  throw new IllegalStateException("disk full");
                })
            .build();
    fails(
        () -> broken.createKey(as(ADMIN), Kms.CreateKeyRequest.defaults()), "KMSInternalException");
  }

  @Test
  void unknownCallers_andKeys_areRejected() {
    fails(() -> store.describeKey(as("not-an-arn"), "x"), "UnrecognizedClientException");
    fails(
        () -> store.describeKey(as(ADMIN), "1234abcd-12ab-34cd-56ef-1234567890ab"),
        "NotFoundException");
    fails(
        () -> store.describeKey(as(ADMIN), "arn:aws:kms:us-east-1:111122223333:key/nope"),
        "NotFoundException");
    fails(() -> store.describeKey(Call.of(ADMIN, "moon"), "x"), "ValidationException");
  }

  @Test
  void snapshot_holdsPlainRecords() {
    String key = newKey();
    store.createAlias(as(ADMIN), "alias/s", key);
    StoreState.Snapshot s = store.snapshot();
    assertThat(s.keys()).extracting(StoreState.Key::arn).containsExactly(key);
    assertThat(s.aliases()).extracting(StoreState.Alias::name).containsExactly("alias/s");
    assertThat(s.materials()).hasSize(1);
    assertThat(s.materials().get(0).versions()).hasSize(1);
  }
}
