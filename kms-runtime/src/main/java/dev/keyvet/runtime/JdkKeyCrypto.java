package dev.keyvet.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link KeyCrypto} on the JDK alone: {@code SYMMETRIC_DEFAULT} (AES-256-GCM) and {@code HMAC_*}.
 * Asymmetric specs are not supported here.
 *
 * <p>Ciphertext format, version 1 (all integers big-endian):
 *
 * <pre>
 *   'K' 'V' 0x01                    magic and format version
 *   u16 n, n bytes UTF-8            key ID
 *   u32                             material version
 *   u16 n, n bytes UTF-8            Region
 *   12 bytes                        GCM IV
 *   rest                            AES-GCM ciphertext with its 16-byte tag
 * </pre>
 *
 * The authenticated data is the header (everything before the IV) followed by the canonical
 * encoding of the encryption context: u32 count, then for each pair in order of the keys' UTF-8
 * bytes, u32 length + key bytes and u32 length + value bytes. Length prefixes make the encoding
 * unambiguous, so {@code {"ab":"c"}} and {@code {"a":"bc"}} authenticate differently.
 */
public final class JdkKeyCrypto implements KeyCrypto {
  private static final byte[] MAGIC = {'K', 'V', 1};
  private static final int IV = 12;
  private static final int TAG_BITS = 128;

  private final RandomSource random;

  public JdkKeyCrypto(RandomSource random) {
    this.random = random;
  }

  @Override
  public byte[] generateMaterial(String keySpec) {
    int bytes =
        switch (keySpec) {
          case "SYMMETRIC_DEFAULT" -> 32;
          case "HMAC_224" -> 28;
          case "HMAC_256" -> 32;
          case "HMAC_384" -> 48;
          case "HMAC_512" -> 64;
          default ->
              throw new UnsupportedOperationException(
                  "key spec "
                      + keySpec
                      + " needs the asymmetric key support of the crypto package");
        };
    return random(bytes);
  }

  @Override
  public byte[] encrypt(
      byte[] material, Header header, byte[] plaintext, Map<String, String> context) {
    byte[] head = encodeHeader(header);
    byte[] iv = random(IV);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, aes(material), new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(head);
      c.updateAAD(canonicalContext(context));
      byte[] body = c.doFinal(plaintext);
      return ByteBuffer.allocate(head.length + IV + body.length)
          .put(head)
          .put(iv)
          .put(body)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public Header header(byte[] ciphertext) {
    return parse(ciphertext).header;
  }

  @Override
  public byte[] decrypt(byte[] material, byte[] ciphertext, Map<String, String> context) {
    Parsed p = parse(ciphertext);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(
          Cipher.DECRYPT_MODE,
          aes(material),
          new GCMParameterSpec(TAG_BITS, ciphertext, p.headerLength, IV));
      c.updateAAD(ciphertext, 0, p.headerLength);
      c.updateAAD(canonicalContext(context));
      int body = p.headerLength + IV;
      return c.doFinal(ciphertext, body, ciphertext.length - body);
    } catch (AEADBadTagException e) {
      throw invalidCiphertext();
    } catch (GeneralSecurityException e) {
      throw invalidCiphertext();
    }
  }

  @Override
  public byte[] encryptAsymmetric(
      String keySpec, byte[] material, String algorithm, byte[] plaintext) {
    throw new UnsupportedOperationException(
        "encrypting with " + keySpec + " needs the asymmetric key support of the crypto package");
  }

  @Override
  public byte[] decryptAsymmetric(
      String keySpec, byte[] material, String algorithm, byte[] ciphertext) {
    throw new UnsupportedOperationException(
        "decrypting with " + keySpec + " needs the asymmetric key support of the crypto package");
  }

  @Override
  public byte[] generateMac(String keySpec, byte[] material, String algorithm, byte[] message) {
    try {
      Mac mac = Mac.getInstance(jcaMac(keySpec, algorithm));
      mac.init(new SecretKeySpec(material, mac.getAlgorithm()));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC is unavailable: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public boolean verifyMac(
      String keySpec, byte[] material, String algorithm, byte[] message, byte[] mac) {
    byte[] expected = generateMac(keySpec, material, algorithm, message);
    try {
      return MessageDigest.isEqual(expected, mac);
    } finally {
      Arrays.fill(expected, (byte) 0);
    }
  }

  @Override
  public byte[] sign(
      String keySpec, byte[] material, String algorithm, String messageType, byte[] message) {
    throw new UnsupportedOperationException(
        "signing with " + keySpec + " needs the asymmetric key support of the crypto package");
  }

  @Override
  public boolean verify(
      String keySpec,
      byte[] material,
      String algorithm,
      String messageType,
      byte[] message,
      byte[] signature) {
    throw new UnsupportedOperationException(
        "verifying with " + keySpec + " needs the asymmetric key support of the crypto package");
  }

  @Override
  public byte[] publicKey(String keySpec, byte[] material) {
    throw new UnsupportedOperationException(
        "public keys of " + keySpec + " need the asymmetric key support of the crypto package");
  }

  @Override
  public byte[] random(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  /** The canonical, unambiguous encoding of an encryption context. */
  public static byte[] canonicalContext(Map<String, String> context) {
    TreeMap<byte[], byte[]> sorted = new TreeMap<>(Arrays::compareUnsigned);
    if (context != null) {
      context.forEach(
          (k, v) ->
              sorted.put(k.getBytes(StandardCharsets.UTF_8), v.getBytes(StandardCharsets.UTF_8)));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeInt(out, sorted.size());
    sorted.forEach(
        (k, v) -> {
          writeInt(out, k.length);
          out.writeBytes(k);
          writeInt(out, v.length);
          out.writeBytes(v);
        });
    return out.toByteArray();
  }

  private static void writeInt(ByteArrayOutputStream out, int v) {
    out.write(v >>> 24);
    out.write(v >>> 16);
    out.write(v >>> 8);
    out.write(v);
  }

  private static byte[] encodeHeader(Header h) {
    byte[] id = h.keyId().getBytes(StandardCharsets.UTF_8);
    byte[] region = h.region().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(MAGIC.length + 2 + id.length + 4 + 2 + region.length)
        .put(MAGIC)
        .putShort((short) id.length)
        .put(id)
        .putInt(h.materialVersion())
        .putShort((short) region.length)
        .put(region)
        .array();
  }

  private record Parsed(Header header, int headerLength) {}

  private static Parsed parse(byte[] blob) {
    if (blob == null || blob.length < MAGIC.length + 2) {
      throw invalidCiphertext();
    }
    ByteBuffer b = ByteBuffer.wrap(blob);
    for (byte m : MAGIC) {
      if (b.get() != m) {
        throw invalidCiphertext();
      }
    }
    try {
      String id = string(b);
      int version = b.getInt();
      String region = string(b);
      int headerLength = b.position();
      if (version < 0 || blob.length < headerLength + IV + TAG_BITS / 8) {
        throw invalidCiphertext();
      }
      return new Parsed(new Header(id, version, region), headerLength);
    } catch (java.nio.BufferUnderflowException e) {
      throw invalidCiphertext();
    }
  }

  private static String string(ByteBuffer b) {
    int n = Short.toUnsignedInt(b.getShort());
    byte[] s = new byte[n];
    b.get(s);
    return new String(s, StandardCharsets.UTF_8);
  }

  private static SecretKeySpec aes(byte[] material) {
    return new SecretKeySpec(material, "AES");
  }

  private static String jcaMac(String keySpec, String algorithm) {
    String expected = "HMAC_SHA_" + keySpec.substring("HMAC_".length());
    if (!keySpec.startsWith("HMAC_") || !expected.equals(algorithm)) {
      throw new KmsException(
          "InvalidKeyUsageException", "key spec " + keySpec + " does not support " + algorithm);
    }
    return "HmacSHA" + keySpec.substring("HMAC_".length());
  }

  private static KmsException invalidCiphertext() {
    return new KmsException(
        "InvalidCiphertextException",
        "the ciphertext is invalid, was altered, or does not match the encryption context");
  }
}
