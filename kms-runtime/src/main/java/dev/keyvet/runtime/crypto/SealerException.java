package dev.keyvet.runtime.crypto;

/**
 * Sealed data could not be opened: wrong passphrase or key file, or data that is tampered,
 * truncated or of an unknown format. The message says which, never what the secret is.
 */
public final class SealerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SealerException(String message) {
    super(message);
  }
}
