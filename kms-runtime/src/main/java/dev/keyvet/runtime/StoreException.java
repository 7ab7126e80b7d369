package dev.keyvet.runtime;

/**
 * The store's data directory cannot be opened or written: a damaged or truncated file (named, with
 * the byte offset), a wrong passphrase or key file, a directory in use by another process, or an
 * I/O failure. Opening never overwrites or deletes anything when it throws this. Messages never
 * hold key material or the passphrase.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the store could not be opened or written; stable for scripts and tests. */
  public enum Code {
    /** A store file is damaged: bad magic, version, checksum or structure. */
    CORRUPT,
    /** A store file ends early, other than an unacknowledged last log entry. */
    TRUNCATED,
    /** The passphrase or key file is not the store's. */
    WRONG_ROOT_KEY,
    /** No passphrase or key file was given, or the store's root key needs the other kind. */
    ROOT_KEY_REQUIRED,
    /** Another process holds the data directory. */
    LOCKED,
    /** Reading or writing failed. */
    IO
  }

  private final Code code;

  StoreException(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  StoreException(Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Code code() {
    return code;
  }

  @Override
  public String toString() {
    return "StoreException(" + code + "): " + getMessage();
  }
}
