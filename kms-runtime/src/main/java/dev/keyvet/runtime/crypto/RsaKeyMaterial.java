package dev.keyvet.runtime.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.RSAKeyPairGenerator;
import org.bouncycastle.crypto.params.RSAKeyGenerationParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/** An RSA key pair (RSA_2048, RSA_3072, RSA_4096) with public exponent 65537. */
public final class RsaKeyMaterial extends AsymmetricKeyMaterial {
  private static final BigInteger F4 = BigInteger.valueOf(65537);

  private volatile RSAPrivateCrtKeyParameters privateKey;
  private final RSAKeyParameters publicKey;

  RsaKeyMaterial(KeySpec spec, RSAPrivateCrtKeyParameters privateKey) {
    super(spec);
    this.privateKey = privateKey;
    this.publicKey =
        new RSAKeyParameters(false, privateKey.getModulus(), privateKey.getPublicExponent());
  }

  static RsaKeyMaterial generate(KeySpec spec, SecureRandom random) {
    return new RsaKeyMaterial(spec, generatePrivate(spec.bits(), random));
  }

  static RSAPrivateCrtKeyParameters generatePrivate(int bits, SecureRandom random) {
    RSAKeyPairGenerator generator = new RSAKeyPairGenerator();
    generator.init(new RSAKeyGenerationParameters(F4, random, bits, 128));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    return (RSAPrivateCrtKeyParameters) pair.getPrivate();
  }

  static RsaKeyMaterial fromPkcs8(KeySpec spec, PrivateKeyInfo info) {
    if (!PKCSObjectIdentifiers.rsaEncryption.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
      throw incorrect(spec, "is not an RSA private key");
    }
    RSAPrivateKey k;
    try {
      k = RSAPrivateKey.getInstance(info.parsePrivateKey());
    } catch (IOException | RuntimeException e) {
      throw incorrect(spec, "is not a well-formed RSA private key");
    }
    BigInteger n = k.getModulus();
    if (n.bitLength() != spec.bits()) {
      throw incorrect(spec, "has a modulus of " + n.bitLength() + " bits");
    }
    if (k.getPrime1().signum() <= 0
        || !k.getPrime1().multiply(k.getPrime2()).equals(n)
        || k.getPublicExponent().signum() <= 0
        || !k.getPrivateExponent()
            .multiply(k.getPublicExponent())
            .mod(k.getPrime1().subtract(BigInteger.ONE))
            .equals(BigInteger.ONE)) {
      throw incorrect(spec, "is not a consistent RSA private key");
    }
    return new RsaKeyMaterial(
        spec,
        new RSAPrivateCrtKeyParameters(
            n,
            k.getPublicExponent(),
            k.getPrivateExponent(),
            k.getPrime1(),
            k.getPrime2(),
            k.getExponent1(),
            k.getExponent2(),
            k.getCoefficient()));
  }

  @Override
  RSAKeyParameters publicParameters() {
    return publicKey;
  }

  @Override
  RSAPrivateCrtKeyParameters privateParameters() {
    RSAPrivateCrtKeyParameters k = privateKey;
    if (k == null) {
      checkUsable();
    }
    return k;
  }

  @Override
  void wipe() {
    privateKey = null;
  }
}
