package dev.keyvet.runtime.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;

/**
 * Encrypts key material and other secrets at rest under a root key.
 *
 * <p>The root key (32 bytes) comes either from a passphrase through Argon2id (version 1.3, default
 * 64 MiB, 3 passes, 4 lanes — RFC 9106's second recommended setting — and a 16-byte random salt) or
 * from a key file of exactly 32 random bytes. Two keys are derived from it with HMAC-SHA256: a
 * sealing key (label {@code keyvet sealing key v1}) and a check value (label {@code keyvet root key
 * check v1}).
 *
 * <p>The {@linkplain #descriptor() descriptor} is what the store saves beside its data (it holds no
 * secret): {@code "kvrk"}, version {@code 0x01}, the source ({@code 0x01} Argon2id, {@code 0x02}
 * key file), for Argon2id the memory in KiB, passes and lanes (4 bytes each, big-endian), the salt
 * length (1 byte) and the salt, then the 32-byte check value. Opening with the wrong passphrase or
 * key file fails at once on the check value (compared in constant time).
 *
 * <p>A sealed value is {@code 0x01} (version), a 12-byte random IV, and the AES-256-GCM ciphertext
 * and tag; the additional authenticated data is the version byte followed by the caller's
 * associated data (for example the key ID and material version), so a sealed value cannot be moved
 * to another record.
 *
 * <p>Zeroing: the passphrase's UTF-8 bytes, the Argon2id output, the root key and the derived key
 * bytes are zeroed as soon as the JCA key objects are built; serialized key material is zeroed
 * after sealing and after unsealing. The caller's passphrase {@code char[]} and key bytes are left
 * to the caller. The JCA key objects keep copies the JDK cannot zero.
 */
public final class Sealer {
  /** Argon2id cost parameters. */
  public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {
    /** RFC 9106's second recommended setting: 64 MiB, 3 passes, 4 lanes. */
    public static final Argon2Parameters DEFAULT = new Argon2Parameters(65536, 3, 4);

    public Argon2Parameters {
      if (parallelism < 1 || parallelism > 16 || iterations < 1 || iterations > 100) {
        throw new IllegalArgumentException("Argon2id needs 1-16 lanes and 1-100 passes");
      }
      if (memoryKiB < 8 * parallelism || memoryKiB > 4 * 1024 * 1024) {
        throw new IllegalArgumentException("Argon2id memory must be 8 KiB per lane to 4 GiB");
      }
    }
  }

  private static final byte[] MAGIC = {'k', 'v', 'r', 'k'};
  private static final byte DESCRIPTOR_VERSION = 1;
  private static final byte SOURCE_ARGON2ID = 1;
  private static final byte SOURCE_KEY_FILE = 2;
  private static final byte SEALED_VERSION = 1;
  private static final int SALT_LENGTH = 16;
  private static final int KEY_LENGTH = 32;
  private static final int IV_LENGTH = 12;
  private static final int TAG_LENGTH = 16;

  private final SecretKeySpec sealingKey;
  private final byte[] descriptor;
  private final SecureRandom random;

  private Sealer(SecretKeySpec sealingKey, byte[] descriptor, SecureRandom random) {
    this.sealingKey = sealingKey;
    this.descriptor = descriptor;
    this.random = random;
  }

  /** A new root key from {@code passphrase} with a fresh salt; save {@link #descriptor()}. */
  public static Sealer createWithPassphrase(
      char[] passphrase, Argon2Parameters parameters, SecureRandom random) {
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    byte[] root = argon2id(passphrase, salt, parameters);
    byte[] head = argonHead(parameters, salt);
    return build(root, head, random);
  }

  /**
   * The sealer of a store whose descriptor is {@code descriptor}, from its passphrase.
   *
   * @throws SealerException if the passphrase is wrong or the descriptor is damaged
   */
  public static Sealer openWithPassphrase(
      char[] passphrase, byte[] descriptor, SecureRandom random) {
    ByteBuffer in = descriptorBody(descriptor, SOURCE_ARGON2ID);
    Argon2Parameters parameters;
    byte[] salt;
    try {
      parameters = new Argon2Parameters(in.getInt(), in.getInt(), in.getInt());
      int saltLength = in.get() & 0xff;
      if (saltLength < 8) {
        throw damaged();
      }
      salt = new byte[saltLength];
      in.get(salt);
    } catch (RuntimeException e) {
      throw damaged();
    }
    if (in.remaining() != KEY_LENGTH) {
      throw damaged();
    }
    byte[] root = argon2id(passphrase, salt, parameters);
    return check(root, descriptor, random);
  }

  /** A new store's sealer from a 32-byte root key (a key file's content); save the descriptor. */
  public static Sealer createWithKey(byte[] rootKey, SecureRandom random) {
    return build(checkRootKey(rootKey).clone(), new byte[] {SOURCE_KEY_FILE}, random);
  }

  /**
   * The sealer of a store whose descriptor is {@code descriptor}, from its 32-byte root key.
   *
   * @throws SealerException if the key is not the store's or the descriptor is damaged
   */
  public static Sealer openWithKey(byte[] rootKey, byte[] descriptor, SecureRandom random) {
    ByteBuffer in = descriptorBody(descriptor, SOURCE_KEY_FILE);
    if (in.remaining() != KEY_LENGTH) {
      throw damaged();
    }
    return check(checkRootKey(rootKey).clone(), descriptor, random);
  }

  /**
   * Reads a key file: exactly 32 bytes.
   *
   * @throws SealerException naming the file (not its content) if it has another length
   */
  public static byte[] readKeyFile(Path file) throws IOException {
    byte[] key = Files.readAllBytes(file);
    if (key.length != KEY_LENGTH) {
      Arrays.fill(key, (byte) 0);
      throw new SealerException("key file " + file + " must hold exactly " + KEY_LENGTH + " bytes");
    }
    return key;
  }

  /**
   * Writes a new key file of 32 random bytes, readable and writable by its owner only where the
   * file system supports POSIX permissions. Never overwrites an existing file.
   */
  public static void writeKeyFile(Path file, SecureRandom random) throws IOException {
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    byte[] key = new byte[KEY_LENGTH];
    random.nextBytes(key);
    try {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.write(file, key, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /** The descriptor to save with the store: parameters, salt and check value; no secret. */
  public byte[] descriptor() {
    return descriptor.clone();
  }

  /** Seals {@code plaintext}, bound to {@code associatedData}. */
  public byte[] seal(byte[] plaintext, byte[] associatedData) {
    byte[] iv = new byte[IV_LENGTH];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, sealingKey, new GCMParameterSpec(TAG_LENGTH * 8, iv));
      cipher.updateAAD(new byte[] {SEALED_VERSION});
      cipher.updateAAD(associatedData);
      byte[] out = new byte[1 + IV_LENGTH + plaintext.length + TAG_LENGTH];
      out[0] = SEALED_VERSION;
      System.arraycopy(iv, 0, out, 1, IV_LENGTH);
      cipher.doFinal(plaintext, 0, plaintext.length, out, 1 + IV_LENGTH);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM sealing failed: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Opens a value sealed with {@code associatedData}.
   *
   * @throws SealerException if it is tampered, truncated, of an unknown version, sealed under
   *     another root key or with other associated data
   */
  public byte[] unseal(byte[] sealed, byte[] associatedData) {
    if (sealed == null || sealed.length < 1 + IV_LENGTH + TAG_LENGTH) {
      throw new SealerException("sealed data is truncated");
    }
    if (sealed[0] != SEALED_VERSION) {
      throw new SealerException("sealed data has unknown format version " + (sealed[0] & 0xff));
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          sealingKey,
          new GCMParameterSpec(TAG_LENGTH * 8, sealed, 1, IV_LENGTH));
      cipher.updateAAD(new byte[] {SEALED_VERSION});
      cipher.updateAAD(associatedData);
      return cipher.doFinal(sealed, 1 + IV_LENGTH, sealed.length - 1 - IV_LENGTH);
    } catch (GeneralSecurityException e) {
      throw new SealerException(
          "sealed data failed authentication: it is tampered or truncated, or was sealed under"
              + " another root key or for another record");
    }
  }

  /** Seals key material; the serialized material is zeroed after use. */
  public byte[] sealKeyMaterial(KeyMaterial material, byte[] associatedData) {
    byte[] bytes = material.toBytes();
    try {
      return seal(bytes, associatedData);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Opens sealed key material; the serialized material is zeroed after use.
   *
   * @throws SealerException as {@link #unseal}, or if the content is not key material
   */
  public KeyMaterial unsealKeyMaterial(byte[] sealed, byte[] associatedData) {
    byte[] bytes = unseal(sealed, associatedData);
    try {
      return KeyMaterial.fromBytes(bytes);
    } catch (IllegalArgumentException e) {
      throw new SealerException("sealed data is authentic but not key material: " + e.getMessage());
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "Sealer[root key hidden]";
  }

  // ---------------------------------------------------------------- internals

  private static Sealer build(byte[] root, byte[] head, SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] sealing = hmac(root, "keyvet sealing key v1");
    byte[] checkValue = hmac(root, "keyvet root key check v1");
    Arrays.fill(root, (byte) 0);
    byte[] descriptor = new byte[MAGIC.length + 1 + head.length + KEY_LENGTH];
    System.arraycopy(MAGIC, 0, descriptor, 0, MAGIC.length);
    descriptor[MAGIC.length] = DESCRIPTOR_VERSION;
    System.arraycopy(head, 0, descriptor, MAGIC.length + 1, head.length);
    System.arraycopy(checkValue, 0, descriptor, descriptor.length - KEY_LENGTH, KEY_LENGTH);
    SecretKeySpec key = new SecretKeySpec(sealing, "AES");
    Arrays.fill(sealing, (byte) 0);
    return new Sealer(key, descriptor, random);
  }

  private static Sealer check(byte[] root, byte[] descriptor, SecureRandom random) {
    byte[] checkValue = hmac(root, "keyvet root key check v1");
    byte[] stored =
        Arrays.copyOfRange(descriptor, descriptor.length - KEY_LENGTH, descriptor.length);
    if (!MessageDigest.isEqual(checkValue, stored)) {
      Arrays.fill(root, (byte) 0);
      throw new SealerException(
          "the root key does not open this store: wrong passphrase or key file");
    }
    byte[] head = Arrays.copyOfRange(descriptor, MAGIC.length + 1, descriptor.length - KEY_LENGTH);
    Sealer sealer = build(root, head, random);
    return sealer;
  }

  private static ByteBuffer descriptorBody(byte[] descriptor, byte expectedSource) {
    if (descriptor == null
        || descriptor.length < MAGIC.length + 2 + KEY_LENGTH
        || !Arrays.equals(descriptor, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || descriptor[MAGIC.length] != DESCRIPTOR_VERSION) {
      throw damaged();
    }
    byte source = descriptor[MAGIC.length + 1];
    if (source != expectedSource) {
      throw new SealerException(
          source == SOURCE_ARGON2ID
              ? "this store's root key comes from a passphrase, not a key file"
              : source == SOURCE_KEY_FILE
                  ? "this store's root key comes from a key file, not a passphrase"
                  : "the root key descriptor names an unknown key source");
    }
    return ByteBuffer.wrap(descriptor, MAGIC.length + 2, descriptor.length - MAGIC.length - 2);
  }

  private static byte[] argonHead(Argon2Parameters p, byte[] salt) {
    ByteBuffer b = ByteBuffer.allocate(1 + 12 + 1 + salt.length);
    b.put(SOURCE_ARGON2ID).putInt(p.memoryKiB()).putInt(p.iterations()).putInt(p.parallelism());
    b.put((byte) salt.length).put(salt);
    return b.array();
  }

  private static byte[] argon2id(char[] passphrase, byte[] salt, Argon2Parameters p) {
    if (passphrase == null || passphrase.length == 0) {
      throw new IllegalArgumentException("the passphrase must not be empty");
    }
    byte[] password = utf8(passphrase);
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(
          new org.bouncycastle.crypto.params.Argon2Parameters.Builder(
                  org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
              .withVersion(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_VERSION_13)
              .withMemoryAsKB(p.memoryKiB())
              .withIterations(p.iterations())
              .withParallelism(p.parallelism())
              .withSalt(salt)
              .build());
      byte[] out = new byte[KEY_LENGTH];
      generator.generateBytes(password, out);
      return out;
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer buffer;
    try {
      buffer =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(chars));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the passphrase is not valid Unicode");
    }
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    Arrays.fill(buffer.array(), (byte) 0);
    return out;
  }

  private static byte[] hmac(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] checkRootKey(byte[] rootKey) {
    if (rootKey == null || rootKey.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a root key must be " + KEY_LENGTH + " bytes");
    }
    return rootKey;
  }

  private static SealerException damaged() {
    return new SealerException("the root key descriptor is damaged or of an unknown format");
  }
}
