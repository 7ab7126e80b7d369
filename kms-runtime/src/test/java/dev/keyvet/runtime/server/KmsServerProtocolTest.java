package dev.keyvet.runtime.server;

import static dev.keyvet.runtime.server.ServerFixtures.ADMIN_KEY;
import static dev.keyvet.runtime.server.ServerFixtures.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keyvet.runtime.AuditSink;
import dev.keyvet.runtime.InMemoryAudit;
import dev.keyvet.runtime.KeyStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The wire protocol itself: SigV4 failures, error shapes, validation, limits, keep-alive. */
class KmsServerProtocolTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static KeyStore store;
  private static KmsServer checked;
  private static KmsServer dev;

  @BeforeAll
  static void start() throws Exception {
    store = KeyStore.builder().world(ServerFixtures.world()).audit(new InMemoryAudit()).build();
    checked =
        KmsServer.builder()
            .store(store)
            .credentials(ServerFixtures.credentials())
            .maxRequestBytes(8192)
            .start();
    dev = KmsServer.builder().store(store).start();
  }

  @AfterAll
  static void stop() {
    checked.close();
    dev.close();
    store.close();
  }

  private static JsonNode json(RawHttp.Response r) {
    return JSON.readTree(r.body());
  }

  private static void assertError(RawHttp.Response r, int status, String type) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(json(r).get("__type").asString()).isEqualTo(type);
    assertThat(json(r).has("message")).isTrue();
    assertThat(r.headers().get("x-amzn-requestid")).isNotBlank();
    assertThat(r.headers().get("content-type")).isEqualTo("application/x-amz-json-1.1");
  }

  private static Clock at(Instant t) {
    return Clock.fixed(t, ZoneOffset.UTC);
  }

  // --- SigV4 -----------------------------------------------------------------------------------

  @Test
  void aRequestSignedByTheSdksSigner_isAnswered() throws Exception {
    try (RawHttp http = new RawHttp(checked.port())) {
      byte[] body = "{\"Limit\": 5}".getBytes(StandardCharsets.UTF_8);
      var r =
          http.send(
              "POST",
              http.signed("ListKeys", body, ADMIN_KEY, secret(ADMIN_KEY), Clock.systemUTC()),
              body);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(json(r).get("Keys").isArray()).isTrue();
      assertThat(json(r).get("Truncated").isBoolean()).isTrue();
      assertThat(r.headers().get("x-amzn-requestid")).matches("[0-9a-f-]{36}");
    }
  }

  @Test
  void aClockMoreThanFiveMinutesOff_isRejected() throws Exception {
    try (RawHttp http = new RawHttp(checked.port())) {
      byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
      Instant now = Instant.now();
      var past =
          http.send(
              "POST",
              http.signed(
                  "ListKeys",
                  body,
                  ADMIN_KEY,
                  secret(ADMIN_KEY),
                  at(now.minus(Duration.ofMinutes(6)))),
              body);
      assertError(past, 400, "InvalidSignatureException");
      assertThat(json(past).get("message").asString())
          .startsWith("Signature expired: ")
          .contains(" is now earlier than ")
          .endsWith(" - 5 min.)");
      var future =
          http.send(
              "POST",
              http.signed(
                  "ListKeys",
                  body,
                  ADMIN_KEY,
                  secret(ADMIN_KEY),
                  at(now.plus(Duration.ofMinutes(6)))),
              body);
      assertError(future, 400, "InvalidSignatureException");
      assertThat(json(future).get("message").asString()).startsWith("Signature not yet current: ");
      // Four minutes off is within AWS's tolerance.
      var close =
          http.send(
              "POST",
              http.signed(
                  "ListKeys",
                  body,
                  ADMIN_KEY,
                  secret(ADMIN_KEY),
                  at(now.minus(Duration.ofMinutes(4)))),
              body);
      assertThat(close.status()).isEqualTo(200);
    }
  }

  @Test
  void aBodyChangedAfterSigning_orAWrongSecret_isAnInvalidSignature() throws Exception {
    try (RawHttp http = new RawHttp(checked.port())) {
      byte[] body = "{\"Limit\": 5}".getBytes(StandardCharsets.UTF_8);
      var headers = http.signed("ListKeys", body, ADMIN_KEY, secret(ADMIN_KEY), Clock.systemUTC());
      var r = http.send("POST", headers, "{\"Limit\": 6}".getBytes(StandardCharsets.UTF_8));
      assertError(r, 400, "InvalidSignatureException");
      assertThat(json(r).get("message").asString())
          .startsWith(
              "The request signature we calculated does not match the signature you provided.");
      var wrong =
          http.send(
              "POST",
              http.signed("ListKeys", body, ADMIN_KEY, "wrong-secret", Clock.systemUTC()),
              body);
      assertError(wrong, 400, "InvalidSignatureException");
      // A changed target header is covered by the signature too.
      var h2 = http.signed("ListKeys", body, ADMIN_KEY, secret(ADMIN_KEY), Clock.systemUTC());
      h2.put("X-Amz-Target", "TrentService.ListAliases");
      assertError(http.send("POST", h2, body), 400, "InvalidSignatureException");
    }
  }

  @Test
  void missingOrMalformedAuthorization_isRejectedWithAwsNames() throws Exception {
    try (RawHttp http = new RawHttp(checked.port())) {
      var none = Map.of("X-Amz-Target", "TrentService.ListKeys");
      assertError(http.post(none, "{}"), 400, "MissingAuthenticationTokenException");

      var headers = RawHttp.dev("ListKeys");
      headers.put(
          "Authorization",
          "AWS4-HMAC-SHA256 Credential=AKIAADMIN00000000001/20260101/us-east-1/kms/aws4_request");
      var incomplete = http.post(headers, "{}");
      assertError(incomplete, 400, "IncompleteSignatureException");
      assertThat(json(incomplete).get("message").asString())
          .contains("Authorization header requires 'Signature' parameter.")
          .contains("Authorization header requires 'SignedHeaders' parameter.");

      var wrongService = RawHttp.dev("ListKeys");
      wrongService.put(
          "Authorization",
          wrongService
              .get("Authorization")
              .replace("/kms/", "/s3/")
              .replace("AKIADEV0000000000001", ADMIN_KEY));
      var ws = http.post(wrongService, "{}");
      assertError(ws, 400, "InvalidSignatureException");
      assertThat(json(ws).get("message").asString()).contains("'kms'");

      var unknown = RawHttp.dev("ListKeys");
      assertError(http.post(unknown, "{}"), 400, "UnrecognizedClientException");

      var hmacSha1 = RawHttp.dev("ListKeys");
      hmacSha1.put("Authorization", "AWS3-HTTPS AWSAccessKeyId=x,Algorithm=HmacSHA256,Signature=y");
      assertError(http.post(hmacSha1, "{}"), 400, "IncompleteSignatureException");
    }
  }

  // --- protocol errors and validation ----------------------------------------------------------

  @Test
  void theAuditRecord_carriesTheRequestIdTheCallerWasGiven() throws Exception {
    InMemoryAudit audit = new InMemoryAudit();
    try (KeyStore own = KeyStore.builder().world(ServerFixtures.world()).audit(audit).build();
        KmsServer server = KmsServer.builder().store(own).start();
        RawHttp http = new RawHttp(server.port())) {
      var r = http.post(RawHttp.dev("ListKeys"), "{}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      String id = r.headers().get("x-amzn-requestid");
      assertThat(audit.records()).extracting(AuditSink.Record::requestId).containsExactly(id);
      var denied = http.post(RawHttp.dev("DescribeKey"), "{\"KeyId\": \"alias/none\"}");
      assertThat(audit.records().get(1).requestId())
          .isEqualTo(denied.headers().get("x-amzn-requestid"));
    }
  }

  @Test
  void malformedJson_isASerializationException_andNeverAStackTrace() throws Exception {
    try (RawHttp http = new RawHttp(dev.port())) {
      var r = http.post(RawHttp.dev("ListKeys"), "{\"Limit\": ");
      assertError(r, 400, "SerializationException");
      assertThat(r.body()).doesNotContain("Exception:").doesNotContain("\tat ");
      assertError(http.post(RawHttp.dev("ListKeys"), "[1, 2]"), 400, "SerializationException");
      assertError(
          http.post(RawHttp.dev("ListKeys"), "{\"Limit\": 1, \"Limit\": 2}"),
          400,
          "SerializationException");
      var wrongType = http.post(RawHttp.dev("DescribeKey"), "{\"KeyId\": 5}");
      assertError(wrongType, 400, "SerializationException");
      var badBase64 =
          http.post(RawHttp.dev("Encrypt"), "{\"KeyId\": \"k\", \"Plaintext\": \"@@@\"}");
      assertError(badBase64, 400, "SerializationException");
    }
  }

  @Test
  void unknownOrMissingTargets_areUnknownOperations_andUnsupportedOnesSaySo() throws Exception {
    try (RawHttp http = new RawHttp(dev.port())) {
      assertError(http.post(RawHttp.dev("NoSuchThing"), "{}"), 400, "UnknownOperationException");
      assertError(http.post(RawHttp.dev(null), "{}"), 400, "UnknownOperationException");
      assertError(
          http.post(RawHttp.dev("CreateCustomKeyStore"), "{}"),
          400,
          "UnsupportedOperationException");
      var get = http.send("GET", RawHttp.dev("ListKeys"), new byte[0]);
      assertThat(get.status()).isEqualTo(405);
    }
  }

  @Test
  void validation_listsEveryViolation_inAwsWording() throws Exception {
    try (RawHttp http = new RawHttp(dev.port())) {
      var r = http.post(RawHttp.dev("Encrypt"), "{}");
      assertError(r, 400, "ValidationException");
      assertThat(json(r).get("message").asString())
          .isEqualTo(
              "2 validation errors detected: Value null at 'keyId' failed to satisfy constraint:"
                  + " Member must not be null; Value null at 'plaintext' failed to satisfy"
                  + " constraint: Member must not be null");
      var spec = http.post(RawHttp.dev("CreateKey"), "{\"KeySpec\": \"AES\"}");
      assertError(spec, 400, "ValidationException");
      assertThat(json(spec).get("message").asString())
          .startsWith(
              "1 validation error detected: Value 'AES' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [");
      var alias =
          http.post(
              RawHttp.dev("CreateAlias"),
              "{\"AliasName\": \"alias/has space\", \"TargetKeyId\": \"k\"}");
      assertThat(json(alias).get("message").asString())
          .contains("Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$");
      // A blob's value is never echoed.
      var big =
          http.post(
              RawHttp.dev("Encrypt"),
              "{\"KeyId\": \"k\", \"Plaintext\": \""
                  + java.util.Base64.getEncoder().encodeToString(new byte[4097])
                  + "\"}");
      assertThat(json(big).get("message").asString())
          .isEqualTo(
              "1 validation error detected: Value at 'plaintext' failed to satisfy constraint:"
                  + " Member must have length less than or equal to 4096");
    }
  }

  @Test
  void anOversizedBody_is413() throws Exception {
    try (RawHttp http = new RawHttp(checked.port())) {
      byte[] body =
          ("{\"Description\": \"" + "x".repeat(9000) + "\"}").getBytes(StandardCharsets.UTF_8);
      var r = http.send("POST", RawHttp.dev("CreateKey"), body);
      assertError(r, 413, "ValidationException");
    }
  }

  @Test
  void developmentMode_takesAnyAccessKeyAsTheRootOfTheDefaultAccount() throws Exception {
    assertThat(dev.development()).isTrue();
    try (RawHttp http = new RawHttp(dev.port())) {
      var r = http.post(RawHttp.dev("CreateKey"), "{\"Description\": \"dev\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonNode md = json(r).get("KeyMetadata");
      assertThat(md.get("AWSAccountId").asString()).isEqualTo(KmsServer.DEV_ACCOUNT);
      assertThat(md.get("CreationDate").isNumber()).as("epoch seconds").isTrue();
      assertThat(md.get("CreationDate").asDouble())
          .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60.0));
      assertThat(md.get("Enabled").asBoolean()).isTrue();
      var blob =
          http.post(
              RawHttp.dev("Encrypt"),
              "{\"KeyId\": \"" + md.get("KeyId").asString() + "\", \"Plaintext\": \"aGk=\"}");
      assertThat(blob.status()).isEqualTo(200);
      var back =
          http.post(
              RawHttp.dev("Decrypt"),
              "{\"CiphertextBlob\": \"" + json(blob).get("CiphertextBlob").asString() + "\"}");
      assertThat(json(back).get("Plaintext").asString()).isEqualTo("aGk=");
    }
    assertThatThrownBy(() -> KmsServer.builder().store(store).host("0.0.0.0").start())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback");
  }

  // --- limits and transport ----------------------------------------------------------------------

  @Test
  void overTheRequestQuota_callsAreThrottled() throws Exception {
    try (KmsServer limited = KmsServer.builder().store(store).requestsPerSecond(3).start();
        RawHttp http = new RawHttp(limited.port())) {
      int throttled = 0;
      int ok = 0;
      for (int i = 0; i < 10; i++) {
        var r = http.post(RawHttp.dev("ListKeys"), "{}");
        if (r.status() == 400 && json(r).get("__type").asString().equals("ThrottlingException")) {
          assertThat(json(r).get("message").asString()).isEqualTo("Rate exceeded");
          throttled++;
        } else {
          assertThat(r.status()).isEqualTo(200);
          ok++;
        }
      }
      assertThat(ok).isBetween(3, 5);
      assertThat(throttled).isGreaterThanOrEqualTo(5);
    }
  }

  @Test
  void aKeptAliveConnection_answersManyRequestsQuickly_becauseNagleIsOff() throws Exception {
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    try (RawHttp http = new RawHttp(dev.port())) {
      for (int i = 0; i < 50; i++) {
        http.post(RawHttp.dev("GenerateRandom"), "{\"NumberOfBytes\": 16}");
      }
      int n = 300;
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        var r = http.post(RawHttp.dev("GenerateRandom"), "{\"NumberOfBytes\": 16}");
        assertThat(r.status()).isEqualTo(200);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      // With Nagle's algorithm and delayed ACKs a response waits ~40 ms: 300 would take ≥ 12 s.
      assertThat(took).isLessThan(Duration.ofSeconds(3));
    }
  }
}
