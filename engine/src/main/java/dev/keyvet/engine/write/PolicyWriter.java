package dev.keyvet.engine.write;

import dev.keyvet.engine.model.ActionElement;
import dev.keyvet.engine.model.Condition;
import dev.keyvet.engine.model.ConditionValue;
import dev.keyvet.engine.model.PolicyDocument;
import dev.keyvet.engine.model.Principal;
import dev.keyvet.engine.model.PrincipalElement;
import dev.keyvet.engine.model.ResourceElement;
import dev.keyvet.engine.model.Statement;
import dev.keyvet.engine.model.Template;
import dev.keyvet.engine.model.Text;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.DefaultPrettyPrinter;

/**
 * Writes a policy model as JSON that reads back to the same model. Single values are written as
 * strings and several as arrays; statements always as an array; principals grouped by family and
 * conditions by operator in first-appearance order. Elements missing from the model are omitted.
 */
public final class PolicyWriter {
  private static final JsonFactory FACTORY = JsonFactory.builder().build();

  private PolicyWriter() {}

  /** The policy as pretty-printed JSON. */
  public static String write(PolicyDocument policy) {
    StringWriter out = new StringWriter();
    ObjectWriteContext ctx =
        new ObjectWriteContext.Base() {
          @Override
          public tools.jackson.core.PrettyPrinter getPrettyPrinter() {
            return new DefaultPrettyPrinter();
          }
        };
    try (JsonGenerator g = FACTORY.createGenerator(ctx, out)) {
      g.writeStartObject();
      if (policy.version() != null) {
        g.writeStringProperty("Version", policy.version().value());
      }
      if (policy.id() != null) {
        g.writeStringProperty("Id", policy.id().value());
      }
      g.writeName("Statement");
      g.writeStartArray();
      for (Statement s : policy.statements()) {
        statement(g, s);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toString();
  }

  private static void statement(JsonGenerator g, Statement s) {
    g.writeStartObject();
    if (s.sid() != null) {
      g.writeStringProperty("Sid", s.sid().value());
    }
    if (s.effect() != null) {
      g.writeStringProperty("Effect", s.effect().json());
    }
    if (s.principal() != null) {
      principal(g, s.principal());
    }
    if (s.action() != null) {
      ActionElement a = s.action();
      g.writeName(a.elementName());
      strings(g, a.patterns().stream().map(Text::value).toList());
    }
    if (s.resource() != null) {
      ResourceElement r = s.resource();
      g.writeName(r.elementName());
      strings(g, r.patterns().stream().map(Template::text).toList());
    }
    if (!s.conditions().isEmpty()) {
      conditions(g, s.conditions());
    }
    g.writeEndObject();
  }

  private static void principal(JsonGenerator g, PrincipalElement p) {
    g.writeName(p.elementName());
    if (p.principals().size() == 1
        && p.principals().get(0) instanceof Principal.Any any
        && any.bare()) {
      g.writeString("*");
      return;
    }
    Map<String, List<String>> byFamily = new LinkedHashMap<>();
    for (Principal principal : p.principals()) {
      byFamily.computeIfAbsent(principal.family(), k -> new ArrayList<>()).add(principal.text());
    }
    g.writeStartObject();
    for (Map.Entry<String, List<String>> e : byFamily.entrySet()) {
      g.writeName(e.getKey());
      strings(g, e.getValue());
    }
    g.writeEndObject();
  }

  private static void conditions(JsonGenerator g, List<Condition> conditions) {
    Map<String, List<Condition>> byOperator = new LinkedHashMap<>();
    for (Condition c : conditions) {
      byOperator.computeIfAbsent(c.operator().text(), k -> new ArrayList<>()).add(c);
    }
    g.writeName("Condition");
    g.writeStartObject();
    for (Map.Entry<String, List<Condition>> e : byOperator.entrySet()) {
      g.writeName(e.getKey());
      g.writeStartObject();
      for (Condition c : e.getValue()) {
        g.writeName(c.key().value());
        if (c.values().size() == 1) {
          value(g, c.values().get(0));
        } else {
          g.writeStartArray();
          for (ConditionValue v : c.values()) {
            value(g, v);
          }
          g.writeEndArray();
        }
      }
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void value(JsonGenerator g, ConditionValue v) {
    switch (v.json()) {
      case NUMBER:
        g.writeNumber(v.text());
        break;
      case BOOLEAN:
        g.writeBoolean(Boolean.parseBoolean(v.text()));
        break;
      case STRING:
        g.writeString(v.text());
        break;
    }
  }

  private static void strings(JsonGenerator g, List<String> values) {
    if (values.size() == 1) {
      g.writeString(values.get(0));
      return;
    }
    g.writeStartArray();
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
