package dev.keyvet.engine.lint;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Severity;
import dev.keyvet.engine.model.Arn;
import dev.keyvet.engine.tree.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code keyvet.yaml} / {@code keyvet.yml} / {@code keyvet.json}, and finds the one that
 * applies to a file by looking in its folder and each parent. Every problem is an {@link
 * IllegalArgumentException} naming the file and the setting; unknown settings are errors, so a typo
 * never silently changes what is checked.
 */
public final class LintSettingsReader {
  /** The names a configuration file may have, in the order they are looked for. */
  public static final List<String> NAMES = List.of("keyvet.yaml", "keyvet.yml", "keyvet.json");

  private static final Set<String> TOP =
      Set.of(
          "keyAccount",
          "trustedAccounts",
          "trustedOrgIds",
          "keyAdmins",
          "rules",
          "exclude",
          "failOn",
          "suppressions");

  private LintSettingsReader() {}

  /** The configuration file nearest {@code start} (a file or folder), going up. */
  public static Optional<Path> find(Path start) {
    Path dir = Files.isDirectory(start) ? start : start.toAbsolutePath().getParent();
    for (Path d = dir == null ? null : dir.toAbsolutePath(); d != null; d = d.getParent()) {
      for (String name : NAMES) {
        Path candidate = d.resolve(name);
        if (Files.isRegularFile(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Reads the settings in {@code content}, a file named {@code file}. */
  public static LintSettings read(Path file, byte[] content) {
    String name = file.getFileName().toString();
    JsonNode root;
    try {
      root = name.endsWith(".json") ? Trees.json(content) : Trees.yaml(content);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          file
              + ": not valid "
              + (name.endsWith(".json") ? "JSON" : "YAML")
              + ": "
              + firstLine(e.getOriginalMessage()));
    }
    Path base = file.toAbsolutePath().getParent();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return LintSettings.defaults(base);
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(file + ": the settings must be a mapping");
    }
    return new Parser(file).parse(root, base);
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** Reads one settings document. */
  private static final class Parser {
    private final Path file;

    Parser(Path file) {
      this.file = file;
    }

    LintSettings parse(JsonNode root, Path base) {
      for (String key : root.propertyNames()) {
        if (!TOP.contains(key)) {
          fail(key, "unknown setting" + dev.keyvet.engine.text.DidYouMean.hint(key, TOP));
        }
      }
      LintConfig.Builder config = LintConfig.builder();
      String keyAccount = text(root, "keyAccount");
      if (keyAccount != null) {
        config.keyAccount(account(keyAccount, "keyAccount"));
      }
      strings(root, "trustedAccounts")
          .forEach(a -> config.trustAccount(account(a, "trustedAccounts")));
      for (String org : strings(root, "trustedOrgIds")) {
        if (!org.matches("o-[a-z0-9]{10,32}")) {
          fail("trustedOrgIds", "`" + org + "` is not an organization ID such as `o-exampleorgid`");
        }
        config.trustOrg(org);
      }
      for (String admin : strings(root, "keyAdmins")) {
        if (Arn.tryParse(admin).isEmpty()) {
          fail("keyAdmins", "`" + admin + "` is not an IAM principal ARN");
        }
        config.keyAdmin(admin);
      }
      rules(root.get("rules"), config);
      Severity failSeverity = Severity.SECURITY;
      Set<Code> failCodes = new LinkedHashSet<>();
      if (root.has("failOn")) {
        failSeverity = null;
        List<String> items =
            root.get("failOn").isArray() ? strings(root, "failOn") : List.of(text(root, "failOn"));
        for (String item : items) {
          Optional<Code> code = Code.find(item);
          if (code.isPresent() && !isSeverity(item)) {
            failCodes.add(code.get());
          } else if (isSeverity(item)) {
            Severity s = Severity.fromLabel(item);
            failSeverity =
                failSeverity == null || s.atLeast(failSeverity)
                    ? lower(failSeverity, s)
                    : failSeverity;
          } else {
            fail(
                "failOn",
                "`"
                    + item
                    + "` is neither a severity (error, security, warning, suggestion) nor a code");
          }
        }
      }
      return new LintSettings(
          config.build(),
          strings(root, "exclude"),
          failSeverity,
          failCodes,
          suppressions(root.get("suppressions")),
          base);
    }

    /** The less serious of two thresholds: failing on warnings includes errors. */
    private static Severity lower(Severity current, Severity next) {
      return current == null || current.atLeast(next) ? next : current;
    }

    private static boolean isSeverity(String s) {
      for (Severity v : Severity.values()) {
        if (v.label().equalsIgnoreCase(s)) {
          return true;
        }
      }
      return false;
    }

    private void rules(JsonNode rules, LintConfig.Builder config) {
      if (rules == null || rules.isNull()) {
        return;
      }
      if (!rules.isObject()) {
        fail("rules", "must map codes to `off`, `on` or a severity");
      }
      for (Map.Entry<String, JsonNode> e : rules.properties()) {
        Code code =
            Code.find(e.getKey())
                .orElseThrow(() -> error("rules", "unknown rule `" + e.getKey() + "`"));
        String value =
            e.getValue().isBoolean()
                ? (e.getValue().asBoolean() ? "on" : "off")
                : e.getValue().asString().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
          config.disable(code);
        } else if (isSeverity(value)) {
          config.severity(code, Severity.fromLabel(value));
        } else if (!value.equals("on")) {
          fail(
              "rules",
              "`" + e.getKey() + "`: expected `off`, `on` or a severity, found `" + value + "`");
        }
      }
    }

    private List<Suppression> suppressions(JsonNode node) {
      List<Suppression> out = new ArrayList<>();
      if (node == null || node.isNull()) {
        return out;
      }
      if (!node.isArray()) {
        fail("suppressions", "must be a list");
      }
      int i = 0;
      for (JsonNode s : node) {
        String where = "suppressions[" + i++ + "]";
        for (String key : s.propertyNames()) {
          if (!Set.of("file", "statement", "code", "reason").contains(key)) {
            fail(where, "unknown setting `" + key + "`");
          }
        }
        String code = text(s, "code");
        String reason = text(s, "reason");
        if (code == null || Code.find(code).isEmpty()) {
          fail(where, "needs a known `code`");
        }
        if (reason == null || reason.isBlank()) {
          fail(where, "needs a `reason`: say why the finding is accepted");
        }
        String f = text(s, "file");
        String statement = text(s, "statement");
        out.add(
            new Suppression(
                f == null ? "**" : f,
                statement == null ? "" : statement,
                Code.find(code).get().id(),
                reason));
      }
      return out;
    }

    private String account(String value, String key) {
      if (!Arn.isAccountId(value)) {
        fail(key, "`" + value + "` is not a 12-digit account ID");
      }
      return value;
    }

    private String text(JsonNode node, String key) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isValueNode()) {
        fail(key, "must be a single value");
      }
      return v.asString();
    }

    private List<String> strings(JsonNode node, String key) {
      JsonNode v = node.get(key);
      List<String> out = new ArrayList<>();
      if (v == null || v.isNull()) {
        return out;
      }
      if (!v.isArray()) {
        fail(key, "must be a list");
      }
      v.forEach(item -> out.add(item.asString()));
      return out;
    }

    private void fail(String key, String message) {
      throw error(key, message);
    }

    private IllegalArgumentException error(String key, String message) {
      return new IllegalArgumentException(file + ": `" + key + "`: " + message);
    }
  }
}
