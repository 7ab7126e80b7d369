package dev.keyvet.engine.iac;

import dev.keyvet.engine.iac.Node.Block;
import dev.keyvet.engine.iac.Node.Kind;
import dev.keyvet.engine.iac.Node.Member;
import dev.keyvet.engine.iac.Node.Obj;
import dev.keyvet.engine.iac.Node.Pos;
import dev.keyvet.engine.iac.Node.Scalar;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads JSON or YAML text into {@link Node}s with their positions, over Jackson's streaming
 * parsers. YAML tags written as CloudFormation short forms ({@code !Sub}, {@code !Ref}, {@code
 * !GetAtt}) become the long form ({@code {"Fn::Sub": ...}}), so both forms read the same.
 */
final class TreeReader {
  private TreeReader() {}

  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder()
          .maxNestingDepth(64)
          .maxDocumentLength(8L << 20)
          .maxStringLength(1 << 20)
          .maxTokenCount(2_000_000)
          .build();

  private static final JsonFactory JSON =
      JsonFactory.builder().streamReadConstraints(LIMITS).build();
  private static final YAMLFactory YAML =
      YAMLFactory.builder().streamReadConstraints(LIMITS).build();

  /** The value of JSON {@code text}; null for an empty document. */
  static Node json(String text) throws IacSyntaxException {
    return read(text, false);
  }

  /** The value of the first YAML document of {@code text}; null for an empty document. */
  static Node yaml(String text) throws IacSyntaxException {
    return read(text, true);
  }

  private static Node read(String text, boolean yaml) throws IacSyntaxException {
    Lines lines = new Lines(text);
    try (JsonParser p =
        yaml
            ? YAML.createParser(ObjectReadContext.empty(), text)
            : JSON.createParser(ObjectReadContext.empty(), text)) {
      if (p.nextToken() == null) {
        return null;
      }
      Node root = value(p, lines);
      if (!yaml && p.nextToken() != null) {
        TokenStreamLocation at = p.currentTokenLocation();
        throw new IacSyntaxException(
            "unexpected text after the end of the document", at.getLineNr(), at.getColumnNr());
      }
      return root;
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      throw new IacSyntaxException(
          (yaml ? "invalid YAML: " : "invalid JSON: ") + firstLine(e.getOriginalMessage()),
          at == null ? 1 : Math.max(1, at.getLineNr()),
          at == null ? 1 : Math.max(1, at.getColumnNr()));
    } catch (RuntimeException e) {
      // The YAML scanner reports some malformed input with its own exceptions.
      throw new IacSyntaxException(
          (yaml ? "invalid YAML: " : "invalid JSON: ") + firstLine(e.getMessage()), 1, 1);
    }
  }

  private static Node value(JsonParser p, Lines lines) {
    TokenStreamLocation at = p.currentTokenLocation();
    Pos pos = new Pos(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
    String tag = p instanceof YAMLParser y ? intrinsic(y) : null;
    Node v = plain(p, pos, lines);
    if (tag == null) {
      return v;
    }
    return new Obj(pos, List.of(new Member(tag, pos, v)));
  }

  private static Node plain(JsonParser p, Pos pos, Lines lines) {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          List<Member> members = new ArrayList<>();
          while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            TokenStreamLocation at = p.currentTokenLocation();
            Pos namePos = new Pos(Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
            String name = p.currentName();
            p.nextToken();
            members.add(new Member(name, namePos, value(p, lines)));
          }
          return new Obj(pos, members);
        }
      case START_ARRAY:
        {
          List<Node> items = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(value(p, lines));
          }
          return new Node.Arr(pos, items);
        }
      case VALUE_STRING:
        {
          String s = p.getString();
          return new Scalar(
              pos, Kind.STRING, s, p instanceof YAMLParser ? block(pos, s, lines) : null);
        }
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return new Scalar(pos, Kind.NUMBER, p.getString());
      case VALUE_TRUE:
        return new Scalar(pos, Kind.BOOL, "true");
      case VALUE_FALSE:
        return new Scalar(pos, Kind.BOOL, "false");
      case VALUE_NULL:
        return new Scalar(pos, Kind.NULL, "null");
      default:
        return new Scalar(pos, Kind.NULL, "null");
    }
  }

  /**
   * The CloudFormation intrinsic a YAML tag stands for ({@code !Sub} is {@code Fn::Sub}), or null.
   */
  private static String intrinsic(YAMLParser p) {
    String tag = p.getTypeId();
    if (tag == null || tag.isEmpty() || tag.startsWith("tag:") || tag.indexOf(':') >= 0) {
      return null;
    }
    if (tag.equals("Ref") || tag.equals("Condition")) {
      return tag;
    }
    return "Fn::" + tag;
  }

  /** The lines of a literal block scalar ({@code |}) whose text is {@code s}, or null. */
  private static Block block(Pos pos, String s, Lines lines) {
    String line = lines.line(pos.line());
    int i = pos.column() - 1;
    if (i < line.length() && line.charAt(i) == '!') {
      while (i < line.length() && line.charAt(i) != ' ') {
        i++;
      }
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
    }
    if (i >= line.length() || line.charAt(i) != '|' || pos.line() >= lines.count()) {
      return null;
    }
    String first = lines.line(pos.line() + 1);
    int indent = 0;
    while (indent < first.length() && first.charAt(indent) == ' ') {
      indent++;
    }
    List<String> parts = new ArrayList<>(List.of(s.split("\n", -1)));
    while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
      parts.remove(parts.size() - 1);
    }
    return new Block(pos.line() + 1, indent, parts);
  }

  static String firstLine(String s) {
    if (s == null) {
      return "unreadable input";
    }
    String line = s.lines().findFirst().orElse("").replaceAll(" \\(code \\d+\\)", "").strip();
    return line.isEmpty() ? line : Character.toLowerCase(line.charAt(0)) + line.substring(1);
  }

  /** The lines of a text, by 1-based number. */
  static final class Lines {
    private final List<String> lines;

    Lines(String text) {
      this.lines = List.of(text.split("\r?\n", -1));
    }

    int count() {
      return lines.size();
    }

    String line(int n) {
      return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
    }
  }
}
