package dev.keyvet.engine.lint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The findings a project has accepted for now: later runs report only findings whose {@link
 * Fingerprint} is not in it. Stored as JSON: {@code {"version": 1, "findings": [{"file", "code",
 * "statement", "fingerprint"}]}}, sorted, so the file diffs well.
 */
public final class Baseline {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private final Set<String> keys;

  private Baseline(Set<String> keys) {
    this.keys = keys;
  }

  /** Reads a baseline; a clear {@link IllegalArgumentException} when it is not one. */
  public static Baseline read(byte[] content) {
    JsonNode root;
    try {
      root = MAPPER.readTree(content);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the baseline is not valid JSON");
    }
    if (root == null
        || !root.isObject()
        || root.path("version").asInt() != 1
        || !root.path("findings").isArray()) {
      throw new IllegalArgumentException("the baseline is not a keyvet baseline (version 1)");
    }
    Set<String> keys = new HashSet<>();
    for (JsonNode f : root.get("findings")) {
      keys.add(key(f.path("file").asString(), f.path("fingerprint").asString()));
    }
    return new Baseline(keys);
  }

  /** The findings of {@code file} not in this baseline. */
  public List<Finding> newFindings(String file, List<Finding> findings) {
    List<Finding> out = new ArrayList<>();
    for (Finding f : findings) {
      if (!keys.contains(key(file, Fingerprint.of(f)))) {
        out.add(f);
      }
    }
    return out;
  }

  /** A baseline holding {@code results}, keyed by the given file names. */
  public static byte[] write(List<LintResult> results) {
    List<ObjectNode> rows = new ArrayList<>();
    for (LintResult r : results) {
      for (Finding f : r.findings()) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("file", r.file());
        n.put("code", f.diagnostic().code().id());
        n.put("statement", f.statement());
        n.put("fingerprint", Fingerprint.of(f));
        rows.add(n);
      }
    }
    rows.sort(
        (a, b) ->
            (a.get("file").asString() + a.get("fingerprint").asString())
                .compareTo(b.get("file").asString() + b.get("fingerprint").asString()));
    ObjectNode root = MAPPER.createObjectNode();
    root.put("version", 1);
    ArrayNode findings = root.putArray("findings");
    rows.forEach(findings::add);
    return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String key(String file, String fingerprint) {
    return file.replace('\\', '/') + "\u0000" + fingerprint;
  }
}
