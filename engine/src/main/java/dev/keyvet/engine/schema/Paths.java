package dev.keyvet.engine.schema;

import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;

/**
 * Locations inside a JSON document: path segments (member names as strings, array indexes as
 * integers) and the JSON pointers (RFC 6901) built from them.
 */
final class Paths {
  private Paths() {}

  /** The segments of a validator location; empty for the root. */
  static List<Object> segments(NodePath path) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; path != null && i < path.getNameCount(); i++) {
      out.add(path.getElement(i));
    }
    return out;
  }

  /** The JSON pointer of {@code segments}: {@code ""} for the root, else {@code /a/0/b}. */
  static String pointer(List<Object> segments) {
    StringBuilder b = new StringBuilder();
    for (Object s : segments) {
      b.append('/').append(escape(String.valueOf(s)));
    }
    return b.toString();
  }

  /** The JSON pointer of the location {@code path}. */
  static String pointer(NodePath path) {
    return pointer(segments(path));
  }

  /** {@code name} as one JSON pointer segment. */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  /** The last member name in {@code path}, or empty when it has none. */
  static String memberName(List<Object> path) {
    for (int i = path.size() - 1; i >= 0; i--) {
      if (path.get(i) instanceof String name) {
        return name;
      }
    }
    return "";
  }
}
