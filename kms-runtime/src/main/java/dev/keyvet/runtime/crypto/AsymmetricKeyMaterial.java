package dev.keyvet.runtime.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/** An RSA or elliptic-curve key pair. */
public abstract sealed class AsymmetricKeyMaterial extends KeyMaterial
    permits RsaKeyMaterial, EcKeyMaterial {

  AsymmetricKeyMaterial(KeySpec spec) {
    super(spec);
  }

  /** The public key as DER-encoded X.509 SubjectPublicKeyInfo, as GetPublicKey returns it. */
  public byte[] publicKeyDer() {
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicParameters())
          .getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  abstract AsymmetricKeyParameter publicParameters();

  abstract AsymmetricKeyParameter privateParameters();

  @Override
  final byte[] secretBytes() {
    try {
      return PrivateKeyInfoFactory.createPrivateKeyInfo(privateParameters()).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static AsymmetricKeyMaterial fromPkcs8(KeySpec spec, byte[] der) {
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(der);
    } catch (RuntimeException e) {
      throw incorrect(spec, "is not a DER-encoded PKCS#8 private key");
    }
    if (info == null) {
      throw incorrect(spec, "is not a DER-encoded PKCS#8 private key");
    }
    return spec.family() == KeySpec.Family.RSA
        ? RsaKeyMaterial.fromPkcs8(spec, info)
        : EcKeyMaterial.fromPkcs8(spec, info);
  }

  static KmsException incorrect(KeySpec spec, String what) {
    return new KmsException(
        KmsError.INCORRECT_KEY_MATERIAL, "The key material for " + spec + " " + what);
  }
}
