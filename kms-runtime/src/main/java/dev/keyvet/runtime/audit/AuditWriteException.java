package dev.keyvet.runtime.audit;

/**
 * An audit record could not be made durable, so the call it describes must fail. Messages name the
 * log file and the cause, never the record's content.
 */
public final class AuditWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditWriteException(String message) {
    super(message);
  }

  public AuditWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
