package dev.keyvet.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.engine.scenario.World;
import dev.keyvet.runtime.InMemoryAudit;
import dev.keyvet.runtime.KeyStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * The cross-account seed scenario end to end over the wire: account A shares its snapshot key with
 * account B's backup role through EBS (kms:ViaService), B decrypts and re-encrypts under its own
 * key, and account C is refused even with kms:* in its own IAM policy.
 */
class SeedScenarioServerTest {
  private static final Path SCENARIO =
      Path.of(
          "..", "policies-examples", "src", "test", "kms", "cross-account-decrypt", "scenario.kvs");
  private static final String A_KEY_ARN =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String B_KEY_ARN =
      "arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321";
  private static final String B_ROLE = "arn:aws:sts::444455556666:assumed-role/BackupRole/backup";
  private static final String C_ROLE = "arn:aws:sts::777788889999:assumed-role/Auditor/audit";
  private static final Map<String, String> EC = Map.of("aws:ebs:id", "snap-0123");

  private static KeyStore store;
  private static KmsServer server;

  @BeforeAll
  static void start() throws Exception {
    World world = ServerFixtures.load(SCENARIO);
    store = KeyStore.builder().world(world).audit(new InMemoryAudit()).build();
    assertThat(Seeding.seedOnce(store, world)).isEqualTo(Seeding.Outcome.SEEDED);
    assertThat(Seeding.seedOnce(store, world)).isEqualTo(Seeding.Outcome.ALREADY_PRESENT);
    Credentials creds =
        Credentials.parse(
            "scenario",
            List.of(
                "AKIAACCOUNTA00000001 secret-a-0001 111122223333",
                "AKIABEBS000000000001 secret-b-ebs " + B_ROLE + " via=ec2",
                "AKIABDIRECT000000001 secret-b-direct " + B_ROLE,
                "AKIACEBS000000000001 secret-c-ebs " + C_ROLE + " via=ec2"));
    server = KmsServer.builder().store(store).credentials(creds).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  private static KmsClient as(String accessKey, String secret) {
    return ServerFixtures.client(server, accessKey, secret);
  }

  private static String code(Throwable t) {
    return ((KmsException) t).awsErrorDetails().errorCode();
  }

  @Test
  void accountB_decryptsThroughEbs_andReEncryptsUnderItsOwnKey_andAccountC_isDenied() {
    SdkBytes blob;
    try (KmsClient a = as("AKIAACCOUNTA00000001", "secret-a-0001")) {
      blob =
          a.encrypt(
                  r ->
                      r.keyId("alias/ebs-snapshots")
                          .plaintext(SdkBytes.fromUtf8String("snapshot data key"))
                          .encryptionContext(EC))
              .ciphertextBlob();
    }
    try (KmsClient bViaEbs = as("AKIABEBS000000000001", "secret-b-ebs")) {
      var d = bViaEbs.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(EC));
      assertThat(d.keyId()).isEqualTo(A_KEY_ARN);
      assertThat(d.plaintext().asUtf8String()).isEqualTo("snapshot data key");
      var re =
          bViaEbs.reEncrypt(
              r ->
                  r.ciphertextBlob(blob)
                      .sourceEncryptionContext(EC)
                      .destinationKeyId(B_KEY_ARN)
                      .destinationEncryptionContext(EC));
      assertThat(re.sourceKeyId()).isEqualTo(A_KEY_ARN);
      assertThat(re.keyId()).isEqualTo(B_KEY_ARN);
    }
    try (KmsClient bDirect = as("AKIABDIRECT000000001", "secret-b-direct")) {
      assertThatThrownBy(() -> bDirect.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(EC)))
          .satisfies(t -> assertThat(code(t)).isEqualTo("AccessDeniedException"));
    }
    try (KmsClient c = as("AKIACEBS000000000001", "secret-c-ebs")) {
      assertThatThrownBy(() -> c.decrypt(r -> r.ciphertextBlob(blob).encryptionContext(EC)))
          .satisfies(t -> assertThat(code(t)).isEqualTo("AccessDeniedException"));
    }
  }
}
