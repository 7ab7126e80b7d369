package dev.keyvet.runtime.server;

import java.util.Objects;

/**
 * An error answered in AWS's JSON shape: {@code {"__type": type, "message": message}} with an HTTP
 * status (400 for client errors, 500 for {@code KMSInternalException}, 413 for an oversized body).
 */
final class AwsError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String type;
  private final int status;

  AwsError(String type, String message, int status) {
    super(message, null, false, false);
    this.type = Objects.requireNonNull(type);
    this.status = status;
  }

  AwsError(String type, String message) {
    this(type, message, 400);
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }

  static AwsError serialization(String message) {
    return new AwsError("SerializationException", message);
  }

  static AwsError validation(String message) {
    return new AwsError("ValidationException", message);
  }

  @Override
  public String toString() {
    return type + ": " + getMessage();
  }
}
