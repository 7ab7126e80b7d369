package dev.keyvet.runtime.crypto;

/** How Sign and Verify read the message: the message itself, or its precomputed digest. */
public enum MessageType {
  RAW,
  DIGEST;

  /** The message type named {@code awsName}, or a ValidationException. */
  public static MessageType parse(String awsName) {
    return Names.parse(MessageType.class, awsName, "messageType");
  }
}
