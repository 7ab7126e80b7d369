package dev.keyvet.runtime.crypto;

import java.time.Instant;

/**
 * The result of GetParametersForImport: the wrapping public key (DER SubjectPublicKeyInfo) and the
 * import token to pass back with the wrapped material, valid until {@code parametersValidTo}.
 */
public record ImportParameters(
    byte[] importToken,
    byte[] publicKey,
    Instant parametersValidTo,
    WrappingAlgorithm wrappingAlgorithm,
    WrappingKeySpec wrappingKeySpec) {
  @Override
  public String toString() {
    return "ImportParameters["
        + wrappingKeySpec
        + ", "
        + wrappingAlgorithm
        + ", valid to "
        + parametersValidTo
        + "]";
  }
}
