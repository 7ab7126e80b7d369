package dev.keyvet.runtime;

import dev.keyvet.engine.eval.Evaluation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where the store writes one record per call, allowed or refused, before the call returns. A call
 * whose record cannot be appended fails: {@link #append} throwing makes the store throw {@code
 * KMSInternalException} instead of answering.
 */
@FunctionalInterface
public interface AuditSink {

  /**
   * One call, shaped like a CloudTrail event.
   *
   * @param time when the call was made (the store's clock)
   * @param operation the API operation, e.g. {@code Decrypt}
   * @param caller the caller's principal ARN as given
   * @param region the Region of the call
   * @param requestParameters the request without plaintext, ciphertext, data keys or messages
   * @param responseElements what the call returned, without secrets; empty on errors
   * @param errorCode AWS's exception name, or null when the call succeeded
   * @param errorMessage the error's message, or null
   * @param requestId a unique ID of the call
   * @param keyArn the ARN of the key the call was about, or null
   * @param decision {@code ALLOW}, {@code EXPLICIT_DENY} or {@code IMPLICIT_DENY}; null when the
   *     call failed before authorization (unknown key, invalid input)
   * @param evaluations the engine's evaluations behind the decision (one per permission checked;
   *     for a refusal, the refusing one), empty when the call failed before authorization
   */
  record Record(
      Instant time,
      String operation,
      String caller,
      String region,
      Map<String, Object> requestParameters,
      Map<String, Object> responseElements,
      String errorCode,
      String errorMessage,
      String requestId,
      String keyArn,
      String decision,
      List<Evaluation> evaluations) {
    /**
     * The maps and list are taken as read-only views, not copied: a record is made for every call,
     * and the store hands over collections it no longer changes. Callers must do the same.
     */
    public Record {
      requestParameters = java.util.Collections.unmodifiableMap(requestParameters);
      responseElements = java.util.Collections.unmodifiableMap(responseElements);
      evaluations = java.util.Collections.unmodifiableList(evaluations);
    }

    /** The statements and grants that decided, for people, from {@link #evaluations}. */
    public List<String> decidingStatements() {
      List<String> out = new java.util.ArrayList<>();
      for (Evaluation e : evaluations) {
        out.addAll(Gatekeeper.deciding(e));
      }
      return out;
    }
  }

  /** Appends one record durably; throws when it cannot. */
  void append(Record record);

  /**
   * Appends the record of a call that changed the store's state when {@code changedState}: such a
   * record must be on disk before the call returns, whatever the sink's sync delay, because the
   * change counts only if its record does. Sinks that always write durably need not override this.
   */
  default void append(Record record, boolean changedState) {
    append(record);
  }

  /**
   * Appends the record of a call that changed nothing without waiting for it to be durable: the
   * future completes once it is, or exceptionally when it cannot be written. Sinks that write at
   * once need not override this.
   */
  default java.util.concurrent.CompletableFuture<Void> appendAsync(Record record) {
    try {
      append(record, false);
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    } catch (RuntimeException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }
}
