package dev.keyvet.runtime;

import java.util.Objects;

/**
 * A KMS error: AWS's exception name ({@code AccessDeniedException}, {@code NotFoundException},
 * {@code DisabledException}, {@code KMSInvalidStateException}, ...) and a message. Messages never
 * contain key material, plaintext or data keys.
 */
public final class KmsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorName;

  public KmsException(String errorName, String message) {
    super(message, null, false, false);
    this.errorName = Objects.requireNonNull(errorName, "errorName");
  }

  /** AWS's name for the error, e.g. {@code NotFoundException}. */
  public String errorName() {
    return errorName;
  }

  @Override
  public String toString() {
    return errorName + ": " + getMessage();
  }

  static KmsException notFound(String message) {
    return new KmsException("NotFoundException", message);
  }

  static KmsException validation(String message) {
    return new KmsException("ValidationException", message);
  }

  static KmsException invalidState(String message) {
    return new KmsException("KMSInvalidStateException", message);
  }

  static KmsException disabled(String message) {
    return new KmsException("DisabledException", message);
  }

  static KmsException unsupported(String message) {
    return new KmsException("UnsupportedOperationException", message);
  }

  static KmsException invalidArn(String message) {
    return new KmsException("InvalidArnException", message);
  }
}
