package dev.keyvet.runtime.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * HTTP/1.1 on one kept-alive socket, with requests signed by the AWS SDK's own SigV4 signer, so
 * that tests can send what the SDK client would not: wrong clocks, altered bodies, bad headers.
 */
final class RawHttp implements AutoCloseable {
  /** A response: status, headers (lower-case names), body. */
  record Response(int status, Map<String, String> headers, String body) {}

  private final int port;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) throws IOException {
    this.port = port;
    this.socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(10_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Headers of a KMS call, signed by the SDK's signer with the given clock and credentials. */
  Map<String, String> signed(
      String target, byte[] body, String accessKey, String secret, Clock clock) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("http://127.0.0.1:" + port + "/"))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", "TrentService." + target)
            .build();
    var signedRequest =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create(accessKey, secret))
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    Map<String, String> h = new LinkedHashMap<>();
    signedRequest.request().headers().forEach((k, v) -> h.put(k, String.join(",", v)));
    return h;
  }

  /** Headers of an unsigned development-mode call (a parseable but unchecked Authorization). */
  static Map<String, String> dev(String target) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "application/x-amz-json-1.1");
    if (target != null) {
      h.put("X-Amz-Target", "TrentService." + target);
    }
    String now = SigV4.amzDate(java.time.Instant.now());
    h.put("X-Amz-Date", now);
    h.put(
        "Authorization",
        "AWS4-HMAC-SHA256 Credential=AKIADEV0000000000001/"
            + now.substring(0, 8)
            + "/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature="
            + "0".repeat(64));
    return h;
  }

  Response send(String method, Map<String, String> headers, byte[] body) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(" / HTTP/1.1\r\n");
    boolean host = false;
    for (var e : headers.entrySet()) {
      host |= e.getKey().equalsIgnoreCase("host");
      sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
    }
    if (!host) {
      sb.append("Host: 127.0.0.1:").append(port).append("\r\n");
    }
    sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    return read();
  }

  Response post(Map<String, String> headers, String body) throws IOException {
    return send("POST", headers, body.getBytes(StandardCharsets.UTF_8));
  }

  private Response read() throws IOException {
    String status = line();
    int code = Integer.parseInt(status.split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String l = line(); !l.isEmpty(); l = line()) {
      int c = l.indexOf(':');
      headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Response(code, headers, new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    if (c == -1 && b.size() == 0) {
      throw new IOException("connection closed");
    }
    return b.toString(StandardCharsets.US_ASCII);
  }

  static List<String> lines(String s) {
    return List.of(s.split("\n"));
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
