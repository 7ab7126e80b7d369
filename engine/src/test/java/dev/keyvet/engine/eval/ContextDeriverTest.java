package dev.keyvet.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Deriving the fixed part of a context once and adding a request's keys gives what derive does. */
class ContextDeriverTest {
  private static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd";

  static Stream<Arguments> requests() {
    RequestContext given =
        RequestContext.builder()
            .put("aws:SourceIp", "10.0.0.1")
            .put("kms:ViaService", "ec2.us-east-1.amazonaws.com")
            .put("aws:PrincipalTag/team", "blue")
            .build();
    return Stream.of(
        Arguments.of("kms:Encrypt", RequestContext.EMPTY, RequestContext.EMPTY),
        Arguments.of(
            "kms:Encrypt",
            given,
            RequestContext.builder()
                .put("kms:EncryptionContext:tenant", "orders")
                .put("kms:EncryptionContext:Order", "4711")
                .build()),
        Arguments.of(
            "kms:Decrypt",
            given,
            RequestContext.builder()
                .put("kms:EncryptionAlgorithm", "RSAES_OAEP_SHA_256")
                .put("kms:RequestAlias", "alias/app")
                .build()),
        Arguments.of(
            "kms:Encrypt",
            given,
            RequestContext.builder()
                .put("kms:EncryptionContext:a", "b")
                .put("kms:EncryptionContextKeys", List.of("stated"))
                .build()),
        Arguments.of(
            "kms:CreateGrant",
            given,
            RequestContext.builder()
                .put("kms:GrantOperations", List.of("Decrypt", "Encrypt"))
                .put("kms:GranteePrincipal", "arn:aws:iam::111122223333:role/B")
                .build()),
        Arguments.of(
            "kms:ScheduleKeyDeletion",
            RequestContext.EMPTY,
            RequestContext.builder()
                .put("kms:ScheduleKeyDeletionPendingWindowInDays", "7")
                .build()));
  }

  @ParameterizedTest
  @MethodSource("requests")
  void complete_agreesWithDeriveOverTheWholeRequest(
      String action, RequestContext given, RequestContext request) {
    for (String principal :
        List.of(
            "arn:aws:sts::111122223333:assumed-role/App/s",
            "arn:aws:iam::444455556666:user/bob",
            "111122223333")) {
      Caller caller = Caller.parse(principal);
      RequestContext.Builder whole = request.toBuilder();
      given.entries().forEach(e -> whole.putIfAbsent(e.key(), e.values().get(0)));
      RequestContext expected =
          ContextDeriver.derive(caller, action, KEY, "111122223333", whole.build());

      RequestContext once = ContextDeriver.derive(caller, action, KEY, "111122223333", given);
      RequestContext completed = ContextDeriver.complete(once, request).build();

      assertThat(completed).as(principal + " " + action).isEqualTo(expected);
    }
  }
}
