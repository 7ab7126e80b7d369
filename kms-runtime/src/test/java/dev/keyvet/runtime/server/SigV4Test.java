package dev.keyvet.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Signature checks on requests built here; the AWS SDK tests sign with the real SDK. */
class SigV4Test {
  private static final String ACCESS = "AKIAEXAMPLEACCESS001";
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");
  private static final byte[] BODY = "{\"KeyId\":\"alias/app\"}".getBytes(StandardCharsets.UTF_8);

  private final SigV4 sigV4 =
      SigV4.checking(
          Credentials.parse(
              "credentials",
              List.of(ACCESS + " " + SECRET + " arn:aws:iam::111122223333:role/App")));

  @Test
  void signingKey_matchesAwsPublishedExample() {
    byte[] key =
        SigV4.signingKey(SECRET.getBytes(StandardCharsets.UTF_8), "20120215", "us-east-1", "iam");
    assertThat(HexFormat.of().formatHex(key))
        .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  }

  private static Map<String, List<String>> headers(String hostValue) {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.put("Host", List.of(hostValue));
    h.put("X-Amz-Date", List.of("20261129T060000Z"));
    h.put("X-Amz-Target", List.of("TrentService.Encrypt"));
    return h;
  }

  private static String signature(Map<String, List<String>> h, String scopeRegion) {
    List<String> signed = List.of("host", "x-amz-date", "x-amz-target");
    SigV4.Request r = new SigV4.Request("POST", "/", null, h::get, BODY);
    String canonical = SigV4.canonicalRequest(r, signed);
    String toSign =
        "AWS4-HMAC-SHA256\n20261129T060000Z\n20261129/"
            + scopeRegion
            + "/kms/aws4_request\n"
            + SigV4.hex(SigV4.sha256(canonical.getBytes(StandardCharsets.UTF_8)));
    byte[] key =
        SigV4.signingKey(SECRET.getBytes(StandardCharsets.UTF_8), "20261129", scopeRegion, "kms");
    return SigV4.hex(SigV4.hmac(key, toSign.getBytes(StandardCharsets.UTF_8)));
  }

  private SigV4.Identity verify(Map<String, List<String>> h, String authorization) {
    Map<String, List<String>> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    all.putAll(h);
    all.put("Authorization", List.of(authorization));
    return sigV4.verify(new SigV4.Request("POST", "/", null, all::get, BODY), NOW);
  }

  /** The AWS error a request with {@code authorization} is refused with. */
  private String refusal(Map<String, List<String>> h, String authorization) {
    try {
      verify(h, authorization);
    } catch (AwsError e) {
      return e.type();
    }
    throw new AssertionError("accepted: " + authorization);
  }

  @Test
  void aCorrectSignature_isAccepted_withTheScopesRegion_andAnyParameterLayout() {
    Map<String, List<String>> h = headers("localhost:4599");
    String sig = signature(h, "eu-west-1");
    String credential = ACCESS + "/20261129/eu-west-1/kms/aws4_request";
    SigV4.Identity who =
        verify(
            h,
            "AWS4-HMAC-SHA256 Credential="
                + credential
                + ", SignedHeaders=host;x-amz-date;x-amz-target, Signature="
                + sig);
    assertThat(who.principal()).isEqualTo("arn:aws:iam::111122223333:role/App");
    assertThat(who.region()).isEqualTo("eu-west-1");
    // Order, spacing and the case of the hex signature do not matter.
    assertThat(
            verify(
                    h,
                    "AWS4-HMAC-SHA256  Signature="
                        + sig.toUpperCase(Locale.ROOT)
                        + " ,\tSignedHeaders=host;x-amz-date;x-amz-target ,Credential="
                        + credential)
                .accessKeyId())
        .isEqualTo(ACCESS);
  }

  @Test
  void headerValues_areTrimmed_andInnerSpacesCollapsed_asSigned() {
    Map<String, List<String>> loose = headers("  localhost:4599   ");
    loose.put("X-Amz-Target", List.of("TrentService.Encrypt  "));
    Map<String, List<String>> tight = headers("localhost:4599");
    List<String> signed = List.of("host", "x-amz-date", "x-amz-target");
    assertThat(
            SigV4.canonicalRequest(new SigV4.Request("POST", "/", null, loose::get, BODY), signed))
        .isEqualTo(
            SigV4.canonicalRequest(new SigV4.Request("POST", "/", null, tight::get, BODY), signed));
    Map<String, List<String>> inner = headers("a    b  c");
    assertThat(
            SigV4.canonicalRequest(new SigV4.Request("POST", "/", null, inner::get, BODY), signed))
        .contains("\nhost:a b c\n");
  }

  @Test
  void wrongSignatures_andMalformedParameters_areRefusedWithAwsErrorNames() {
    Map<String, List<String>> h = headers("localhost:4599");
    String credential = ACCESS + "/20261129/us-east-1/kms/aws4_request";
    String sig = signature(h, "us-east-1");
    String flipped = (sig.charAt(0) == 'a' ? "b" : "a") + sig.substring(1);
    assertThat(
            refusal(
                h,
                "AWS4-HMAC-SHA256 Credential="
                    + credential
                    + ", SignedHeaders=host;x-amz-date;x-amz-target, Signature="
                    + flipped))
        .isEqualTo("InvalidSignatureException");
    // A parameter name that is not letters ends the list: what follows is not read.
    assertThat(
            refusal(
                h,
                "AWS4-HMAC-SHA256 Credential="
                    + credential
                    + ", X-Bad=1, SignedHeaders=host;x-amz-date;x-amz-target, Signature="
                    + sig))
        .isEqualTo("IncompleteSignatureException");
    assertThat(
            refusal(
                h,
                "AWS4-HMAC-SHA256 Credential="
                    + credential
                    + ", SignedHeaders=host;x-amz-date;x-amz-target, Signature=12ab"))
        .isEqualTo("InvalidSignatureException");
    assertThat(
            refusal(
                h,
                "AWS4-HMAC-SHA256 Credential="
                    + ACCESS
                    + "/20261129/Not_A_Region/kms/aws4_request, SignedHeaders=host;x-amz-date,"
                    + " Signature="
                    + sig))
        .isEqualTo("InvalidSignatureException");
  }
}
