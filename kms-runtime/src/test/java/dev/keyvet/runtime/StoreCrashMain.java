package dev.keyvet.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * The process {@link StoreCrashTest} kills: creates keys and encrypts under them until it is
 * killed, printing {@code ACK <key ARN> <ciphertext base64> <plaintext>} after each acknowledged
 * encryption.
 */
public final class StoreCrashMain {
  private StoreCrashMain() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path keyFile = Path.of(args[1]);
    KeyStore store =
        KeyStore.builder()
            .world(Fixtures.world())
            .dataDirectory(data)
            .rootKeyFile(keyFile)
            .snapshotEvery(7)
            .build();
    System.out.println("READY");
    System.out.flush();
    for (int i = 0; ; i++) {
      String key =
          store
              .createKey(
                  Fixtures.as(Fixtures.ADMIN),
                  Kms.CreateKeyRequest.defaults().withPolicy(KeyStoreTest.SHARED_POLICY))
              .arn();
      if (i % 3 == 0) {
        store.rotateKeyOnDemand(Fixtures.as(Fixtures.ADMIN), key);
      }
      for (int j = 0; j < 2; j++) {
        String plaintext = "secret-" + i + "-" + j;
        byte[] blob =
            store
                .encrypt(
                    Fixtures.as(Fixtures.ADMIN),
                    Kms.EncryptRequest.of(
                        key, plaintext.getBytes(StandardCharsets.UTF_8), Map.of("n", "" + i)))
                .ciphertextBlob();
        System.out.println(
            "ACK " + key + " " + Base64.getEncoder().encodeToString(blob) + " " + plaintext);
        System.out.flush();
      }
    }
  }
}
