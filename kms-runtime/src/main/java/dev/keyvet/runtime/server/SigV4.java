package dev.keyvet.runtime.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on a request: the {@code Authorization} header's credential
 * scope ({@code date/region/kms/aws4_request}), the canonical request over the signed headers and
 * the payload's SHA-256, the request time within five minutes, and the signature compared in
 * constant time. Without credentials (development mode) the header is still parsed, for the Region
 * and access key, but the signature is not checked.
 */
final class SigV4 {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final Duration MAX_SKEW = Duration.ofMinutes(5);

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SCOPE_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  /** Who signed: the principal calls are made as, the Region of the scope. */
  record Identity(String accessKeyId, String principal, String region, String viaService) {}

  /** The parts of a request the signature covers. */
  record Request(
      String method,
      String rawPath,
      String rawQuery,
      Function<String, List<String>> headers,
      byte[] body) {
    String header(String name) {
      List<String> v = headers.apply(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  private final Credentials credentials;
  private final String devPrincipal;

  /** Checks signatures against {@code credentials}. */
  static SigV4 checking(Credentials credentials) {
    return new SigV4(credentials, null);
  }

  /** Development mode: any access key is {@code principal}; signatures are not checked. */
  static SigV4 development(String principal) {
    return new SigV4(null, principal);
  }

  private SigV4(Credentials credentials, String devPrincipal) {
    this.credentials = credentials;
    this.devPrincipal = devPrincipal;
  }

  Identity verify(Request r, Instant now) {
    String auth = r.header("Authorization");
    if (auth == null) {
      if (r.rawQuery() != null && r.rawQuery().contains("X-Amz-Signature=")) {
        throw new AwsError(
            "IncompleteSignatureException",
            "Query string authentication is not supported; sign the Authorization header.");
      }
      throw new AwsError("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    auth = auth.strip();
    int space = auth.indexOf(' ');
    String algorithm = space < 0 ? auth : auth.substring(0, space);
    if (!algorithm.equals(ALGORITHM)) {
      throw new AwsError(
          "IncompleteSignatureException",
          "Unsupported AWS 'algorithm': '"
              + shorten(algorithm)
              + "'. Only "
              + ALGORITHM
              + " is supported.");
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    // Name=value pairs separated by commas: `\s*([A-Za-z]+)=([^,]*)` one after the other.
    String params = space < 0 ? "" : auth.substring(space + 1);
    int at = 0;
    int n = params.length();
    while (at < n) {
      int name = at;
      while (name < n && isSpace(params.charAt(name))) {
        name++;
      }
      int eq = name;
      while (eq < n && isAsciiLetter(params.charAt(eq))) {
        eq++;
      }
      if (eq == name || eq >= n || params.charAt(eq) != '=') {
        break;
      }
      int comma = params.indexOf(',', eq + 1);
      int end = comma < 0 ? n : comma;
      String value = params.substring(eq + 1, end).strip();
      switch (params.substring(name, eq)) {
        case "Credential" -> credential = value;
        case "SignedHeaders" -> signedHeaders = value;
        case "Signature" -> signature = value;
        default -> {}
      }
      at = comma < 0 ? n : comma + 1;
    }
    List<String> missing = new ArrayList<>();
    if (credential == null) {
      missing.add("Authorization header requires 'Credential' parameter.");
    }
    if (signature == null) {
      missing.add("Authorization header requires 'Signature' parameter.");
    }
    if (signedHeaders == null) {
      missing.add("Authorization header requires 'SignedHeaders' parameter.");
    }
    String amzDate = r.header("X-Amz-Date");
    String date = r.header("Date");
    if (amzDate == null && date == null) {
      missing.add(
          "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date'"
              + " header.");
    }
    if (!missing.isEmpty()) {
      throw new AwsError(
          "IncompleteSignatureException",
          String.join(" ", missing) + " Authorization=" + shorten(algorithm));
    }
    String[] scope = credential.split("/", -1);
    if (scope.length != 5 || scope[0].isEmpty()) {
      throw new AwsError(
          "IncompleteSignatureException",
          "Credential should be scoped to a valid Region, service and date:"
              + " ACCESS_KEY/YYYYMMDD/REGION/kms/aws4_request.");
    }
    String accessKeyId = scope[0];
    String region = scope[2];
    if (!scope[4].equals("aws4_request")) {
      throw new AwsError(
          "InvalidSignatureException",
          "Credential should be scoped with a valid terminator: 'aws4_request', not '"
              + shorten(scope[4])
              + "'.");
    }
    if (!scope[3].equals("kms")) {
      throw new AwsError(
          "InvalidSignatureException", "Credential should be scoped to correct service: 'kms'.");
    }
    if (!dev.keyvet.runtime.Regions.valid(region)) {
      throw new AwsError(
          "InvalidSignatureException", "Credential should be scoped to a valid region.");
    }
    Instant signedAt = requestTime(amzDate, date);
    if (!scope[1].equals(scopeDate(signedAt))) {
      throw new AwsError(
          "InvalidSignatureException",
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
              + " HTTP: '"
              + shorten(scope[1])
              + "' != '"
              + SCOPE_DATE.format(signedAt)
              + "', from '"
              + AMZ_DATE.format(signedAt)
              + "'.");
    }
    if (signedAt.isBefore(now.minus(MAX_SKEW))) {
      throw new AwsError(
          "InvalidSignatureException",
          "Signature expired: "
              + AMZ_DATE.format(signedAt)
              + " is now earlier than "
              + AMZ_DATE.format(now.minus(MAX_SKEW))
              + " ("
              + AMZ_DATE.format(now)
              + " - 5 min.)");
    }
    if (signedAt.isAfter(now.plus(MAX_SKEW))) {
      throw new AwsError(
          "InvalidSignatureException",
          "Signature not yet current: "
              + AMZ_DATE.format(signedAt)
              + " is still later than "
              + AMZ_DATE.format(now.plus(MAX_SKEW))
              + " ("
              + AMZ_DATE.format(now)
              + " + 5 min.)");
    }
    if (credentials == null) {
      return new Identity(accessKeyId, devPrincipal, region, null);
    }
    Credentials.Entry entry = credentials.get(accessKeyId);
    if (entry == null) {
      throw new AwsError(
          "UnrecognizedClientException", "The security token included in the request is invalid.");
    }
    List<String> names = List.of(signedHeaders.split(";", -1));
    if (!names.contains("host")) {
      throw new AwsError(
          "InvalidSignatureException",
          "'Host' or ':authority' must be a 'SignedHeader' in the" + " AWS Authorization.");
    }
    if (amzDate != null && !names.contains("x-amz-date")) {
      throw new AwsError(
          "InvalidSignatureException",
          "'X-Amz-Date' must be a 'SignedHeader' in the AWS" + " Authorization.");
    }
    byte[] expected;
    try {
      String canonical = canonicalRequest(r, names);
      String stringToSign =
          ALGORITHM
              + "\n"
              + (amzDate != null ? amzDate : AMZ_DATE.format(signedAt))
              + "\n"
              + scope[1]
              + "/"
              + region
              + "/kms/aws4_request\n"
              + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
      byte[] key = signingKeys.get(accessKeyId, entry.secret(), scope[1], region);
      expected =
          HexFormat.of()
              .formatHex(hmac(key, stringToSign.getBytes(StandardCharsets.UTF_8)))
              .getBytes(StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw new AwsError("IncompleteSignatureException", e.getMessage());
    }
    byte[] given = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    boolean wellFormed = isLowerHex64(signature.toLowerCase(Locale.ROOT));
    if (!MessageDigest.isEqual(expected, given) || !wellFormed) {
      throw new AwsError(
          "InvalidSignatureException",
          "The request signature we calculated does not match the signature you provided."
              + " Check your AWS Secret Access Key and signing method. Consult the service"
              + " documentation for details.");
    }
    return new Identity(accessKeyId, entry.principal(), region, entry.viaService());
  }

  /** The last X-Amz-Date parsed and its instant: a client signs many requests a second. */
  private static volatile Object[] lastAmzDate = {"", Instant.EPOCH};

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isLowerHex64(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static Instant requestTime(String amzDate, String date) {
    try {
      if (amzDate != null) {
        Object[] last = lastAmzDate;
        if (last[0].equals(amzDate)) {
          return (Instant) last[1];
        }
        Instant t = ZonedDateTime.parse(amzDate, AMZ_DATE).toInstant();
        lastAmzDate = new Object[] {amzDate, t};
        return t;
      }
      return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new AwsError(
          "IncompleteSignatureException",
          "Date must be in ISO-8601 'basic format'. Got '"
              + shorten(amzDate != null ? amzDate : date)
              + "'. See http://en.wikipedia.org/wiki/ISO_8601");
    }
  }

  /** The canonical request of SigV4 (for services other than S3). */
  static String canonicalRequest(Request r, List<String> signedHeaders) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.method()).append('\n');
    sb.append(canonicalPath(r.rawPath())).append('\n');
    sb.append(canonicalQuery(r.rawQuery())).append('\n');
    for (String name : signedHeaders) {
      if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("SignedHeaders must be lower case, separated by ';'");
      }
      List<String> values = r.headers().apply(name);
      if (values == null) {
        throw new IllegalArgumentException("signed header " + name + " is missing");
      }
      sb.append(name).append(':');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        appendTrimmed(sb, values.get(i));
      }
      sb.append('\n');
    }
    sb.append('\n').append(String.join(";", signedHeaders)).append('\n');
    sb.append(hex(sha256(r.body())));
    return sb.toString();
  }

  /** A header value with its ends trimmed and inner runs of spaces made one, as SigV4 wants. */
  private static void appendTrimmed(StringBuilder sb, String v) {
    String s = v.strip();
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ') {
        if (!space) {
          sb.append(' ');
        }
        space = true;
      } else {
        sb.append(c);
        space = false;
      }
    }
  }

  /** Each path segment URI-encoded twice, as the SDKs sign for services other than S3. */
  private static String canonicalPath(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    StringBuilder sb = new StringBuilder();
    String[] segments = rawPath.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        sb.append('/');
      }
      sb.append(encode(segments[i]));
    }
    return sb.toString();
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> params = new ArrayList<>();
    for (String p : rawQuery.split("&")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String k = eq < 0 ? p : p.substring(0, eq);
      String v = eq < 0 ? "" : p.substring(eq + 1);
      params.add(new String[] {encode(decode(k)), encode(decode(v))});
    }
    params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    List<String> parts = new ArrayList<>();
    for (String[] p : params) {
      parts.add(p[0] + "=" + p[1]);
    }
    return String.join("&", parts);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** RFC 3986 encoding: unreserved characters as they are, everything else %XX. */
  static String encode(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  static byte[] signingKey(byte[] secret, String date, String region, String service) {
    byte[] k = new byte[secret.length + 4];
    System.arraycopy("AWS4".getBytes(StandardCharsets.US_ASCII), 0, k, 0, 4);
    System.arraycopy(secret, 0, k, 4, secret.length);
    try {
      byte[] kDate = hmac(k, date.getBytes(StandardCharsets.UTF_8));
      byte[] kRegion = hmac(kDate, region.getBytes(StandardCharsets.UTF_8));
      byte[] kService = hmac(kRegion, service.getBytes(StandardCharsets.UTF_8));
      return hmac(kService, "aws4_request".getBytes(StandardCharsets.UTF_8));
    } finally {
      java.util.Arrays.fill(k, (byte) 0);
    }
  }

  private static final ThreadLocal<Mac> HMAC =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance("HmacSHA256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("HmacSHA256 is not available", e);
            }
          });

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("SHA-256 is not available", e);
            }
          });

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = HMAC.get();
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  static byte[] sha256(byte[] data) {
    return SHA256.get().digest(data);
  }

  /**
   * Signing keys derived so far, by access key, date and Region: the key changes once a day, so
   * deriving it (four HMACs) for every request is waste. The SDKs cache it the same way. Bounded;
   * held only in memory, like the secrets they come from.
   */
  private final SigningKeys signingKeys = new SigningKeys();

  private static final class SigningKeys {
    private record Scope(String accessKeyId, String date, String region) {}

    private final java.util.concurrent.ConcurrentHashMap<Scope, byte[]> keys =
        new java.util.concurrent.ConcurrentHashMap<>();

    byte[] get(String accessKeyId, byte[] secret, String date, String region) {
      Scope s = new Scope(accessKeyId, date, region);
      byte[] k = keys.get(s);
      if (k == null) {
        k = signingKey(secret, date, region, "kms");
        if (keys.size() >= 1024) {
          keys.clear();
        }
        keys.put(s, k);
      }
      return k;
    }
  }

  static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  /** The last instant whose scope date was formatted, and that date. */
  private static volatile Object[] lastScopeDate = {
    Instant.EPOCH, SCOPE_DATE.format(Instant.EPOCH)
  };

  static String scopeDate(Instant t) {
    Object[] last = lastScopeDate;
    if (last[0].equals(t)) {
      return (String) last[1];
    }
    String d = SCOPE_DATE.format(t);
    lastScopeDate = new Object[] {t, d};
    return d;
  }

  static String amzDate(Instant t) {
    return AMZ_DATE.format(t);
  }

  static LocalDate date(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  private static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }
}
