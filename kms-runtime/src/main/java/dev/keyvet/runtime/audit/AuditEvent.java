package dev.keyvet.runtime.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the runtime knows about one KMS call, for its audit record. The log adds the event time,
 * event id, sequence number and chain hash. Request parameters and response elements are expected
 * to be redacted already; the log still drops secret fields ({@link SecretFields}).
 *
 * @param eventName the KMS operation, e.g. {@code Encrypt}
 * @param awsRegion the Region the call was made in
 * @param sourceIpAddress the caller's address, or null
 * @param userAgent the caller's user agent, or null
 * @param userIdentity who called
 * @param requestParameters the request's parameters (JSON-like values), or null
 * @param responseElements the response's elements (JSON-like values), or null for a failed call
 * @param errorCode the AWS error code of a failed call, e.g. {@code AccessDeniedException}
 * @param errorMessage the error message of a failed call
 * @param requestId the request id returned to the caller
 * @param readOnly whether the operation changes nothing
 * @param resources the keys the call touched
 * @param recipientAccountId the account whose log this is (the key's)
 * @param decision the authorization decision, or null for a call rejected before authorization
 */
public record AuditEvent(
    String eventName,
    String awsRegion,
    String sourceIpAddress,
    String userAgent,
    UserIdentity userIdentity,
    Map<String, Object> requestParameters,
    Map<String, Object> responseElements,
    String errorCode,
    String errorMessage,
    String requestId,
    boolean readOnly,
    List<AuditResource> resources,
    String recipientAccountId,
    AuditDecision decision) {
  public AuditEvent {
    Objects.requireNonNull(eventName, "eventName");
    Objects.requireNonNull(awsRegion, "awsRegion");
    Objects.requireNonNull(userIdentity, "userIdentity");
    Objects.requireNonNull(requestId, "requestId");
    requestParameters =
        requestParameters == null
            ? null
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requestParameters));
    responseElements =
        responseElements == null
            ? null
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(responseElements));
    resources = resources == null ? List.of() : List.copyOf(resources);
  }

  /** A builder for an event of an operation. */
  public static Builder builder(String eventName) {
    return new Builder(eventName);
  }

  /**
   * Builds an {@link AuditEvent}; eventName, awsRegion, userIdentity and requestId are required.
   */
  public static final class Builder {
    private final String eventName;
    private String awsRegion;
    private String sourceIpAddress;
    private String userAgent;
    private UserIdentity userIdentity;
    private Map<String, Object> requestParameters;
    private Map<String, Object> responseElements;
    private String errorCode;
    private String errorMessage;
    private String requestId;
    private boolean readOnly;
    private List<AuditResource> resources = List.of();
    private String recipientAccountId;
    private AuditDecision decision;

    private Builder(String eventName) {
      this.eventName = eventName;
    }

    public Builder region(String v) {
      awsRegion = v;
      return this;
    }

    public Builder sourceIpAddress(String v) {
      sourceIpAddress = v;
      return this;
    }

    public Builder userAgent(String v) {
      userAgent = v;
      return this;
    }

    public Builder userIdentity(UserIdentity v) {
      userIdentity = v;
      return this;
    }

    public Builder requestParameters(Map<String, Object> v) {
      requestParameters = v;
      return this;
    }

    public Builder responseElements(Map<String, Object> v) {
      responseElements = v;
      return this;
    }

    /** Marks the call failed with an AWS error code and message. */
    public Builder error(String code, String message) {
      errorCode = code;
      errorMessage = message;
      return this;
    }

    public Builder requestId(String v) {
      requestId = v;
      return this;
    }

    public Builder readOnly(boolean v) {
      readOnly = v;
      return this;
    }

    public Builder resources(List<AuditResource> v) {
      resources = v;
      return this;
    }

    public Builder recipientAccountId(String v) {
      recipientAccountId = v;
      return this;
    }

    public Builder decision(AuditDecision v) {
      decision = v;
      return this;
    }

    public AuditEvent build() {
      return new AuditEvent(
          eventName,
          awsRegion,
          sourceIpAddress,
          userAgent,
          userIdentity,
          requestParameters,
          responseElements,
          errorCode,
          errorMessage,
          requestId,
          readOnly,
          resources,
          recipientAccountId,
          decision);
    }
  }
}
