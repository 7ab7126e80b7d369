package dev.keyvet.runtime.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * An elliptic-curve key pair on NIST P-256, P-384, P-521 or secp256k1, computed with Bouncy
 * Castle's curve-specific arithmetic (the JDK 17 is several times slower and lacks secp256k1).
 */
public final class EcKeyMaterial extends AsymmetricKeyMaterial {
  private static final Map<KeySpec, ECNamedDomainParameters> DOMAINS = new EnumMap<>(KeySpec.class);

  static {
    for (KeySpec spec : KeySpec.values()) {
      if (spec.family() == KeySpec.Family.EC) {
        ASN1ObjectIdentifier oid = spec.curveOid();
        DOMAINS.put(spec, new ECNamedDomainParameters(oid, CustomNamedCurves.getByOID(oid)));
      }
    }
  }

  private volatile ECPrivateKeyParameters privateKey;
  private final ECPublicKeyParameters publicKey;

  private EcKeyMaterial(KeySpec spec, BigInteger d) {
    super(spec);
    ECNamedDomainParameters domain = DOMAINS.get(spec);
    this.privateKey = new ECPrivateKeyParameters(d, domain);
    this.publicKey =
        new ECPublicKeyParameters(
            new FixedPointCombMultiplier().multiply(domain.getG(), d).normalize(), domain);
  }

  static ECNamedDomainParameters domain(KeySpec spec) {
    return DOMAINS.get(spec);
  }

  static EcKeyMaterial generate(KeySpec spec, SecureRandom random) {
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(DOMAINS.get(spec), random));
    ECPrivateKeyParameters k = (ECPrivateKeyParameters) generator.generateKeyPair().getPrivate();
    return new EcKeyMaterial(spec, k.getD());
  }

  static EcKeyMaterial fromPkcs8(KeySpec spec, PrivateKeyInfo info) {
    if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
      throw incorrect(spec, "is not an elliptic-curve private key");
    }
    if (!spec.curveOid().equals(info.getPrivateKeyAlgorithm().getParameters())) {
      throw incorrect(spec, "is not on the curve of " + spec + " (named curves only)");
    }
    BigInteger d;
    try {
      d = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
    } catch (IOException | RuntimeException e) {
      throw incorrect(spec, "is not a well-formed elliptic-curve private key");
    }
    if (d.signum() <= 0 || d.compareTo(DOMAINS.get(spec).getN()) >= 0) {
      throw incorrect(spec, "has a private value out of range");
    }
    return new EcKeyMaterial(spec, d);
  }

  @Override
  ECPublicKeyParameters publicParameters() {
    return publicKey;
  }

  @Override
  ECPrivateKeyParameters privateParameters() {
    ECPrivateKeyParameters k = privateKey;
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
