package dev.keyvet.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sealing key material at rest under a passphrase or a key file. */
class SealerTest {
  private static final Sealer.Argon2Parameters CHEAP = new Sealer.Argon2Parameters(1024, 1, 1);
  private static final SecureRandom RANDOM = TestKeys.random(3);
  private static final byte[] AD = "key/1234#0".getBytes(StandardCharsets.UTF_8);
  private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

  @Test
  void passphrase_sealAndReopen_everyKeySpec() {
    Sealer sealer = Sealer.createWithPassphrase(PASSPHRASE, CHEAP, RANDOM);
    byte[] descriptor = sealer.descriptor();
    Sealer reopened = Sealer.openWithPassphrase(PASSPHRASE.clone(), descriptor, RANDOM);
    for (KeySpec spec : KeySpec.values()) {
      KeyMaterial m = TestKeys.key(spec);
      byte[] sealed = sealer.sealKeyMaterial(m, AD);
      KeyMaterial back = reopened.unsealKeyMaterial(sealed, AD);
      assertThat(back.spec()).isEqualTo(spec);
      assertThat(back.secretBytes()).isEqualTo(m.secretBytes());
      assertThat(indexOf(sealed, m.secretBytes())).isNegative();
    }
  }

  @Test
  void wrongPassphrase_failsAtOnceWithoutTheSecret() {
    Sealer sealer = Sealer.createWithPassphrase(PASSPHRASE, CHEAP, RANDOM);
    assertThatThrownBy(
            () ->
                Sealer.openWithPassphrase(
                    "correct horse battery stapler".toCharArray(), sealer.descriptor(), RANDOM))
        .isInstanceOf(SealerException.class)
        .hasMessageContaining("wrong passphrase")
        .hasMessageNotContaining("horse");
  }

  @Test
  void descriptor_holdsDocumentedParametersAndSalt_andDetectsDamage() {
    Sealer sealer = Sealer.createWithPassphrase(PASSPHRASE, CHEAP, RANDOM);
    byte[] d = sealer.descriptor();
    assertThat(new String(d, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("kvrk");
    assertThat(d[4]).isEqualTo((byte) 1);
    assertThat(d[5]).isEqualTo((byte) 1);
    assertThat(d).hasSize(4 + 1 + 1 + 12 + 1 + 16 + 32);
    assertThat(Sealer.Argon2Parameters.DEFAULT).isEqualTo(new Sealer.Argon2Parameters(65536, 3, 4));

    byte[] otherSalt = d.clone();
    otherSalt[20] ^= 1;
    assertThatThrownBy(() -> Sealer.openWithPassphrase(PASSPHRASE, otherSalt, RANDOM))
        .isInstanceOf(SealerException.class)
        .hasMessageContaining("wrong passphrase");
    byte[] badMagic = d.clone();
    badMagic[0] = 'x';
    assertThatThrownBy(() -> Sealer.openWithPassphrase(PASSPHRASE, badMagic, RANDOM))
        .isInstanceOf(SealerException.class)
        .hasMessageContaining("damaged");
    assertThatThrownBy(() -> Sealer.openWithPassphrase(PASSPHRASE, Arrays.copyOf(d, 20), RANDOM))
        .isInstanceOf(SealerException.class);
    assertThatThrownBy(() -> Sealer.openWithKey(new byte[32], d, RANDOM))
        .isInstanceOf(SealerException.class)
        .hasMessageContaining("passphrase, not a key file");
  }

  @Test
  void everyTamperingAndTruncation_andOtherRecord_fail() {
    Sealer sealer = Sealer.createWithPassphrase(PASSPHRASE, CHEAP, RANDOM);
    byte[] sealed = sealer.sealKeyMaterial(TestKeys.key(KeySpec.HMAC_256), AD);
    for (int i = 0; i < sealed.length; i++) {
      byte[] t = sealed.clone();
      t[i] ^= 0x10;
      assertThatThrownBy(() -> sealer.unsealKeyMaterial(t, AD)).isInstanceOf(SealerException.class);
    }
    for (int n = 0; n < sealed.length; n++) {
      byte[] t = Arrays.copyOf(sealed, n);
      assertThatThrownBy(() -> sealer.unsealKeyMaterial(t, AD)).isInstanceOf(SealerException.class);
    }
    assertThatThrownBy(
            () -> sealer.unsealKeyMaterial(sealed, "key/1234#1".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SealerException.class)
        .hasMessageContaining("another record");
    Sealer other = Sealer.createWithPassphrase(PASSPHRASE, CHEAP, RANDOM);
    assertThatThrownBy(() -> other.unsealKeyMaterial(sealed, AD))
        .isInstanceOf(SealerException.class)
        .hasMessageContaining("another root key");
  }

  @Test
  void keyFile_createsOwnerOnlyFile_andOpensTheStore(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("root.key");
    Sealer.writeKeyFile(file, RANDOM);
    assertThat(Files.size(file)).isEqualTo(32);
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    assertThatThrownBy(() -> Sealer.writeKeyFile(file, RANDOM))
        .isInstanceOf(FileAlreadyExistsException.class);

    byte[] key = Sealer.readKeyFile(file);
    Sealer sealer = Sealer.createWithKey(key, RANDOM);
    byte[] sealed = sealer.seal("secret".getBytes(StandardCharsets.UTF_8), AD);
    Sealer reopened = Sealer.openWithKey(Sealer.readKeyFile(file), sealer.descriptor(), RANDOM);
    assertThat(reopened.unseal(sealed, AD)).asString(StandardCharsets.UTF_8).isEqualTo("secret");

    byte[] wrong = key.clone();
    wrong[0] ^= 1;
    assertThatThrownBy(() -> Sealer.openWithKey(wrong, sealer.descriptor(), RANDOM))
        .isInstanceOf(SealerException.class)
        .hasMessageContaining("wrong passphrase or key file");
    Path shortFile = dir.resolve("short.key");
    Files.write(shortFile, new byte[31]);
    assertThatThrownBy(() -> Sealer.readKeyFile(shortFile))
        .isInstanceOf(SealerException.class)
        .hasMessageContaining("short.key");
  }

  @Test
  void argon2id_isTheRfc9106Function() {
    // Same passphrase, salt and parameters: same root key, so the store reopens; this also pins
    // the encoding of the passphrase (UTF-8) through a non-ASCII passphrase.
    char[] unicode = "pässwörd-🔑".toCharArray();
    Sealer a = Sealer.createWithPassphrase(unicode, CHEAP, TestKeys.random(5));
    Sealer b = Sealer.openWithPassphrase(unicode, a.descriptor(), RANDOM);
    assertThat(b.unseal(a.seal(new byte[] {1, 2, 3}, AD), AD)).containsExactly(1, 2, 3);
    assertThat(a.toString()).isEqualTo("Sealer[root key hidden]");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }
}
