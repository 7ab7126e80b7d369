package dev.keyvet.runtime.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The Ed25519 key that signs audit checkpoints. Ed25519 rather than an HMAC because verifying then
 * needs only the public key: an auditor (or {@code keyvet audit verify}) can check a log without
 * holding anything that could forge a checkpoint, and the public key can be pinned outside the data
 * directory. Signing costs tens of microseconds, paid once per checkpoint, not per record.
 *
 * <p>Keys are stored as PEM: the private key as PKCS#8 in a file readable by its owner only, the
 * public key as X.509 SubjectPublicKeyInfo. The key id is the first 16 hex digits of the SHA-256 of
 * the public key's encoding. {@link #toString()} never shows the private key.
 */
public final class CheckpointKey {
  static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String keyId;

  private CheckpointKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    this.keyId = keyId(publicKey);
  }

  /** A new random key. */
  public static CheckpointKey generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(ALGORITHM);
      g.initialize(255, random);
      KeyPair kp = g.generateKeyPair();
      return new CheckpointKey(kp.getPrivate(), kp.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    }
  }

  /**
   * Loads the key from {@code privateKeyFile}, or creates it there (owner-only permissions) and
   * writes its public key to {@code publicKeyFile}. An existing public key file that does not match
   * the private key is an error.
   */
  public static CheckpointKey loadOrCreate(Path privateKeyFile, Path publicKeyFile)
      throws IOException {
    CheckpointKey key;
    if (Files.exists(privateKeyFile)) {
      key = load(privateKeyFile);
    } else {
      key = generate(new SecureRandom());
      byte[] both =
          concat(
              pem("PRIVATE KEY", key.privateKey.getEncoded()),
              pem("PUBLIC KEY", key.publicKey.getEncoded()));
      writeAtomically(privateKeyFile, both, true);
    }
    checkOrWritePublicKey(key, publicKeyFile, privateKeyFile);
    return key;
  }

  /** Writes the public key file, or checks that the one there belongs to {@code key}. */
  private static void checkOrWritePublicKey(CheckpointKey key, Path publicKeyFile, Path keyFile)
      throws IOException {
    if (Files.exists(publicKeyFile)) {
      PublicKey stored = readPublicKey(publicKeyFile);
      if (!keyId(stored).equals(key.keyId)) {
        throw new IOException(
            publicKeyFile
                + ": this public key (id "
                + keyId(stored)
                + ") does not belong to the"
                + " checkpoint key in "
                + keyFile
                + " (id "
                + key.keyId
                + ")");
      }
    } else {
      writeAtomically(publicKeyFile, pem("PUBLIC KEY", key.publicKey.getEncoded()), false);
    }
  }

  /** Seals and unseals the private key with associated data (the store's root-key sealer). */
  public interface Sealing {
    byte[] seal(byte[] plaintext, byte[] associatedData);

    /** Throws when the sealed bytes are not authentic under this root key. */
    byte[] unseal(byte[] sealed, byte[] associatedData);
  }

  private static final byte[] SEALED_AD =
      "keyvet audit checkpoint key v1".getBytes(StandardCharsets.US_ASCII);

  /**
   * Loads the key sealed in {@code sealedFile}, or creates it there (sealed, owner-only), and
   * writes or checks its public key in {@code publicKeyFile} like {@link #loadOrCreate}. A plain
   * PEM key left in {@code legacyPemFile} by a data directory of an earlier version is sealed into
   * {@code sealedFile} and then deleted.
   *
   * @throws IOException when a file cannot be read or written, or the sealed key does not open
   *     under this root key (a wrong root key, or an altered file)
   */
  public static CheckpointKey loadOrCreateSealed(
      Path sealedFile, Path legacyPemFile, Path publicKeyFile, Sealing sealing) throws IOException {
    CheckpointKey key;
    if (Files.exists(sealedFile)) {
      byte[] plain;
      try {
        plain = sealing.unseal(Files.readAllBytes(sealedFile), SEALED_AD);
      } catch (RuntimeException e) {
        throw new IOException(sealedFile + ": does not open under this store's root key");
      }
      try {
        key = fromPkcs8(plain, sealedFile);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } else {
      key = Files.exists(legacyPemFile) ? load(legacyPemFile) : generate(new SecureRandom());
      byte[] pkcs8 = key.privateKey.getEncoded();
      try {
        writeAtomically(sealedFile, sealing.seal(pkcs8, SEALED_AD), true);
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
      Files.deleteIfExists(legacyPemFile);
    }
    checkOrWritePublicKey(key, publicKeyFile, sealedFile);
    return key;
  }

  /** A key from its PKCS#8 encoding, its public key derived by Bouncy Castle. */
  private static CheckpointKey fromPkcs8(byte[] pkcs8, Path file) throws IOException {
    try {
      var bcPrivate = bcPrivateKey(pkcs8);
      byte[] spki =
          org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                  bcPrivate.generatePublicKey())
              .getEncoded();
      KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
      return new CheckpointKey(
          kf.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)),
          kf.generatePublic(new X509EncodedKeySpec(spki)));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new IOException(file + ": not an Ed25519 private key");
    }
  }

  /** Bouncy Castle's form of an Ed25519 private key: the seed inside its PKCS#8 encoding. */
  private static org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters bcPrivateKey(
      byte[] pkcs8) throws IOException {
    byte[] seed =
        org.bouncycastle.asn1.ASN1OctetString.getInstance(
                org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pkcs8).parsePrivateKey())
            .getOctets();
    try {
      return new org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters(seed, 0);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /**
   * Loads a key file written by {@link #loadOrCreate}: the private key (PKCS#8) followed by its
   * public key, both PEM.
   */
  public static CheckpointKey load(Path privateKeyFile) throws IOException {
    byte[] der = readPem(privateKeyFile, "PRIVATE KEY");
    try {
      KeyFactory kf = KeyFactory.getInstance(ALGORITHM);
      PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(der));
      PublicKey pub =
          kf.generatePublic(new X509EncodedKeySpec(readPem(privateKeyFile, "PUBLIC KEY")));
      CheckpointKey key = new CheckpointKey(priv, pub);
      byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
      if (!verify(pub, probe, key.sign(probe, 0, probe.length))) {
        throw new IOException(privateKeyFile + ": the public key does not match the private key");
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw new IOException(privateKeyFile + ": not an Ed25519 private key");
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** Reads a public key file (PEM, X.509 SubjectPublicKeyInfo, Ed25519). */
  public static PublicKey readPublicKey(Path file) throws IOException {
    byte[] der = readPem(file, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not an Ed25519 public key");
    }
  }

  /** The key id of a public key: 16 hex digits of the SHA-256 of its encoding. */
  public static String keyId(PublicKey key) {
    byte[] enc = key.getEncoded();
    return AuditFormat.sha256Hex(enc, 0, enc.length).substring(0, 16);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public String keyId() {
    return keyId;
  }

  /**
   * The Ed25519 signature of the bytes, made with Bouncy Castle: the JDK's pure-Java Ed25519 takes
   * milliseconds, and a checkpoint is signed while appends wait. Ed25519 signatures are
   * deterministic, so both give the same bytes (tested).
   */
  byte[] sign(byte[] data, int off, int len) {
    org.bouncycastle.crypto.signers.Ed25519Signer s =
        new org.bouncycastle.crypto.signers.Ed25519Signer();
    s.init(true, signingKey());
    s.update(data, off, len);
    return s.generateSignature();
  }

  /** The JDK's Ed25519 signature of the bytes, for comparison in tests. */
  byte[] signWithJdk(byte[] data, int off, int len) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(privateKey);
      s.update(data, off, len);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign an audit checkpoint", e);
    }
  }

  private volatile org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters signingKey;

  /** The private key as Bouncy Castle parameters, made once. */
  private org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters signingKey() {
    var k = signingKey;
    if (k == null) {
      byte[] pkcs8 = privateKey.getEncoded();
      try {
        k = bcPrivateKey(pkcs8);
      } catch (IOException | RuntimeException e) {
        throw new IllegalStateException("the checkpoint key is not an Ed25519 key");
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
      signingKey = k;
    }
    return k;
  }

  /** True when the signature over the bytes verifies under the public key. */
  static boolean verify(PublicKey key, byte[] data, byte[] signature) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(data);
      return s.verify(signature);
    } catch (InvalidKeyException | SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "CheckpointKey[Ed25519, id " + keyId + "]";
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    Arrays.fill(a, (byte) 0);
    return out;
  }

  private static byte[] pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    Arrays.fill(der, (byte) 0);
    return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] readPem(Path file, String type) throws IOException {
    String text = Files.readString(file, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new IOException(file + ": expected a PEM " + type + " block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    } catch (IllegalArgumentException ex) {
      throw new IOException(file + ": the PEM " + type + " block is not valid base64");
    }
  }

  private static void writeAtomically(Path file, byte[] content, boolean ownerOnly)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      if (ownerOnly && dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(tmp);
      }
      try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(java.nio.ByteBuffer.wrap(content));
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file);
      }
      AuditLog.forceDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      throw new IOException(file + ": exists already");
    } finally {
      Arrays.fill(content, (byte) 0);
      Files.deleteIfExists(tmp);
    }
  }
}
