package dev.keyvet.runtime.audit;

import java.nio.file.Path;

/** Where the audit log and its checkpoint key live inside the runtime's data directory. */
public final class AuditPaths {
  private AuditPaths() {}

  /** The log's directory: {@code <data>/audit}. */
  public static Path logDirectory(Path dataDir) {
    return dataDir.resolve("audit");
  }

  /**
   * The checkpoint key's public half, {@code <data>/audit/checkpoint-key.pub.pem}: what {@code
   * keyvet audit verify} checks signatures with unless given another.
   */
  public static Path publicKey(Path dataDir) {
    return logDirectory(dataDir).resolve("checkpoint-key.pub.pem");
  }

  /**
   * The checkpoint key's private half in plain PEM, {@code <data>/audit-checkpoint-key.pem}, for an
   * audit log kept without a store (no root key to seal it with); outside the log directory so that
   * copying or shipping the log never copies the key.
   */
  public static Path privateKey(Path dataDir) {
    return dataDir.resolve("audit-checkpoint-key.pem");
  }

  /**
   * The checkpoint key's private half sealed under the store's root key, {@code
   * <data>/audit-checkpoint-key.sealed}: a durable store's, so that reading the data directory is
   * not enough to sign a forged checkpoint.
   */
  public static Path sealedPrivateKey(Path dataDir) {
    return dataDir.resolve("audit-checkpoint-key.sealed");
  }
}
