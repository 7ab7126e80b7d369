package dev.keyvet.runtime.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/** The on-disk format shared by the writer and the verifier. */
final class AuditFormat {
  static final String EVENT_VERSION = "1.09";
  static final String EVENT_SOURCE = "kms.amazonaws.com";

  /** {@code prev} of the first record: no predecessor. */
  static final String GENESIS = "0".repeat(64);

  static final String EVENT = "event";
  static final String CHECKPOINT = "checkpoint";
  static final String RECOVERY = "recovery";

  /** Why a checkpoint was written. */
  static final String ON_INTERVAL = "interval";

  static final String ON_ROTATE = "rotate";
  static final String ON_CLOSE = "close";
  static final String ON_REQUEST = "request";

  /** Prefixed to the signed bytes so a checkpoint signature means nothing elsewhere. */
  static final byte[] SIGNATURE_DOMAIN =
      "keyvet-audit-checkpoint-v1\n".getBytes(StandardCharsets.US_ASCII);

  /** The last member of a checkpoint line: everything before it is signed. */
  static final String SIG_MEMBER = ",\"sig\":\"";

  static final Pattern SIG_TAIL = Pattern.compile(",\"sig\":\"([A-Za-z0-9+/]+={0,2})\"}$");

  private static final Pattern FILE = Pattern.compile("audit-(\\d{10})\\.jsonl");
  private static final HexFormat HEX = HexFormat.of();

  /** Writes events: no pretty printing, no escaping beyond JSON's. */
  /** Buffers recycled per thread: the shared pool's deque was contended by concurrent appends. */
  static final JsonMapper WRITER =
      JsonMapper.builder(
              tools.jackson.core.json.JsonFactory.builder()
                  .recyclerPool(tools.jackson.core.util.JsonRecyclerPools.threadLocalPool())
                  .build())
          .build();

  /** Reads records: duplicate members are an error, so an appended copy cannot shadow a field. */
  static final JsonMapper READER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private AuditFormat() {}

  static String fileName(long index) {
    return String.format("audit-%010d.jsonl", index);
  }

  /** The index of a log file name, or -1 for other names. */
  static long fileIndex(String name) {
    Matcher m = FILE.matcher(name);
    return m.matches() ? Long.parseLong(m.group(1)) : -1;
  }

  /** The log files of a directory, in order. */
  static List<Path> logFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (fileIndex(p.getFileName().toString()) >= 0 && Files.isRegularFile(p)) {
          files.add(p);
        }
      }
    }
    files.sort(Comparator.comparingLong(p -> fileIndex(p.getFileName().toString())));
    return files;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  static String sha256Hex(byte[] bytes, int off, int len) {
    MessageDigest md = sha256();
    md.update(bytes, off, len);
    return hex(md.digest());
  }

  /** CloudTrail's event time: UTC, whole seconds. */
  static String eventTime(Instant t) {
    Object[] last = lastEventTime;
    if ((long) last[0] == t.getEpochSecond()) {
      return (String) last[1];
    }
    String text = DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    lastEventTime = new Object[] {t.getEpochSecond(), text};
    return text;
  }

  /** The last second formatted as an event time: records come many to a second. */
  private static volatile Object[] lastEventTime = {Long.MIN_VALUE, ""};

  /** Checkpoint and recovery times: UTC, milliseconds. */
  static String recordTime(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * The event's JSON object without the log's own members ({@code record}, {@code seq}, {@code
   * prev}), which the writer puts in front when the record's place in the chain is known. Secret
   * members are dropped here.
   */
  static byte[] eventBody(AuditEvent e, Instant time, String eventId) {
    Map<String, Object> request = SecretFields.scrub(e.requestParameters(), "requestParameters");
    Map<String, Object> response = SecretFields.scrub(e.responseElements(), "responseElements");
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = WRITER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("eventVersion", EVENT_VERSION);
      g.writeName("userIdentity");
      g.writeRawValue(IDENTITIES.json(e.userIdentity()));
      g.writeStringProperty("eventTime", eventTime(time));
      g.writeStringProperty("eventSource", EVENT_SOURCE);
      g.writeStringProperty("eventName", e.eventName());
      g.writeStringProperty("awsRegion", e.awsRegion());
      g.writeStringProperty("sourceIPAddress", e.sourceIpAddress());
      g.writeStringProperty("userAgent", e.userAgent());
      if (e.errorCode() != null) {
        g.writeStringProperty("errorCode", e.errorCode());
      }
      if (e.errorMessage() != null) {
        g.writeStringProperty("errorMessage", e.errorMessage());
      }
      g.writeName("requestParameters");
      writeValue(g, request);
      g.writeName("responseElements");
      writeValue(g, response);
      g.writeStringProperty("requestID", e.requestId());
      g.writeStringProperty("eventID", eventId);
      g.writeBooleanProperty("readOnly", e.readOnly());
      g.writeName("resources");
      g.writeRawValue(RESOURCES.json(e.resources()));
      g.writeStringProperty("eventType", "AwsApiCall");
      g.writeBooleanProperty("managementEvent", true);
      g.writeStringProperty("recipientAccountId", e.recipientAccountId());
      g.writeStringProperty("eventCategory", "Management");
      if (e.decision() != null) {
        g.writeName("decision");
        g.writeRawValue(DECISIONS.json(e.decision()));
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * The JSON of values that come again and again — the caller's identity, the key, the deciding
   * statements of a caller's calls on a key — kept once written. Bounded, as callers are many.
   */
  private static final class Fragments<T> {
    private final java.util.concurrent.ConcurrentHashMap<T, tools.jackson.core.SerializableString>
        known = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.function.BiConsumer<JsonGenerator, T> writer;

    Fragments(java.util.function.BiConsumer<JsonGenerator, T> writer) {
      this.writer = writer;
    }

    /** The value's JSON, its UTF-8 bytes kept for the generator to copy as they are. */
    tools.jackson.core.SerializableString json(T value) {
      tools.jackson.core.SerializableString s = known.get(value);
      if (s == null) {
        java.io.StringWriter out = new java.io.StringWriter();
        try (JsonGenerator g = WRITER.createGenerator(out)) {
          writer.accept(g, value);
        }
        s = new tools.jackson.core.io.SerializedString(out.toString());
        if (known.size() >= 1024) {
          known.clear();
        }
        known.put(value, s);
      }
      return s;
    }
  }

  private static final Fragments<UserIdentity> IDENTITIES =
      new Fragments<>(AuditFormat::writeIdentity);
  private static final Fragments<List<AuditResource>> RESOURCES =
      new Fragments<>(AuditFormat::writeResources);
  private static final Fragments<AuditDecision> DECISIONS =
      new Fragments<>(AuditFormat::writeDecision);

  private static void writeResources(JsonGenerator g, List<AuditResource> resources) {
    g.writeStartArray();
    for (AuditResource r : resources) {
      g.writeStartObject();
      g.writeStringProperty("accountId", r.accountId());
      g.writeStringProperty("type", r.type());
      g.writeStringProperty("ARN", r.arn());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeIdentity(JsonGenerator g, UserIdentity u) {
    g.writeStartObject();
    g.writeStringProperty("type", u.type());
    if (u.principalId() != null) {
      g.writeStringProperty("principalId", u.principalId());
    }
    if (u.arn() != null) {
      g.writeStringProperty("arn", u.arn());
    }
    if (u.accountId() != null) {
      g.writeStringProperty("accountId", u.accountId());
    }
    if (u.invokedBy() != null) {
      g.writeStringProperty("invokedBy", u.invokedBy());
    }
    UserIdentity.SessionContext s = u.sessionContext();
    if (s != null) {
      g.writeName("sessionContext");
      g.writeStartObject();
      g.writeName("sessionIssuer");
      g.writeStartObject();
      g.writeStringProperty("type", s.issuerType());
      if (s.issuerPrincipalId() != null) {
        g.writeStringProperty("principalId", s.issuerPrincipalId());
      }
      g.writeStringProperty("arn", s.issuerArn());
      g.writeStringProperty("accountId", s.issuerAccountId());
      g.writeStringProperty("userName", s.issuerUserName());
      g.writeEndObject();
      g.writeName("attributes");
      g.writeStartObject();
      if (s.creationDate() != null) {
        g.writeStringProperty("creationDate", eventTime(s.creationDate()));
      }
      g.writeStringProperty("mfaAuthenticated", Boolean.toString(s.mfaAuthenticated()));
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /**
   * Writes a scrubbed value ({@link SecretFields}: strings, numbers, booleans, maps with string
   * keys, lists, null) with the streaming generator rather than data binding.
   */
  private static void writeValue(JsonGenerator g, Object v) {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer
        || v instanceof Long
        || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Number n) {
      g.writePOJO(n);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeName((String) e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof java.util.Collection<?> c) {
      g.writeStartArray();
      for (Object x : c) {
        writeValue(g, x);
      }
      g.writeEndArray();
    } else {
      g.writePOJO(v);
    }
  }

  private static void writeDecision(JsonGenerator g, AuditDecision d) {
    g.writeStartObject();
    g.writeStringProperty("result", d.result());
    g.writeName("statements");
    g.writeStartArray();
    for (AuditDecision.DecidingStatement s : d.statements()) {
      g.writeStartObject();
      g.writeStringProperty("policyType", s.policyType());
      g.writeStringProperty("policy", s.policy());
      g.writeStringProperty("sid", s.sid());
      g.writeStringProperty("effect", s.effect());
      g.writeStringProperty("location", s.location());
      g.writeEndObject();
    }
    g.writeEndArray();
    if (!d.grants().isEmpty()) {
      g.writePOJOProperty("grants", d.grants());
    }
    if (!d.notes().isEmpty()) {
      g.writePOJOProperty("notes", d.notes());
    }
    g.writeEndObject();
  }
}
