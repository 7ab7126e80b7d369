package dev.keyvet.runtime.server;

import static dev.keyvet.runtime.server.ServerFixtures.ADMIN_KEY;
import static dev.keyvet.runtime.server.ServerFixtures.APP;
import static dev.keyvet.runtime.server.ServerFixtures.DENIED_KEY;
import static dev.keyvet.runtime.server.ServerFixtures.READER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.runtime.InMemoryAudit;
import dev.keyvet.runtime.KeyStore;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.CreateGrantResponse;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.DryRunOperationException;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;
import software.amazon.awssdk.services.kms.model.GrantOperation;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KeyListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidSignatureException;
import software.amazon.awssdk.services.kms.model.ListKeysResponse;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.Tag;

/** The server driven through the real AWS SDK for Java v2 KMS client, with checked signatures. */
class KmsServerSdkTest {
  private static final Map<String, String> EC = Map.of("purpose", "test", "tenant", "t-1");

  private static KeyStore store;
  private static InMemoryAudit audit;
  private static KmsServer server;
  private static KmsClient admin;
  private static KmsClient denied;
  private static KmsClient reader;

  /** Lets the owner's admin role manage the key and the partner account use it. */
  static final String SHARED_POLICY =
      """
      {"Version": "2012-10-17", "Statement": [
        {"Sid": "Admins", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::111122223333:role/Admin"},
         "Action": "kms:*", "Resource": "*"},
        {"Sid": "Partner", "Effect": "Allow", "Principal": {"AWS": "444455556666"},
         "Action": ["kms:Decrypt", "kms:Encrypt", "kms:DescribeKey"], "Resource": "*"}
      ]}
      """;

  @BeforeAll
  static void start() throws Exception {
    audit = new InMemoryAudit();
    store = KeyStore.builder().world(ServerFixtures.world()).audit(audit).build();
    server = KmsServer.builder().store(store).credentials(ServerFixtures.credentials()).start();
    admin = ServerFixtures.client(server, ADMIN_KEY);
    denied = ServerFixtures.client(server, DENIED_KEY);
    reader = ServerFixtures.client(server, READER_KEY);
  }

  @AfterAll
  static void stop() {
    admin.close();
    denied.close();
    reader.close();
    server.close();
    store.close();
  }

  private static String newKey() {
    return admin.createKey(r -> r.description("test key")).keyMetadata().arn();
  }

  private static SdkBytes utf8(String s) {
    return SdkBytes.fromUtf8String(s);
  }

  private static String errorCode(KmsException e) {
    return e.awsErrorDetails().errorCode();
  }

  @Test
  void createKey_andDescribeKey_returnAwsShapedMetadata() {
    KeyMetadata md =
        admin
            .createKey(
                r ->
                    r.description("orders")
                        .tags(Tag.builder().tagKey("team").tagValue("a").build()))
            .keyMetadata();
    assertThat(md.arn()).startsWith("arn:aws:kms:us-east-1:111122223333:key/");
    assertThat(md.awsAccountId()).isEqualTo("111122223333");
    assertThat(md.keyState()).isEqualTo(KeyState.ENABLED);
    assertThat(md.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
    assertThat(md.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
    assertThat(md.encryptionAlgorithms())
        .containsExactly(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
    assertThat(md.creationDate()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    assertThat(md.description()).isEqualTo("orders");

    KeyMetadata described = admin.describeKey(r -> r.keyId(md.keyId())).keyMetadata();
    assertThat(described.arn()).isEqualTo(md.arn());
    assertThat(described.creationDate()).isEqualTo(md.creationDate());
    assertThat(admin.listResourceTags(r -> r.keyId(md.keyId())).tags())
        .extracting(Tag::tagKey, Tag::tagValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "a"));
  }

  @Test
  void listKeys_paginatesWithMarkerAndTruncated() {
    for (int i = 0; i < 3; i++) {
      newKey();
    }
    Set<String> seen = new HashSet<>();
    String marker = null;
    int pages = 0;
    do {
      String m = marker;
      ListKeysResponse page = admin.listKeys(r -> r.limit(2).marker(m));
      assertThat(page.keys()).hasSizeLessThanOrEqualTo(2);
      for (KeyListEntry k : page.keys()) {
        assertThat(seen.add(k.keyArn())).as("each key once").isTrue();
      }
      assertThat(page.truncated()).isEqualTo(page.nextMarker() != null);
      marker = page.nextMarker();
      pages++;
    } while (marker != null);
    assertThat(seen.size()).isGreaterThanOrEqualTo(3);
    assertThat(pages).isGreaterThanOrEqualTo(2);
    // The paginator the SDK generates follows the same markers.
    List<String> all = new ArrayList<>();
    admin.listKeysPaginator(r -> r.limit(1)).keys().forEach(k -> all.add(k.keyArn()));
    assertThat(all).containsExactlyInAnyOrderElementsOf(seen);
  }

  @Test
  void encryptDecrypt_withEncryptionContext_roundTrips_andAWrongContextFails() {
    String key = newKey();
    SdkBytes blob =
        admin
            .encrypt(r -> r.keyId(key).plaintext(utf8("hello kms")).encryptionContext(EC))
            .ciphertextBlob();
    DecryptResponse d = admin.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(EC));
    assertThat(d.plaintext().asUtf8String()).isEqualTo("hello kms");
    assertThat(d.keyId()).isEqualTo(key);
    assertThat(d.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);

    assertThatThrownBy(
            () ->
                admin.decrypt(
                    r -> r.ciphertextBlob(blob).encryptionContext(Map.of("purpose", "other"))))
        .isInstanceOf(InvalidCiphertextException.class);
    byte[] tampered = blob.asByteArray();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(
            () ->
                admin.decrypt(
                    r -> r.ciphertextBlob(SdkBytes.fromByteArray(tampered)).encryptionContext(EC)))
        .isInstanceOf(InvalidCiphertextException.class);
  }

  @Test
  void generateDataKey_givesAKeyThatDecryptsFromItsCiphertext_andWithoutPlaintextOmitsIt() {
    String key = newKey();
    GenerateDataKeyResponse dk =
        admin.generateDataKey(r -> r.keyId(key).keySpec(DataKeySpec.AES_256).encryptionContext(EC));
    assertThat(dk.plaintext().asByteArray()).hasSize(32);
    assertThat(dk.keyId()).isEqualTo(key);
    assertThat(
            admin
                .decrypt(r -> r.ciphertextBlob(dk.ciphertextBlob()).encryptionContext(EC))
                .plaintext()
                .asByteArray())
        .isEqualTo(dk.plaintext().asByteArray());

    var without = admin.generateDataKeyWithoutPlaintext(r -> r.keyId(key).numberOfBytes(16));
    assertThat(
            admin
                .decrypt(r -> r.ciphertextBlob(without.ciphertextBlob()))
                .plaintext()
                .asByteArray())
        .hasSize(16);
    assertThat(admin.generateRandom(r -> r.numberOfBytes(24)).plaintext().asByteArray())
        .hasSize(24);
  }

  @Test
  void reEncrypt_movesCiphertextToAnotherKey() {
    String from = newKey();
    String to = newKey();
    SdkBytes blob =
        admin
            .encrypt(r -> r.keyId(from).plaintext(utf8("move me")).encryptionContext(EC))
            .ciphertextBlob();
    var re =
        admin.reEncrypt(
            r ->
                r.ciphertextBlob(blob)
                    .sourceEncryptionContext(EC)
                    .destinationKeyId(to)
                    .destinationEncryptionContext(Map.of("stage", "2")));
    assertThat(re.sourceKeyId()).isEqualTo(from);
    assertThat(re.keyId()).isEqualTo(to);
    DecryptResponse d =
        admin.decrypt(
            r -> r.ciphertextBlob(re.ciphertextBlob()).encryptionContext(Map.of("stage", "2")));
    assertThat(d.keyId()).isEqualTo(to);
    assertThat(d.plaintext().asUtf8String()).isEqualTo("move me");
  }

  @Test
  void aliases_nameKeysForCryptoAndDescribe_andList() {
    String key = newKey();
    admin.createAlias(r -> r.aliasName("alias/orders-sdk").targetKeyId(key));
    assertThat(admin.describeKey(r -> r.keyId("alias/orders-sdk")).keyMetadata().arn())
        .isEqualTo(key);
    SdkBytes blob =
        admin.encrypt(r -> r.keyId("alias/orders-sdk").plaintext(utf8("x"))).ciphertextBlob();
    assertThat(admin.decrypt(r -> r.ciphertextBlob(blob)).keyId()).isEqualTo(key);
    List<AliasListEntry> aliases = admin.listAliases(r -> r.keyId(key)).aliases();
    assertThat(aliases).extracting(AliasListEntry::aliasName).containsExactly("alias/orders-sdk");
    assertThat(aliases.get(0).aliasArn())
        .isEqualTo("arn:aws:kms:us-east-1:111122223333:alias/orders-sdk");
    String other = newKey();
    admin.updateAlias(r -> r.aliasName("alias/orders-sdk").targetKeyId(other));
    assertThat(admin.describeKey(r -> r.keyId("alias/orders-sdk")).keyMetadata().arn())
        .isEqualTo(other);
    admin.deleteAlias(r -> r.aliasName("alias/orders-sdk"));
    assertThatThrownBy(() -> admin.describeKey(r -> r.keyId("alias/orders-sdk")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void grants_letTheGranteeUseTheKey_untilRevoked() {
    String key = admin.createKey(r -> r.policy(SHARED_POLICY)).keyMetadata().arn();
    CreateGrantResponse g =
        admin.createGrant(
            r ->
                r.keyId(key)
                    .granteePrincipal("arn:aws:iam::111122223333:role/Denied")
                    .operations(GrantOperation.ENCRYPT)
                    .name("denied-may-encrypt"));
    assertThat(g.grantId()).isNotBlank();
    assertThat(g.grantToken()).isNotBlank();
    assertThat(admin.listGrants(r -> r.keyId(key)).grants())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.grantId()).isEqualTo(g.grantId());
              assertThat(e.operations()).containsExactly(GrantOperation.ENCRYPT);
              assertThat(e.name()).isEqualTo("denied-may-encrypt");
            });
    // The key policy names only Admin and the partner: the grant is what lets Denied encrypt.
    denied.encrypt(r -> r.keyId(key).plaintext(utf8("via grant")));
    admin.revokeGrant(r -> r.keyId(key).grantId(g.grantId()));
    assertThatThrownBy(() -> denied.encrypt(r -> r.keyId(key).plaintext(utf8("x"))))
        .isInstanceOfSatisfying(
            KmsException.class, e -> assertThat(errorCode(e)).isEqualTo("AccessDeniedException"));
  }

  @Test
  void keyPolicy_getAndPut_andThePolicyDecides() {
    String key = newKey();
    assertThat(admin.getKeyPolicy(r -> r.keyId(key)).policy())
        .contains("arn:aws:iam::111122223333:root");
    admin.putKeyPolicy(r -> r.keyId(key).policy(SHARED_POLICY));
    assertThat(admin.getKeyPolicy(r -> r.keyId(key).policyName("default")).policy())
        .contains("444455556666");
    assertThat(admin.listKeyPolicies(r -> r.keyId(key)).policyNames()).containsExactly("default");
    // The partner account's role may now encrypt across accounts.
    SdkBytes blob = reader.encrypt(r -> r.keyId(key).plaintext(utf8("p"))).ciphertextBlob();
    assertThat(reader.decrypt(r -> r.ciphertextBlob(blob)).plaintext().asUtf8String())
        .isEqualTo("p");
  }

  @Test
  void accessDenied_whenTheKeyPolicyGivesTheCallerNothing() {
    String key = admin.createKey(r -> r.policy(SHARED_POLICY)).keyMetadata().arn();
    // Denied's IAM policy allows kms:*, but the key policy does not delegate to IAM.
    assertThatThrownBy(() -> denied.encrypt(r -> r.keyId(key).plaintext(utf8("x"))))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> {
              assertThat(errorCode(e)).isEqualTo("AccessDeniedException");
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage())
                  .contains("is not authorized to perform: kms:Encrypt")
                  .contains("no resource-based policy allows");
              assertThat(e.requestId()).isNotBlank();
            });
    // The refusal is audited like any call.
    assertThat(audit.records())
        .anySatisfy(
            r -> {
              assertThat(r.operation()).isEqualTo("Encrypt");
              assertThat(r.errorCode()).isEqualTo("AccessDeniedException");
            });
  }

  @Test
  void anExplicitDenyInIdentityPolicy_refusesDecrypt() {
    String key = newKey();
    SdkBytes blob = denied.encrypt(r -> r.keyId(key).plaintext(utf8("x"))).ciphertextBlob();
    assertThatThrownBy(() -> denied.decrypt(r -> r.ciphertextBlob(blob)))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> assertThat(e.awsErrorDetails().errorMessage()).contains("explicit deny"));
  }

  @Test
  void keyStateErrors_andNotFound() {
    String key = newKey();
    admin.disableKey(r -> r.keyId(key));
    assertThat(admin.describeKey(r -> r.keyId(key)).keyMetadata().keyState())
        .isEqualTo(KeyState.DISABLED);
    assertThatThrownBy(() -> admin.encrypt(r -> r.keyId(key).plaintext(utf8("x"))))
        .isInstanceOf(DisabledException.class);
    admin.enableKey(r -> r.keyId(key));
    admin.encrypt(r -> r.keyId(key).plaintext(utf8("x")));

    var s = admin.scheduleKeyDeletion(r -> r.keyId(key).pendingWindowInDays(7));
    assertThat(s.keyState()).isEqualTo(KeyState.PENDING_DELETION);
    assertThat(s.pendingWindowInDays()).isEqualTo(7);
    assertThat(s.deletionDate()).isAfter(Instant.now().plusSeconds(6 * 86400));
    assertThatThrownBy(() -> admin.encrypt(r -> r.keyId(key).plaintext(utf8("x"))))
        .isInstanceOf(software.amazon.awssdk.services.kms.model.KmsInvalidStateException.class);
    assertThat(admin.cancelKeyDeletion(r -> r.keyId(key)).keyId()).isEqualTo(key);

    assertThatThrownBy(
            () -> admin.describeKey(r -> r.keyId("1234abcd-12ab-34cd-56ef-1234567890ab")))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () -> admin.decrypt(r -> r.ciphertextBlob(SdkBytes.fromUtf8String("not a ciphertext"))))
        .isInstanceOf(InvalidCiphertextException.class);
  }

  @Test
  void validationErrors_areWordedAsAws() {
    assertThatThrownBy(() -> admin.encrypt(r -> r.keyId("").plaintext(utf8("x"))))
        .isInstanceOfSatisfying(
            KmsException.class,
            e -> {
              assertThat(errorCode(e)).isEqualTo("ValidationException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "1 validation error detected: Value '' at 'keyId' failed to satisfy"
                          + " constraint: Member must have length greater than or equal to 1");
            });
    assertThatThrownBy(() -> admin.generateRandom(r -> r.numberOfBytes(5000)))
        .isInstanceOfSatisfying(
            KmsException.class,
            e ->
                assertThat(e.awsErrorDetails().errorMessage())
                    .contains("Value '5000' at 'numberOfBytes'")
                    .contains("Member must have value less than or equal to 1024"));
    assertThatThrownBy(() -> admin.listKeys(r -> r.limit(0)))
        .isInstanceOfSatisfying(
            KmsException.class, e -> assertThat(errorCode(e)).isEqualTo("ValidationException"));
  }

  @Test
  void dryRun_answersDryRunOperationException_withoutDoingIt() {
    String key = newKey();
    assertThatThrownBy(() -> admin.encrypt(r -> r.keyId(key).plaintext(utf8("x")).dryRun(true)))
        .isInstanceOf(DryRunOperationException.class);
    assertThatThrownBy(
            () ->
                admin.createGrant(
                    r ->
                        r.keyId(key)
                            .granteePrincipal(APP)
                            .operations(GrantOperation.DECRYPT)
                            .dryRun(true)))
        .isInstanceOf(DryRunOperationException.class);
    assertThat(admin.listGrants(r -> r.keyId(key)).grants()).isEmpty();
  }

  @Test
  void signAndVerify_withAnEccKey_andThePublicKeyVerifiesOutsideKms() throws Exception {
    String key =
        admin
            .createKey(r -> r.keySpec(KeySpec.ECC_NIST_P256).keyUsage(KeyUsageType.SIGN_VERIFY))
            .keyMetadata()
            .arn();
    byte[] message = "signed message".getBytes(StandardCharsets.UTF_8);
    var signed =
        admin.sign(
            r ->
                r.keyId(key)
                    .message(SdkBytes.fromByteArray(message))
                    .messageType(MessageType.RAW)
                    .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
    assertThat(signed.keyId()).isEqualTo(key);
    var verified =
        admin.verify(
            r ->
                r.keyId(key)
                    .message(SdkBytes.fromByteArray(message))
                    .signature(signed.signature())
                    .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
    assertThat(verified.signatureValid()).isTrue();

    var pub = admin.getPublicKey(r -> r.keyId(key));
    assertThat(pub.keySpec()).isEqualTo(KeySpec.ECC_NIST_P256);
    assertThat(pub.signingAlgorithms()).containsExactly(SigningAlgorithmSpec.ECDSA_SHA_256);
    Signature jdk = Signature.getInstance("SHA256withECDSA");
    jdk.initVerify(
        KeyFactory.getInstance("EC")
            .generatePublic(new X509EncodedKeySpec(pub.publicKey().asByteArray())));
    jdk.update(message);
    assertThat(jdk.verify(signed.signature().asByteArray())).isTrue();

    assertThatThrownBy(
            () ->
                admin.verify(
                    r ->
                        r.keyId(key)
                            .message(utf8("another message"))
                            .signature(signed.signature())
                            .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256)))
        .isInstanceOf(KmsInvalidSignatureException.class);
  }

  @Test
  void hmac_generateAndVerify() {
    String key =
        admin
            .createKey(r -> r.keySpec(KeySpec.HMAC_256).keyUsage(KeyUsageType.GENERATE_VERIFY_MAC))
            .keyMetadata()
            .arn();
    var mac =
        admin.generateMac(
            r -> r.keyId(key).message(utf8("m")).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256));
    assertThat(mac.mac().asByteArray()).hasSize(32);
    assertThat(
            admin
                .verifyMac(
                    r ->
                        r.keyId(key)
                            .message(utf8("m"))
                            .mac(mac.mac())
                            .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256))
                .macValid())
        .isTrue();
  }

  @Test
  void rotation_andDataKeyPairs() {
    String key = newKey();
    admin.enableKeyRotation(r -> r.keyId(key).rotationPeriodInDays(180));
    var status = admin.getKeyRotationStatus(r -> r.keyId(key));
    assertThat(status.keyRotationEnabled()).isTrue();
    assertThat(status.rotationPeriodInDays()).isEqualTo(180);
    assertThat(status.nextRotationDate()).isAfter(Instant.now().plusSeconds(179 * 86400));
    admin.rotateKeyOnDemand(r -> r.keyId(key));
    assertThat(admin.listKeyRotations(r -> r.keyId(key)).rotations()).hasSize(1);

    var pair = admin.generateDataKeyPair(r -> r.keyId(key).keyPairSpec("ECC_NIST_P256"));
    assertThat(pair.publicKey().asByteArray()).isNotEmpty();
    assertThat(
            admin
                .decrypt(r -> r.ciphertextBlob(pair.privateKeyCiphertextBlob()))
                .plaintext()
                .asByteArray())
        .isEqualTo(pair.privateKeyPlaintext().asByteArray());
  }

  @Test
  void tags_description_retiring_andRotationOff_overTheWire() {
    String key = newKey();
    admin.tagResource(
        r -> r.keyId(key).tags(Tag.builder().tagKey("team").tagValue("payments").build()));
    assertThat(admin.listResourceTags(r -> r.keyId(key)).tags())
        .extracting(Tag::tagKey, Tag::tagValue)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("team", "payments"));
    admin.untagResource(r -> r.keyId(key).tagKeys("team"));
    assertThat(admin.listResourceTags(r -> r.keyId(key)).tags()).isEmpty();
    assertThatThrownBy(
            () ->
                admin.tagResource(
                    r -> r.keyId(key).tags(Tag.builder().tagKey("aws:x").tagValue("v").build())))
        .isInstanceOf(KmsException.class);

    admin.updateKeyDescription(r -> r.keyId(key).description("orders at rest"));
    assertThat(admin.describeKey(r -> r.keyId(key)).keyMetadata().description())
        .isEqualTo("orders at rest");

    admin.enableKeyRotation(r -> r.keyId(key));
    admin.disableKeyRotation(r -> r.keyId(key));
    assertThat(admin.getKeyRotationStatus(r -> r.keyId(key)).keyRotationEnabled()).isFalse();

    CreateGrantResponse g =
        admin.createGrant(
            r ->
                r.keyId(key)
                    .granteePrincipal("arn:aws:iam::111122223333:role/Denied")
                    .retiringPrincipal("arn:aws:iam::111122223333:role/Admin")
                    .operations(GrantOperation.ENCRYPT));
    assertThat(
            admin
                .listRetirableGrants(
                    r -> r.retiringPrincipal("arn:aws:iam::111122223333:role/Admin"))
                .grants())
        .extracting(e -> e.grantId())
        .contains(g.grantId());
    admin.retireGrant(r -> r.keyId(key).grantId(g.grantId()));
    assertThat(admin.listGrants(r -> r.keyId(key)).grants()).isEmpty();
  }

  @Test
  void multiRegionKeys_replicateAndTheReplicaDecryptsThePrimarysCiphertext() {
    String key = admin.createKey(r -> r.multiRegion(true)).keyMetadata().keyId();
    assertThat(key).startsWith("mrk-");
    SdkBytes blob = admin.encrypt(r -> r.keyId(key).plaintext(utf8("everywhere"))).ciphertextBlob();
    var replica =
        admin.replicateKey(r -> r.keyId(key).replicaRegion("eu-west-1")).replicaKeyMetadata();
    assertThat(replica.arn()).startsWith("arn:aws:kms:eu-west-1:111122223333:key/mrk-");
    try (KmsClient eu =
        ServerFixtures.client(
            server,
            ADMIN_KEY,
            ServerFixtures.secret(ADMIN_KEY),
            software.amazon.awssdk.regions.Region.EU_WEST_1)) {
      assertThat(eu.decrypt(r -> r.ciphertextBlob(blob).keyId(key)).plaintext().asUtf8String())
          .isEqualTo("everywhere");
    }
    assertThatThrownBy(() -> admin.replicateKey(r -> r.keyId(newKey()).replicaRegion("eu-west-1")))
        .isInstanceOf(KmsException.class);
  }

  @Test
  void wrongSecret_isInvalidSignature_andUnknownAccessKey_isUnrecognizedClient() {
    try (KmsClient wrong = ServerFixtures.client(server, ADMIN_KEY, "not-the-secret")) {
      assertThatThrownBy(() -> wrong.listKeys())
          .isInstanceOfSatisfying(
              KmsException.class,
              e -> assertThat(errorCode(e)).isEqualTo("InvalidSignatureException"));
    }
    try (KmsClient unknown = ServerFixtures.client(server, "AKIANOBODY0000000001", "whatever")) {
      assertThatThrownBy(() -> unknown.listKeys())
          .isInstanceOfSatisfying(
              KmsException.class,
              e -> assertThat(errorCode(e)).isEqualTo("UnrecognizedClientException"));
    }
  }

  @Test
  void theRegionComesFromTheCredentialScope() {
    try (KmsClient eu =
        ServerFixtures.client(
            server,
            ADMIN_KEY,
            ServerFixtures.secret(ADMIN_KEY),
            software.amazon.awssdk.regions.Region.EU_WEST_1)) {
      String arn = eu.createKey(r -> r.description("eu")).keyMetadata().arn();
      assertThat(arn).startsWith("arn:aws:kms:eu-west-1:");
      assertThatThrownBy(() -> admin.describeKey(r -> r.keyId(arn)))
          .isInstanceOf(NotFoundException.class);
    }
  }
}
