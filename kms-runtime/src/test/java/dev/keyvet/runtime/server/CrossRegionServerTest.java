package dev.keyvet.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.engine.scenario.World;
import dev.keyvet.runtime.InMemoryAudit;
import dev.keyvet.runtime.KeyStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * The cross-Region copy example over the wire: a ciphertext of the us-east-1 key cannot be
 * decrypted in eu-west-1; the copy role decrypts it in us-east-1 and encrypts the copy under the
 * eu-west-1 key there; the multi-Region key's replica decrypts the primary's ciphertext directly.
 */
class CrossRegionServerTest {
  private static final Path SCENARIO =
      Path.of("..", "policies-examples", "src", "test", "kms", "cross-region", "scenario.kvs");
  private static final String COPIER = "arn:aws:sts::111122223333:assumed-role/BackupCopier/copy";
  private static final String USE1 =
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String MRK = "mrk-1234abcd12ab34cd56ef1234567890ab";

  private static KeyStore store;
  private static KmsServer server;

  @BeforeAll
  static void start() throws Exception {
    World world = ServerFixtures.load(SCENARIO);
    store = KeyStore.builder().world(world).audit(new InMemoryAudit()).build();
    assertThat(Seeding.seedOnce(store, world)).isEqualTo(Seeding.Outcome.SEEDED);
    Credentials creds =
        Credentials.parse(
            "scenario",
            List.of(
                "AKIAROOTA00000000001 secret-root 111122223333",
                "AKIACOPIER0000000001 secret-copier " + COPIER));
    server = KmsServer.builder().store(store).credentials(creds).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    store.close();
  }

  private static KmsClient client(String accessKey, String secret, Region region) {
    return ServerFixtures.client(server, accessKey, secret, region);
  }

  @Test
  void aCopyIsReEncryptedUnderTheDestinationKey_andAReplicaDecryptsDirectly() {
    SdkBytes blob;
    SdkBytes mrkBlob;
    try (KmsClient root = client("AKIAROOTA00000000001", "secret-root", Region.US_EAST_1)) {
      blob =
          root.encrypt(r -> r.keyId(USE1).plaintext(SdkBytes.fromUtf8String("backup key")))
              .ciphertextBlob();
      mrkBlob =
          root.encrypt(r -> r.keyId(MRK).plaintext(SdkBytes.fromUtf8String("global backup")))
              .ciphertextBlob();
    }
    try (KmsClient east = client("AKIACOPIER0000000001", "secret-copier", Region.US_EAST_1);
        KmsClient west = client("AKIACOPIER0000000001", "secret-copier", Region.EU_WEST_1)) {
      // The us-east-1 key's ciphertext means nothing in eu-west-1.
      assertThatThrownBy(() -> west.decrypt(r -> r.ciphertextBlob(blob)))
          .isInstanceOf(KmsException.class);
      // The copy: decrypt in the source Region, encrypt under the destination Region's key.
      SdkBytes plain = east.decrypt(r -> r.ciphertextBlob(blob)).plaintext();
      SdkBytes copy = west.encrypt(r -> r.keyId("alias/backups").plaintext(plain)).ciphertextBlob();
      assertThat(west.describeKey(r -> r.keyId("alias/backups")).keyMetadata().arn())
          .startsWith("arn:aws:kms:eu-west-1:");
      // The copier's key policy in eu-west-1 lets it write copies, not read them.
      assertThatThrownBy(() -> west.decrypt(r -> r.ciphertextBlob(copy)))
          .isInstanceOfSatisfying(
              KmsException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
      // The multi-Region alternative: the replica decrypts the primary's ciphertext in eu-west-1.
      assertThat(west.decrypt(r -> r.ciphertextBlob(mrkBlob)).plaintext().asUtf8String())
          .isEqualTo("global backup");
    }
  }
}
