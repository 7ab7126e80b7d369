package dev.keyvet.runtime.server;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A response body in the AWS JSON shape: absent values are left out, blobs are base64, timestamps
 * are epoch seconds (a number, with milliseconds as a fraction).
 */
final class Out {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final ObjectNode node;

  Out() {
    this(NODES.objectNode());
  }

  Out(ObjectNode node) {
    this.node = node;
  }

  Out str(String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
    return this;
  }

  Out blob(String name, byte[] value) {
    if (value != null) {
      node.put(name, Base64.getEncoder().encodeToString(value));
    }
    return this;
  }

  Out time(String name, Instant value) {
    if (value != null) {
      node.put(name, seconds(value));
    }
    return this;
  }

  static BigDecimal seconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli(), 3).stripTrailingZeros();
  }

  Out bool(String name, Boolean value) {
    if (value != null) {
      node.put(name, value.booleanValue());
    }
    return this;
  }

  Out num(String name, Integer value) {
    if (value != null) {
      node.put(name, value.intValue());
    }
    return this;
  }

  Out strings(String name, List<String> values) {
    if (values != null) {
      ArrayNode a = node.putArray(name);
      values.forEach(a::add);
    }
    return this;
  }

  /** Like {@link #strings}, but an empty list is left out, as AWS leaves it out. */
  Out nonEmpty(String name, List<String> values) {
    return values == null || values.isEmpty() ? this : strings(name, values);
  }

  Out map(String name, Map<String, String> values) {
    if (values != null) {
      ObjectNode o = node.putObject(name);
      values.forEach(o::put);
    }
    return this;
  }

  Out obj(String name) {
    return new Out(node.putObject(name));
  }

  ArrayNode array(String name) {
    return node.putArray(name);
  }

  /** A paginated answer's {@code NextMarker} and {@code Truncated}. */
  Out page(String nextMarker) {
    str("NextMarker", nextMarker);
    node.put("Truncated", nextMarker != null);
    return this;
  }
}
