package dev.keyvet.runtime.server;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS identity: a self-signed certificate for {@code localhost} and {@code 127.0.0.1}
 * (ECDSA P-256, one year), made on first use and kept in a directory as {@code cert.pem} (what
 * clients trust, e.g. {@code aws --ca-bundle}) and {@code key.pem} (readable by the owner only).
 * With TLS, {@code aws:SecureTransport} is true for the server's requests.
 */
public final class ServerTls {
  private final X509Certificate certificate;
  private final PrivateKey key;

  private ServerTls(X509Certificate certificate, PrivateKey key) {
    this.certificate = certificate;
    this.key = key;
  }

  /** The identity kept in {@code dir}, made there first if it is not yet. */
  public static ServerTls loadOrCreate(Path dir) throws IOException {
    Path cert = dir.resolve("cert.pem");
    Path keyFile = dir.resolve("key.pem");
    try {
      if (Files.isRegularFile(cert) && Files.isRegularFile(keyFile)) {
        return new ServerTls(readCertificate(cert), readKey(keyFile));
      }
      ServerTls made = generate(Instant.now());
      Files.createDirectories(dir);
      Path tmpKey = dir.resolve("key.pem.tmp");
      Files.writeString(tmpKey, pkcs8(made.key), StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(tmpKey, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // Not a POSIX file system: the directory's own protection applies.
      }
      Files.move(tmpKey, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Files.writeString(cert, pem(made.certificate), StandardCharsets.UTF_8);
      return made;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot make or read the TLS certificate in " + dir, e);
    }
  }

  /** A new self-signed identity valid from {@code now} for a year. */
  static ServerTls generate(Instant now) throws GeneralSecurityException {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = g.generateKeyPair();
      X500Name name = new X500Name("CN=keyvet local KMS");
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              new BigInteger(64, new SecureRandom()).abs().add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofMinutes(5))),
              Date.from(now.plus(Duration.ofDays(365))),
              name,
              pair.getPublic());
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
      X509CertificateHolder holder =
          b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      return new ServerTls(
          new JcaX509CertificateConverter().getCertificate(holder), pair.getPrivate());
    } catch (org.bouncycastle.operator.OperatorCreationException | IOException e) {
      throw new GeneralSecurityException("cannot make a certificate", e);
    }
  }

  /** The certificate clients trust. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** A TLS context serving this identity. */
  public SSLContext context() throws GeneralSecurityException {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pass = new char[0];
      ks.setKeyEntry("server", key, pass, new java.security.cert.Certificate[] {certificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pass);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
      return ctx;
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot build the TLS context", e);
    }
  }

  private static X509Certificate readCertificate(Path p)
      throws IOException, GeneralSecurityException {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(p)))) {
      Object o = parser.readObject();
      if (!(o instanceof X509CertificateHolder h)) {
        throw new IOException(p + " holds no certificate");
      }
      return new JcaX509CertificateConverter().getCertificate(h);
    }
  }

  private static PrivateKey readKey(Path p) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(p)))) {
      Object o = parser.readObject();
      if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) {
        return new JcaPEMKeyConverter().getPrivateKey(info);
      }
      if (o instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
        return new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
      }
      throw new IOException(p + " holds no private key");
    }
  }

  /** The private key as a PKCS#8 {@code PRIVATE KEY} PEM block. */
  private static String pkcs8(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    }
    return w.toString();
  }
}
