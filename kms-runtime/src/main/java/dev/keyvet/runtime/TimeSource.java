package dev.keyvet.runtime;

import java.time.Instant;

/** Where the store reads the time: deletion windows, rotation dates and audit records. */
@FunctionalInterface
public interface TimeSource {
  /** The current time. */
  Instant now();

  /** The system clock. */
  static TimeSource system() {
    return Instant::now;
  }
}
