package dev.keyvet.engine.iac;

import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.iac.Node.Pos;
import dev.keyvet.engine.iac.Node.Scalar;
import dev.keyvet.engine.model.KeySettings;
import dev.keyvet.engine.model.KeySettings.Alias;
import dev.keyvet.engine.model.KeySettings.Setting;
import dev.keyvet.engine.model.KeySettings.Value;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One key being collected from a file: its settings, aliases and policy value. */
final class Keys {
  final String file;
  final String resource;
  final Pos pos;
  final boolean declared;
  final boolean replica;
  final Map<Setting, Value> values = new EnumMap<>(Setting.class);
  final List<Alias> aliases = new ArrayList<>();
  Node policy;

  Keys(String file, String resource, Pos pos, boolean declared, boolean replica) {
    this.file = file;
    this.resource = resource;
    this.pos = pos;
    this.declared = declared;
    this.replica = replica;
  }

  static SourceSpan span(String file, Pos p) {
    return SourceSpan.at(file, p.line(), p.column(), "");
  }

  /** Records {@code setting} as written: a literal's text, or unknown for an expression. */
  void set(Setting setting, Node v) {
    values.put(setting, new Value(literal(v), span(file, v.pos())));
  }

  void set(Setting setting, String text, Pos at) {
    values.put(setting, new Value(text, span(file, at)));
  }

  void alias(String aliasResource, Node name) {
    aliases.add(new Alias(aliasResource, literal(name), span(file, name.pos())));
  }

  /** The text of a literal value; null for an expression or a string with interpolations. */
  static String literal(Node v) {
    if (v instanceof Scalar s) {
      if (s.kind() == Node.Kind.STRING && s.text().contains("${")) {
        return null;
      }
      return s.text();
    }
    return null;
  }

  KeySettings settings() {
    return new KeySettings(resource, span(file, pos), declared, replica, values, aliases);
  }

  EmbeddedPolicy embedded(Layout.Rendered policy) {
    return policy == null
        ? new EmbeddedPolicy(settings(), null, 0)
        : new EmbeddedPolicy(settings(), policy.text(), policy.bytes());
  }
}
