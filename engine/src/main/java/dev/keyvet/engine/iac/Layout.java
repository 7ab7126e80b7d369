package dev.keyvet.engine.iac;

import dev.keyvet.engine.iac.Node.Arr;
import dev.keyvet.engine.iac.Node.Expr;
import dev.keyvet.engine.iac.Node.Member;
import dev.keyvet.engine.iac.Node.Obj;
import dev.keyvet.engine.iac.Node.Pos;
import dev.keyvet.engine.iac.Node.Scalar;
import java.nio.charset.StandardCharsets;

/**
 * Renders an embedded policy as JSON text in which every value stands at the line, and where room
 * allows the column, it was written at in the file: the policy reader then reports positions in the
 * file itself. Lines before the policy are blank, so the text is as long as the file up to the
 * policy; the policy's own size is counted apart.
 *
 * <p>Expressions keyvet cannot resolve (a Terraform reference, a function call) become strings
 * {@code "${...}"}, which the reader reports as unresolved placeholders; CloudFormation intrinsics
 * stay the objects they are ({@code {"Fn::Sub": ...}}), which it reports the same way.
 */
final class Layout {
  private final StringBuilder out = new StringBuilder();
  private int line = 1;
  private int column = 1;
  private int padding;

  private Layout() {}

  /** A policy laid out for reading: its text and its own size in UTF-8 bytes. */
  record Rendered(String text, long bytes) {}

  /** The JSON of {@code policy}, a value read from the file. */
  static Rendered of(Node policy) {
    Layout l = new Layout();
    l.value(policy);
    return l.done();
  }

  /** {@code json}, the text of a string value written at {@code s}, placed where it was written. */
  static Rendered raw(Scalar s) {
    Layout l = new Layout();
    if (s.block() != null) {
      int n = s.block().firstLine();
      for (String text : s.block().lines()) {
        l.at(new Pos(n++, s.block().indent() + 1));
        l.write(quoteBareInterpolations(text));
      }
    } else {
      l.at(s.pos());
      String[] lines = s.text().split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        if (i > 0) {
          l.at(new Pos(l.line + 1, 1));
        }
        l.write(quoteBareInterpolations(lines[i]));
      }
    }
    return l.done();
  }

  private Rendered done() {
    String text = out.toString();
    long bytes = text.getBytes(StandardCharsets.UTF_8).length - (long) padding;
    return new Rendered(text, Math.max(0, bytes));
  }

  private void value(Node n) {
    if (n instanceof Obj o) {
      at(o.pos());
      write("{");
      boolean first = true;
      for (Member m : o.members()) {
        if (!first) {
          write(",");
        }
        first = false;
        at(m.pos());
        write(quote(m.name()));
        write(":");
        value(m.value());
      }
      write("}");
    } else if (n instanceof Arr a) {
      at(a.pos());
      write("[");
      boolean first = true;
      for (Node item : a.items()) {
        if (!first) {
          write(",");
        }
        first = false;
        value(item);
      }
      write("]");
    } else if (n instanceof Scalar s) {
      at(s.pos());
      write(s.kind() == Node.Kind.STRING ? quote(s.text()) : s.text());
    } else if (n instanceof Expr e) {
      at(e.pos());
      write(quote("${" + e.text() + "}"));
    }
  }

  /** Moves to {@code pos} when it lies ahead; text never moves back, so it only shifts right. */
  private void at(Pos pos) {
    if (pos.line() > line) {
      int n = pos.line() - line;
      out.append("\n".repeat(n));
      padding += n;
      line = pos.line();
      column = 1;
    }
    if (pos.line() == line && pos.column() > column) {
      int n = pos.column() - column;
      out.append(" ".repeat(n));
      padding += n;
      column = pos.column();
    }
  }

  private void write(String s) {
    out.append(s);
    column += s.length();
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  /**
   * A line of embedded JSON with each template interpolation standing outside a string ({@code
   * "AWS": ${jsonencode(var.admins)}}) put in quotes, so that it reads as one unresolved value
   * rather than a syntax error.
   */
  static String quoteBareInterpolations(String line) {
    if (line.indexOf("${") < 0) {
      return line;
    }
    StringBuilder b = new StringBuilder(line.length() + 4);
    boolean inString = false;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (inString) {
        b.append(c);
        if (c == '\\' && i + 1 < line.length()) {
          b.append(line.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        i++;
      } else if (c == '"') {
        inString = true;
        b.append(c);
        i++;
      } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '{') {
        int end = closing(line, i + 2);
        b.append(quote(line.substring(i, end)));
        i = end;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  /** The offset after the brace closing an interpolation whose body starts at {@code from}. */
  private static int closing(String line, int from) {
    int depth = 1;
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i + 1;
      }
    }
    return line.length();
  }
}
