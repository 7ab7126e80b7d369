package dev.keyvet.runtime;

import dev.keyvet.runtime.crypto.Sealer;
import dev.keyvet.runtime.crypto.SealerException;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary encoding of {@link StoreState} records in snapshots and write-ahead log entries. Key
 * material is sealed with the store's {@link Sealer}, bound to the material's reference, version
 * and ID, so a sealed value cannot be moved to another key or version.
 */
final class StoreCodec {
  static final byte KEY = 1;
  static final byte MATERIAL = 2;
  static final byte ALIAS = 3;
  static final byte TOKEN = 4;
  static final byte IMPORT = 5;

  private final Sealer sealer;

  /** The sealer of this store's secrets, for other secrets kept beside the store. */
  Sealer sealer() {
    return sealer;
  }

  StoreCodec(Sealer sealer) {
    this.sealer = sealer;
  }

  /** One changed record: {@code value} is null when the record was removed. */
  record Change(byte kind, String id, Object value) {}

  /** A parse failure at a byte offset within the decoded buffer. */
  static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long offset;

    Malformed(String message, long offset) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Writing.

  static final class Out {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);

    void b(int v) {
      bytes.write(v);
    }

    void i(int v) {
      bytes.write(v >>> 24);
      bytes.write(v >>> 16);
      bytes.write(v >>> 8);
      bytes.write(v);
    }

    void l(long v) {
      i((int) (v >>> 32));
      i((int) v);
    }

    void bool(boolean v) {
      b(v ? 1 : 0);
    }

    void bytes(byte[] v) {
      if (v == null) {
        i(-1);
      } else {
        i(v.length);
        bytes.write(v, 0, v.length);
      }
    }

    void s(String v) {
      bytes(v == null ? null : v.getBytes(StandardCharsets.UTF_8));
    }

    void t(Instant v) {
      bool(v != null);
      if (v != null) {
        l(v.getEpochSecond());
        i(v.getNano());
      }
    }

    void map(Map<String, String> m) {
      if (m == null) {
        i(-1);
        return;
      }
      i(m.size());
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(m).entrySet()) {
        s(e.getKey());
        s(e.getValue());
      }
    }

    void list(List<String> v) {
      i(v.size());
      v.forEach(this::s);
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }

  void writeChange(Out o, Change c) {
    o.b(c.kind());
    o.s(c.id());
    o.bool(c.value() != null);
    if (c.value() == null) {
      return;
    }
    switch (c.kind()) {
      case KEY -> writeKey(o, (StoreState.Key) c.value());
      case MATERIAL -> writeMaterial(o, (StoreState.Material) c.value());
      case ALIAS -> writeAlias(o, (StoreState.Alias) c.value());
      case TOKEN -> o.s((String) c.value());
      case IMPORT -> writeImport(o, (StoreState.Import) c.value());
      default -> throw new IllegalArgumentException("unknown record kind " + c.kind());
    }
  }

  private static void writeKey(Out o, StoreState.Key k) {
    o.s(k.arn());
    o.s(k.account());
    o.s(k.region());
    o.s(k.keyId());
    o.s(k.keySpec());
    o.s(k.keyUsage());
    o.s(k.origin());
    o.bool(k.multiRegion());
    o.s(k.primaryRegion());
    o.s(k.keyManager());
    o.s(k.description());
    o.s(k.state());
    o.t(k.created());
    o.t(k.deletionDate());
    o.i(k.pendingWindowDays() == null ? -1 : k.pendingWindowDays());
    o.s(k.policy());
    o.map(k.tags());
    o.i(k.grants().size());
    for (StoreState.Grant g : k.grants()) {
      o.s(g.grantId());
      o.s(g.name());
      o.s(g.grantee());
      o.s(g.retiringPrincipal());
      o.list(g.operations());
      o.map(g.contextEquals());
      o.map(g.contextSubset());
      o.s(g.issuingAccount());
      o.t(g.created());
    }
    o.s(k.materialRef());
  }

  private void writeMaterial(Out o, StoreState.Material m) {
    o.s(m.ref());
    o.s(m.keySpec());
    o.i(m.versions().size());
    for (StoreState.Version v : m.versions()) {
      o.i(v.version());
      o.s(v.materialId());
      o.t(v.created());
      o.s(v.rotationType());
      boolean present = v.material() != null && v.material().length > 0;
      o.bool(present);
      if (present) {
        o.bytes(sealer.seal(v.material(), versionData(m.ref(), v.version(), v.materialId())));
      }
    }
    o.bool(m.rotationEnabled());
    o.i(m.rotationPeriodDays());
    o.t(m.nextRotation());
    o.i(m.onDemandRotations());
  }

  private static void writeAlias(Out o, StoreState.Alias a) {
    o.s(a.aliasArn());
    o.s(a.account());
    o.s(a.region());
    o.s(a.name());
    o.s(a.targetKeyId());
    o.t(a.created());
    o.t(a.updated());
  }

  private void writeImport(Out o, StoreState.Import im) {
    o.s(im.ref());
    o.t(im.validTo());
    o.bool(im.pendingMaterial() != null);
    if (im.pendingMaterial() != null) {
      o.s(im.pendingMaterialId());
      o.bytes(sealer.seal(im.pendingMaterial(), pendingData(im.ref(), im.pendingMaterialId())));
      o.t(im.pendingValidTo());
    }
  }

  static byte[] versionData(String ref, int version, String materialId) {
    return ("keyvet store material v1\n" + ref + "\n" + version + "\n" + materialId)
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] pendingData(String ref, String materialId) {
    return ("keyvet store pending import v1\n" + ref + "\n" + materialId)
        .getBytes(StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------------------------------------
  // Reading.

  static final class In {
    private final ByteBuffer buf;
    private final long base;

    In(ByteBuffer buf, long base) {
      this.buf = buf;
      this.base = base;
    }

    long offset() {
      return base + buf.position();
    }

    boolean more() {
      return buf.hasRemaining();
    }

    private <T> T guard(java.util.function.Supplier<T> read, String what) {
      long at = offset();
      try {
        return read.get();
      } catch (BufferUnderflowException e) {
        throw new Malformed("truncated " + what, at);
      }
    }

    int b() {
      return guard(() -> buf.get() & 0xff, "byte");
    }

    int i() {
      return guard(buf::getInt, "integer");
    }

    long l() {
      return guard(buf::getLong, "integer");
    }

    boolean bool() {
      long at = offset();
      int v = b();
      if (v > 1) {
        throw new Malformed("expected a flag (0 or 1), found " + v, at);
      }
      return v == 1;
    }

    byte[] bytes() {
      long at = offset();
      int n = i();
      if (n == -1) {
        return null;
      }
      if (n < 0 || n > buf.remaining()) {
        throw new Malformed("length " + n + " runs past the end", at);
      }
      byte[] v = new byte[n];
      buf.get(v);
      return v;
    }

    String s() {
      byte[] v = bytes();
      return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    String req(String what) {
      long at = offset();
      String v = s();
      if (v == null) {
        throw new Malformed(what + " is missing", at);
      }
      return v;
    }

    Instant t() {
      if (!bool()) {
        return null;
      }
      long at = offset();
      long sec = l();
      int nano = i();
      if (nano < 0 || nano > 999_999_999) {
        throw new Malformed("invalid time", at);
      }
      try {
        return Instant.ofEpochSecond(sec, nano);
      } catch (java.time.DateTimeException e) {
        throw new Malformed("invalid time", at);
      }
    }

    Map<String, String> map() {
      long at = offset();
      int n = i();
      if (n == -1) {
        return null;
      }
      if (n < 0 || n > buf.remaining()) {
        throw new Malformed("invalid map size " + n, at);
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (int j = 0; j < n; j++) {
        m.put(req("map key"), req("map value"));
      }
      return m;
    }

    List<String> list() {
      long at = offset();
      int n = i();
      if (n < 0 || n > buf.remaining()) {
        throw new Malformed("invalid list size " + n, at);
      }
      List<String> out = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        out.add(req("list item"));
      }
      return out;
    }

    int count(String what) {
      long at = offset();
      int n = i();
      if (n < 0 || n > buf.remaining()) {
        throw new Malformed("invalid " + what + " count " + n, at);
      }
      return n;
    }
  }

  Change readChange(In in) {
    long at = in.offset();
    byte kind = (byte) in.b();
    String id = in.req("record ID");
    if (!in.bool()) {
      if (kind < KEY || kind > IMPORT) {
        throw new Malformed("unknown record kind " + kind, at);
      }
      return new Change(kind, id, null);
    }
    Object value =
        switch (kind) {
          case KEY -> readKey(in);
          case MATERIAL -> readMaterial(in);
          case ALIAS -> readAlias(in);
          case TOKEN -> in.req("grant ID");
          case IMPORT -> readImport(in);
          default -> throw new Malformed("unknown record kind " + kind, at);
        };
    return new Change(kind, id, value);
  }

  private static StoreState.Key readKey(In in) {
    String arn = in.req("key ARN");
    String account = in.req("account");
    String region = in.req("Region");
    String keyId = in.req("key ID");
    String spec = in.req("key spec");
    String usage = in.req("key usage");
    String origin = in.req("origin");
    boolean mr = in.bool();
    String primary = in.s();
    String manager = in.req("key manager");
    String description = in.req("description");
    String state = in.req("key state");
    Instant created = in.t();
    Instant deletion = in.t();
    int window = in.i();
    String policy = in.req("key policy");
    Map<String, String> tags = in.map();
    int n = in.count("grant");
    List<StoreState.Grant> grants = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      grants.add(
          new StoreState.Grant(
              in.req("grant ID"),
              in.s(),
              in.req("grantee"),
              in.s(),
              in.list(),
              in.map(),
              in.map(),
              in.req("issuing account"),
              in.t()));
    }
    String ref = in.req("material reference");
    return new StoreState.Key(
        arn,
        account,
        region,
        keyId,
        spec,
        usage,
        origin,
        mr,
        primary,
        manager,
        description,
        state,
        created,
        deletion,
        window < 0 ? null : window,
        policy,
        tags == null ? Map.of() : tags,
        grants,
        ref);
  }

  private StoreState.Material readMaterial(In in) {
    String ref = in.req("material reference");
    String spec = in.req("key spec");
    int n = in.count("version");
    List<StoreState.Version> versions = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      int version = in.i();
      String id = in.req("material ID");
      Instant created = in.t();
      String type = in.s();
      byte[] material = new byte[0];
      if (in.bool()) {
        long at = in.offset();
        byte[] sealed = in.bytes();
        if (sealed == null) {
          throw new Malformed("sealed material is missing", at);
        }
        material = unseal(sealed, versionData(ref, version, id), at);
      }
      versions.add(new StoreState.Version(version, id, material, created, type));
    }
    return new StoreState.Material(ref, spec, versions, in.bool(), in.i(), in.t(), in.i());
  }

  private static StoreState.Alias readAlias(In in) {
    return new StoreState.Alias(
        in.req("alias ARN"),
        in.req("account"),
        in.req("Region"),
        in.req("alias name"),
        in.req("target key ID"),
        in.t(),
        in.t());
  }

  private StoreState.Import readImport(In in) {
    String ref = in.req("material reference");
    Instant validTo = in.t();
    if (!in.bool()) {
      return new StoreState.Import(ref, validTo, null, null, null);
    }
    String id = in.req("material ID");
    long at = in.offset();
    byte[] sealed = in.bytes();
    if (sealed == null) {
      throw new Malformed("sealed material is missing", at);
    }
    byte[] material = unseal(sealed, pendingData(ref, id), at);
    return new StoreState.Import(ref, validTo, material, id, in.t());
  }

  byte[] unseal(byte[] sealed, byte[] associatedData, long at) {
    try {
      return sealer.unseal(sealed, associatedData);
    } catch (SealerException e) {
      throw new Malformed("sealed key material does not open: " + e.getMessage(), at);
    }
  }

  byte[] seal(byte[] plaintext, byte[] associatedData) {
    return sealer.seal(plaintext, associatedData);
  }
}
