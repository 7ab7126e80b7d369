package dev.keyvet.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who makes a call and how: the caller's principal ARN (or account ID, or service principal), the
 * Region of the endpoint, the AWS service calling on the caller's behalf ({@code kms:ViaService}),
 * condition keys the transport supplies ({@code aws:SourceIp}, {@code aws:SourceVpce}, ...), and
 * whether the call is a dry run (authorize only).
 *
 * @param caller the principal ARN, e.g. {@code arn:aws:iam::111122223333:role/App}
 * @param region the Region the call is made in, e.g. {@code us-east-1}
 * @param viaService the calling service, e.g. {@code ec2.us-east-1.amazonaws.com}, or null
 * @param environment further condition keys of the connection; values are lists when multi-valued
 * @param dryRun when true, the call is authorized and fails with {@code DryRunOperationException}
 *     when it would have succeeded
 * @param requestId the request ID the caller was given (the wire protocol's {@code
 *     x-amzn-RequestId}), so that the audit record carries the same; it must be unique (a durable
 *     store matches its log to the audit by it); null to let the store make one
 */
public record Call(
    String caller,
    String region,
    String viaService,
    Map<String, List<String>> environment,
    boolean dryRun,
    String requestId) {
  public Call {
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(region, "region");
    environment = Map.copyOf(environment);
  }

  /** A direct call by {@code caller} in {@code region}. */
  public static Call of(String caller, String region) {
    return new Call(caller, region, null, Map.of(), false, null);
  }

  /** This call made through an AWS service: {@code ec2} or {@code ec2.us-east-1.amazonaws.com}. */
  public Call via(String service) {
    String s = service.contains(".") ? service : service + "." + region + ".amazonaws.com";
    return new Call(caller, region, s, environment, dryRun, requestId);
  }

  /** This call as a dry run. */
  public Call asDryRun() {
    return new Call(caller, region, viaService, environment, true, requestId);
  }

  /** This call in another Region. */
  public Call in(String newRegion) {
    return new Call(caller, newRegion, viaService, environment, dryRun, requestId);
  }

  /** This call carrying {@code id} as its request ID. */
  public Call withRequestId(String id) {
    return new Call(caller, region, viaService, environment, dryRun, id);
  }

  /** This call with one more environment key. */
  public Call with(String key, String... values) {
    Map<String, List<String>> env = new LinkedHashMap<>(environment);
    env.put(key, List.of(values));
    return new Call(caller, region, viaService, env, dryRun, requestId);
  }
}
