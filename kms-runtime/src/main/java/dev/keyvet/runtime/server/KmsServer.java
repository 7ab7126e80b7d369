package dev.keyvet.runtime.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keyvet.runtime.Call;
import dev.keyvet.runtime.KeyStore;
import dev.keyvet.runtime.KmsException;
import dev.keyvet.runtime.RequestIds;
import dev.keyvet.runtime.TimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AWS KMS endpoint of a {@link KeyStore}: AWS JSON 1.1 over HTTP ({@code POST /} with {@code
 * X-Amz-Target: TrentService.<Operation>}), every request authenticated with Signature Version 4
 * (or, in development mode, taken as the root user of account 111122223333 and bound to loopback),
 * then handed to the store, which authorizes and audits it.
 *
 * <p>The JDK's HTTP server is used with {@code TCP_NODELAY} (without it, Nagle's algorithm and
 * delayed acknowledgements hold each keep-alive response for tens of milliseconds). Its settings
 * are read once per process, when the first server is created; this class sets {@code
 * sun.net.httpserver.nodelay} and the connection limit {@code jdk.httpserver.maxConnections} before
 * that unless they are already set.
 */
public final class KmsServer implements AutoCloseable {
  /** The account development mode serves. */
  public static final String DEV_ACCOUNT = "111122223333";

  /** Connections accepted at once, unless {@code jdk.httpserver.maxConnections} is set. */
  public static final int DEFAULT_MAX_CONNECTIONS = 256;

  /** The largest request body accepted (bytes). */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 256 * 1024;

  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    if (System.getProperty("jdk.httpserver.maxConnections") == null) {
      System.setProperty(
          "jdk.httpserver.maxConnections", Integer.toString(DEFAULT_MAX_CONNECTIONS));
    }
  }

  private static final String JSON = "application/x-amz-json-1.1";
  private static final String PREFIX = "TrentService.";

  private final KeyStore store;
  private final Operations operations;
  private final SigV4 sigV4;
  private final boolean development;
  private final TimeSource clock;
  private final RateQuota quota;
  private final int maxRequestBytes;
  private final Consumer<String> log;
  private final HttpServer http;
  private final boolean secure;
  private final RequestIds requestIds = RequestIds.secure();
  private final ExecutorService executor;
  private final JsonMapper mapper;

  private KmsServer(Builder b) throws IOException {
    this.store = Objects.requireNonNull(b.store, "store");
    this.operations = new Operations(store);
    this.development = b.credentials == null;
    this.sigV4 = development ? SigV4.development(DEV_ACCOUNT) : SigV4.checking(b.credentials);
    this.clock = b.clock;
    this.quota = b.requestsPerSecond > 0 ? new RateQuota(b.requestsPerSecond) : null;
    this.maxRequestBytes = b.maxRequestBytes;
    this.log = b.log;
    InetAddress host = InetAddress.getByName(b.host);
    if (development && !host.isLoopbackAddress()) {
      throw new IllegalArgumentException(
          "without credentials the server runs in development mode and binds only to loopback,"
              + " not "
              + b.host);
    }
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxStringLength(maxRequestBytes)
                    .maxNumberLength(64)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper = JsonMapper.builder(factory).build();
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            b.threads,
            b.threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "kms-server-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.executor = pool;
    this.secure = b.tls != null;
    if (secure) {
      com.sun.net.httpserver.HttpsServer https =
          com.sun.net.httpserver.HttpsServer.create(new InetSocketAddress(host, b.port), 128);
      https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(b.tls));
      this.http = https;
    } else {
      this.http = HttpServer.create(new InetSocketAddress(host, b.port), 128);
    }
    http.setExecutor(executor);
    http.createContext("/", this::handle);
    if (b.bareEndpoint) {
      http.createContext("/bare", this::bare);
    }
    http.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on (the chosen one when the builder asked for port 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The endpoint URL, e.g. {@code http://127.0.0.1:4566}. */
  public String endpoint() {
    InetSocketAddress a = http.getAddress();
    String h = a.getAddress().getHostAddress();
    if (h.contains(":")) {
      h = "[" + h + "]";
    }
    return (secure ? "https://" : "http://") + h + ":" + a.getPort();
  }

  /** True when signatures are not checked and every caller is the root of {@link #DEV_ACCOUNT}. */
  public boolean development() {
    return development;
  }

  /** Stops accepting requests, lets those in progress finish (up to two seconds). */
  @Override
  public void close() {
    http.stop(1);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  // --- one exchange ----------------------------------------------------------------------------

  private static final byte[] EMPTY_OBJECT = {'{', '}'};

  private void bare(HttpExchange ex) throws IOException {
    try (var in = ex.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    ex.getResponseHeaders().set("Content-Type", JSON);
    ex.getResponseHeaders().set("x-amzn-RequestId", requestIds.next());
    ex.sendResponseHeaders(200, EMPTY_OBJECT.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(EMPTY_OBJECT);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String requestId = requestIds.next();
    int status;
    byte[] body;
    try {
      body = mapper.writeValueAsBytes(process(ex, requestId).node);
      status = 200;
    } catch (AwsError e) {
      status = e.status();
      body = error(e.type(), e.getMessage());
    } catch (KmsException e) {
      AwsError w = Operations.wire(e);
      status = w.status();
      body = error(w.type(), w.getMessage());
    } catch (RuntimeException e) {
      log.accept("request " + requestId + " failed: " + e.getClass().getName() + " (answered 500)");
      status = 500;
      body = error("KMSInternalException", "The request could not be completed.");
    }
    var headers = ex.getResponseHeaders();
    headers.set("Content-Type", JSON);
    headers.set("x-amzn-RequestId", requestId);
    if (status == 413) {
      headers.set("Connection", "close");
    }
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
  }

  private byte[] error(String type, String message) {
    var node = Out.NODES.objectNode();
    node.put("__type", type);
    node.put("message", message == null ? "" : message);
    return mapper.writeValueAsBytes(node);
  }

  private Out process(HttpExchange ex, String requestId) throws IOException {
    byte[] body = readBody(ex);
    if (quota != null && !quota.tryAcquire()) {
      throw new AwsError("ThrottlingException", "Rate exceeded");
    }
    if (!ex.getRequestMethod().equals("POST") || !"/".equals(ex.getRequestURI().getRawPath())) {
      throw new AwsError(
          "UnknownOperationException",
          "The KMS endpoint answers POST / with an X-Amz-Target header",
          ex.getRequestMethod().equals("POST") ? 404 : 405);
    }
    var headers = ex.getRequestHeaders();
    SigV4.Identity who =
        sigV4.verify(
            new SigV4.Request(
                ex.getRequestMethod(),
                ex.getRequestURI().getRawPath(),
                ex.getRequestURI().getRawQuery(),
                headers::get,
                body),
            clock.now());
    String target = headers.getFirst("X-Amz-Target");
    if (target == null || !target.startsWith(PREFIX)) {
      throw new AwsError("UnknownOperationException", null);
    }
    String name = target.substring(PREFIX.length());
    Operations.Handler handler = operations.get(name);
    if (handler == null) {
      if (Operations.UNSUPPORTED.contains(name)) {
        throw new AwsError(
            "UnsupportedOperationException", name + " is not supported by this server");
      }
      throw new AwsError("UnknownOperationException", null);
    }
    String contentType = headers.getFirst("Content-Type");
    if (contentType != null
        && !contentType.startsWith("application/x-amz-json")
        && !contentType.startsWith("application/json")) {
      throw AwsError.serialization("Content-Type must be " + JSON);
    }
    JsonNode json = parse(body);
    Call call =
        new Call(
            who.principal(),
            who.region(),
            null,
            Map.of(
                "aws:SourceIp",
                List.of(ex.getRemoteAddress().getAddress().getHostAddress()),
                "aws:SecureTransport",
                List.of(secure ? "true" : "false")),
            false,
            requestId);
    if (who.viaService() != null) {
      call = call.via(who.viaService());
    }
    return handler.handle(new Input(json), new Operations.Ctx(call));
  }

  private JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return Out.NODES.objectNode();
    }
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (JacksonException e) {
      var at = e.getLocation();
      throw AwsError.serialization(
          "the request body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (json == null || !json.isObject()) {
      throw AwsError.serialization("Start of list found where not expected");
    }
    return json;
  }

  private byte[] readBody(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      long n;
      try {
        n = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw AwsError.serialization("Content-Length is not a number");
      }
      if (n > maxRequestBytes) {
        throw tooLarge();
      }
    }
    try (InputStream in = ex.getRequestBody()) {
      byte[] data = in.readNBytes(maxRequestBytes + 1);
      if (data.length > maxRequestBytes) {
        throw tooLarge();
      }
      return data;
    }
  }

  private AwsError tooLarge() {
    return new AwsError(
        "ValidationException",
        "Request body is larger than the limit of " + maxRequestBytes + " bytes",
        413);
  }

  /** Builds and starts a {@link KmsServer}. */
  public static final class Builder {
    private KeyStore store;
    private String host = "127.0.0.1";
    private int port;
    private Credentials credentials;
    private TimeSource clock = TimeSource.system();
    private int requestsPerSecond;
    private boolean bareEndpoint;
    private javax.net.ssl.SSLContext tls;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private int threads = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
    private Consumer<String> log = s -> {};

    private Builder() {}

    /** The store every call goes to; the server does not close it. */
    public Builder store(KeyStore s) {
      this.store = Objects.requireNonNull(s);
      return this;
    }

    /** The address to bind (default 127.0.0.1); development mode allows only loopback. */
    public Builder host(String h) {
      this.host = Objects.requireNonNull(h);
      return this;
    }

    /** The port (default 0: any free port; see {@link KmsServer#port()}). */
    public Builder port(int p) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("a port is 0 to 65535");
      }
      this.port = p;
      return this;
    }

    /** Check signatures against these; without, the server runs in development mode. */
    public Builder credentials(Credentials c) {
      this.credentials = c;
      return this;
    }

    /** The clock request times are checked against (default: the system clock). */
    public Builder clock(TimeSource c) {
      this.clock = Objects.requireNonNull(c);
      return this;
    }

    /** A request quota per second answering ThrottlingException over it; 0 (default): none. */
    /**
     * Also answer {@code POST /bare} with {@code {}} and nothing else: the same server stack
     * (connection handling, executor, body read, JSON response) without parsing, signature,
     * authorization, cryptography or audit. The baseline of the load benchmark.
     */
    public Builder bareEndpoint(boolean on) {
      this.bareEndpoint = on;
      return this;
    }

    /**
     * Serve HTTPS with this context (see {@link ServerTls}); requests are then secure transport.
     */
    public Builder tls(javax.net.ssl.SSLContext context) {
      this.tls = context;
      return this;
    }

    public Builder requestsPerSecond(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("the request quota cannot be negative");
      }
      this.requestsPerSecond = n;
      return this;
    }

    /** The largest request body (default 256 KiB); larger ones get HTTP 413. */
    public Builder maxRequestBytes(int n) {
      if (n < 1024) {
        throw new IllegalArgumentException("the request size limit must be at least 1024 bytes");
      }
      this.maxRequestBytes = n;
      return this;
    }

    /** Worker threads (default 4 per processor, at least 4). */
    public Builder threads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("at least one thread");
      }
      this.threads = n;
      return this;
    }

    /** Where the server reports internal failures (never with secrets or key material). */
    public Builder log(Consumer<String> l) {
      this.log = Objects.requireNonNull(l);
      return this;
    }

    /** Binds and starts the server. */
    public KmsServer start() throws IOException {
      return new KmsServer(this);
    }
  }
}
