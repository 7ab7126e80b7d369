package dev.keyvet.engine.iac;

import dev.keyvet.engine.iac.Node.Arr;
import dev.keyvet.engine.iac.Node.Block;
import dev.keyvet.engine.iac.Node.Expr;
import dev.keyvet.engine.iac.Node.Kind;
import dev.keyvet.engine.iac.Node.Member;
import dev.keyvet.engine.iac.Node.Obj;
import dev.keyvet.engine.iac.Node.Pos;
import dev.keyvet.engine.iac.Node.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A recursive-descent parser for the part of HCL's native syntax that Terraform configurations use:
 * blocks with labels, attributes, comments ({@code #}, {@code //}, {@code /* *}{@code /}), strings
 * with interpolations and directives, heredocs ({@code <<EOF}, {@code <<-EOF}), numbers, booleans,
 * null, tuples, objects, function calls, references with traversals, and operator, conditional and
 * {@code for} expressions (kept as their text).
 *
 * <p>A file becomes the shape of Terraform's JSON syntax: {@code resource "aws_kms_key" "k" {...}}
 * is a member {@code resource} holding {@code {"aws_kms_key": {"k": {...}}}}; a block without labels
 * is a member named by its type, repeated for each block. Strings keep interpolations as written
 * ({@code ${var.x}}) and unescape {@code $${} and {@code %%{}. The first syntax error ends the parse
 * with its position.
 */
final class HclParser {
  private static final int MAX_DEPTH = 64;

  private final String s;
  private final int[] lineStarts;
  private final Pos base;
  private int i;
  private int depth;

  private HclParser(String s, Pos base) {
    this.s = s;
    this.base = base;
    int[] starts = new int[16];
    int n = 1;
    for (int k = 0; k < s.length(); k++) {
      if (s.charAt(k) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = k + 1;
      }
    }
    this.lineStarts = Arrays.copyOf(starts, n);
  }

  /** The body of a configuration file. */
  static Obj parse(String text) throws IacSyntaxException {
    HclParser p = new HclParser(text, null);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      p.i = 1;
    }
    Obj body = p.body(false);
    return body;
  }

  /**
   * One expression, written at {@code at} in the file (the inside of a {@code "${...}"} string of
   * Terraform's JSON syntax).
   */
  static Node expression(String text, Pos at) throws IacSyntaxException {
    HclParser p = new HclParser(text, at);
    p.space(true);
    Node v = p.expr(true);
    p.space(true);
    if (p.i < text.length()) {
      throw p.error("unexpected `" + text.charAt(p.i) + "` after the expression");
    }
    return v;
  }

  // ---- structure

  private Obj body(boolean inBlock) throws IacSyntaxException {
    Pos start = pos(i);
    List<Member> members = new ArrayList<>();
    while (true) {
      space(true);
      if (i >= s.length()) {
        if (inBlock) {
          throw error("block is not closed: `}` expected before the end of the file");
        }
        break;
      }
      if (peek() == '}') {
        if (!inBlock) {
          throw error("unexpected `}`: no block is open");
        }
        break;
      }
      if (!identStart(peek())) {
        throw error("expected an attribute or block name" + found());
      }
      int nameAt = i;
      String name = ident();
      space(false);
      if (peek() == '=' && peek(1) != '=') {
        i++;
        space(false);
        if (atLineEnd()) {
          throw error("expected a value for `" + name + "`");
        }
        members.add(new Member(name, pos(nameAt), expr(false)));
        space(false);
        if (i < s.length() && peek() != '\n' && peek() != '}') {
          throw error("expected a new line after the value of `" + name + "`" + found());
        }
      } else {
        members.add(block(name, nameAt));
      }
    }
    return new Obj(start, members);
  }

  private Member block(String type, int at) throws IacSyntaxException {
    List<String> labels = new ArrayList<>();
    while (i < s.length() && peek() != '{') {
      if (peek() == '"') {
        Scalar label = string();
        labels.add(label.text());
      } else if (identStart(peek())) {
        labels.add(ident());
      } else {
        throw error("expected `=` or `{` after `" + type + "`" + found());
      }
      space(false);
    }
    if (i >= s.length()) {
      throw error("expected `=` or `{` after `" + type + "`");
    }
    i++;
    enter();
    Obj body = body(true);
    i++;
    depth--;
    Pos p = pos(at);
    Node v = new Obj(p, body.members());
    for (int k = labels.size() - 1; k >= 0; k--) {
      v = new Obj(p, List.of(new Member(labels.get(k), p, v)));
    }
    return new Member(type, p, v);
  }

  // ---- expressions

  private Node expr(boolean nl) throws IacSyntaxException {
    int start = i;
    enter();
    Node left = binary(nl);
    int save = i;
    space(nl);
    if (peek() != '?') {
      i = save;
    } else {
      i++;
      space(true);
      expr(true);
      space(true);
      expect(':');
      space(nl);
      expr(nl);
      left = Expr.of(pos(start), text(start));
    }
    depth--;
    return left;
  }

  private Node binary(boolean nl) throws IacSyntaxException {
    int start = i;
    Node left = unary(nl);
    boolean operated = false;
    while (true) {
      int save = i;
      space(nl);
      int op = operator();
      if (op == 0) {
        i = save;
        break;
      }
      i += op;
      space(true);
      unary(nl);
      operated = true;
    }
    return operated ? Expr.of(pos(start), text(start)) : left;
  }

  /** The length of the binary operator at the cursor, or 0. */
  private int operator() {
    if (i >= s.length()) {
      return 0;
    }
    String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
    switch (two) {
      case "==", "!=", "<=", ">=", "&&", "||":
        return 2;
      default:
        break;
    }
    char c = peek();
    if (c == '+' || c == '*' || c == '/' || c == '%' || c == '<' || c == '>') {
      return c == '<' && peek(1) == '<' ? 0 : 1;
    }
    if (c == '-' && peek(1) != '-') {
      return 1;
    }
    return 0;
  }

  private Node unary(boolean nl) throws IacSyntaxException {
    int start = i;
    if (peek() == '!' || (peek() == '-' && !Character.isDigit(peek(1)))) {
      i++;
      space(nl);
      unary(nl);
      return Expr.of(pos(start), text(start));
    }
    Node v = primary(nl);
    if (i < s.length() && (peek() == '.' || peek() == '[')) {
      traversals();
      return Expr.of(pos(start), text(start));
    }
    return v;
  }

  private Node primary(boolean nl) throws IacSyntaxException {
    if (i >= s.length()) {
      throw error("expected a value before the end of the file");
    }
    int start = i;
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (c == '<' && peek(1) == '<') {
      return heredoc();
    }
    if (c == '[') {
      return tuple();
    }
    if (c == '{') {
      return object();
    }
    if (c == '(') {
      i++;
      space(true);
      Node inner = expr(true);
      space(true);
      expect(')');
      return inner;
    }
    if (Character.isDigit(c) || (c == '-' && Character.isDigit(peek(1)))) {
      return number();
    }
    if (identStart(c)) {
      String name = ident();
      switch (name) {
        case "true", "false":
          return new Scalar(pos(start), Kind.BOOL, name);
        case "null":
          return new Scalar(pos(start), Kind.NULL, "null");
        default:
          break;
      }
      int save = i;
      space(false);
      if (peek() == '(') {
        return call(name, start);
      }
      i = save;
      traversals();
      return Expr.of(pos(start), text(start));
    }
    throw error("expected a value, found `" + c + "`");
  }

  private void traversals() throws IacSyntaxException {
    while (i < s.length()) {
      if (peek() == '.' && i + 1 < s.length()) {
        char n = peek(1);
        if (identStart(n)) {
          i++;
          ident();
        } else if (Character.isDigit(n)) {
          i++;
          while (i < s.length() && Character.isDigit(peek())) {
            i++;
          }
        } else if (n == '*') {
          i += 2;
        } else {
          return;
        }
      } else if (peek() == '[') {
        i++;
        space(true);
        if (peek() == '*') {
          i++;
        } else {
          expr(true);
        }
        space(true);
        expect(']');
      } else {
        return;
      }
    }
  }

  private Node call(String name, int start) throws IacSyntaxException {
    i++;
    enter();
    List<Node> args = new ArrayList<>();
    space(true);
    while (peek() != ')') {
      args.add(expr(true));
      space(true);
      if (s.startsWith("...", i)) {
        i += 3;
        space(true);
      }
      if (peek() == ',') {
        i++;
        space(true);
      } else if (peek() != ')') {
        throw error("expected `,` or `)` in the arguments of `" + name + "`" + found());
      }
    }
    i++;
    depth--;
    return new Expr(pos(start), text(start), name, args);
  }

  private Node tuple() throws IacSyntaxException {
    int start = i;
    i++;
    enter();
    space(true);
    if (keyword("for")) {
      skipBalanced(start);
      depth--;
      return Expr.of(pos(start), text(start));
    }
    List<Node> items = new ArrayList<>();
    while (peek() != ']') {
      items.add(expr(true));
      space(true);
      if (peek() == ',') {
        i++;
        space(true);
      } else if (peek() != ']') {
        throw error("expected `,` or `]` in a list" + found());
      }
    }
    i++;
    depth--;
    return new Arr(pos(start), items);
  }

  private Node object() throws IacSyntaxException {
    int start = i;
    i++;
    enter();
    space(true);
    if (keyword("for")) {
      skipBalanced(start);
      depth--;
      return Expr.of(pos(start), text(start));
    }
    List<Member> members = new ArrayList<>();
    while (peek() != '}') {
      if (i >= s.length()) {
        throw error("object is not closed: `}` expected before the end of the file");
      }
      int keyAt = i;
      String key;
      if (peek() == '"') {
        key = string().text();
      } else if (identStart(peek())) {
        key = ident();
        traversals();
        key = s.substring(keyAt, i);
      } else if (peek() == '(') {
        i++;
        space(true);
        expr(true);
        space(true);
        expect(')');
        key = "${" + s.substring(keyAt + 1, i - 1).strip() + "}";
      } else if (Character.isDigit(peek())) {
        key = ((Scalar) number()).text();
      } else {
        throw error("expected an object key" + found());
      }
      space(false);
      if (peek() != '=' && peek() != ':') {
        throw error("expected `=` or `:` after the key `" + key + "`" + found());
      }
      i++;
      space(true);
      members.add(new Member(key, pos(keyAt), expr(true)));
      space(false);
      if (peek() == ',') {
        i++;
      } else if (peek() != '\n' && peek() != '}' && !comment()) {
        throw error("expected `,`, a new line or `}` after the value of `" + key + "`" + found());
      }
      space(true);
    }
    i++;
    depth--;
    return new Obj(pos(start), members);
  }

  private Node number() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    while (i < s.length() && Character.isDigit(peek())) {
      i++;
    }
    if (peek() == '.' && Character.isDigit(peek(1))) {
      i++;
      while (i < s.length() && Character.isDigit(peek())) {
        i++;
      }
    }
    if ((peek() == 'e' || peek() == 'E')
        && (Character.isDigit(peek(1))
            || ((peek(1) == '+' || peek(1) == '-') && Character.isDigit(peek(2))))) {
      i += 2;
      while (i < s.length() && Character.isDigit(peek())) {
        i++;
      }
    }
    return new Scalar(pos(start), Kind.NUMBER, s.substring(start, i));
  }

  /** A quoted template; interpolations and directives are kept as written. */
  private Scalar string() throws IacSyntaxException {
    int start = i;
    i++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (i >= s.length() || peek() == '\n') {
        throw error(start, "string is not closed before the end of the line");
      }
      char c = peek();
      if (c == '"') {
        i++;
        break;
      }
      if (c == '\\') {
        escape(b);
      } else if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {
        b.append(c).append('{');
        i += 3;
      } else if ((c == '$' || c == '%') && peek(1) == '{') {
        int open = i;
        i += 2;
        skipTemplate(open);
        b.append(s, open, i);
      } else {
        b.append(c);
        i++;
      }
    }
    return new Scalar(pos(start), Kind.STRING, b.toString());
  }

  private void escape(StringBuilder b) throws IacSyntaxException {
    char e = peek(1);
    switch (e) {
      case 'n' -> b.append('\n');
      case 'r' -> b.append('\r');
      case 't' -> b.append('\t');
      case '"' -> b.append('"');
      case '\\' -> b.append('\\');
      case 'u', 'U' -> {
        int n = e == 'u' ? 4 : 8;
        if (i + 2 + n > s.length()) {
          throw error("incomplete escape `\\" + e + "`");
        }
        try {
          b.appendCodePoint(Integer.parseInt(s.substring(i + 2, i + 2 + n), 16));
        } catch (IllegalArgumentException bad) {
          throw error("invalid escape `" + s.substring(i, i + 2 + n) + "`");
        }
        i += n;
      }
      default -> throw error("invalid escape `\\" + e + "` in a string");
    }
    i += 2;
  }

  /** Moves past the brace closing an interpolation or directive opened at {@code open}. */
  private void skipTemplate(int open) throws IacSyntaxException {
    int level = 1;
    while (i < s.length()) {
      char c = peek();
      if (c == '"') {
        string();
        continue;
      }
      if (c == '{') {
        level++;
      } else if (c == '}' && --level == 0) {
        i++;
        return;
      }
      i++;
    }
    throw error(open, "`" + s.substring(open, open + 2) + "` is not closed");
  }

  private Scalar heredoc() throws IacSyntaxException {
    int start = i;
    i += 2;
    boolean indented = peek() == '-';
    if (indented) {
      i++;
    }
    if (!identStart(peek())) {
      throw error("expected a heredoc marker after `<<`");
    }
    String marker = ident();
    while (i < s.length() && (peek() == ' ' || peek() == '\t' || peek() == '\r')) {
      i++;
    }
    if (i >= s.length() || peek() != '\n') {
      throw error("a heredoc's content starts on the line after `<<" + marker + "`");
    }
    i++;
    int firstLine = line(i);
    List<String> raw = new ArrayList<>();
    while (true) {
      if (i >= s.length()) {
        throw error(start, "heredoc `" + marker + "` is not closed");
      }
      int end = s.indexOf('\n', i);
      String ln = s.substring(i, end < 0 ? s.length() : end);
      if (ln.endsWith("\r")) {
        ln = ln.substring(0, ln.length() - 1);
      }
      i = end < 0 ? s.length() : end + 1;
      if (ln.strip().equals(marker)) {
        i -= end < 0 ? 0 : 1;
        break;
      }
      raw.add(ln);
    }
    int strip = indented ? commonIndent(raw) : 0;
    List<String> lines = new ArrayList<>(raw.size());
    StringBuilder text = new StringBuilder();
    for (String ln : raw) {
      String unescaped = ln.replace("$${", "${").replace("%%{", "%{");
      lines.add(unescaped);
      text.append(unescaped.length() >= strip ? unescaped.substring(strip) : unescaped.strip())
          .append('\n');
    }
    return new Scalar(pos(start), Kind.STRING, text.toString(), new Block(firstLine, 0, lines));
  }

  private static int commonIndent(List<String> lines) {
    int min = Integer.MAX_VALUE;
    for (String ln : lines) {
      if (ln.isBlank()) {
        continue;
      }
      int k = 0;
      while (k < ln.length() && (ln.charAt(k) == ' ' || ln.charAt(k) == '\t')) {
        k++;
      }
      min = Math.min(min, k);
    }
    return min == Integer.MAX_VALUE ? 0 : min;
  }

  /** Skips a {@code for} expression to the bracket closing the one at {@code open}. */
  private void skipBalanced(int open) throws IacSyntaxException {
    int level = 1;
    while (i < s.length()) {
      char c = peek();
      if (c == '"') {
        string();
        continue;
      }
      if (c == '[' || c == '{' || c == '(') {
        level++;
      } else if (c == ']' || c == '}' || c == ')') {
        if (--level == 0) {
          i++;
          return;
        }
      }
      i++;
    }
    throw error(open, "`" + s.charAt(open) + "` is not closed");
  }

  // ---- lexical helpers

  /** Skips blanks and comments, and line ends too when {@code nl}. */
  private void space(boolean nl) throws IacSyntaxException {
    while (i < s.length()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || (nl && c == '\n')) {
        i++;
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (i < s.length() && peek() != '\n') {
          i++;
        }
      } else if (c == '/' && peek(1) == '*') {
        int end = s.indexOf("*/", i + 2);
        if (end < 0) {
          throw error("comment is not closed: `*/` expected");
        }
        i = end + 2;
      } else {
        return;
      }
    }
  }

  private boolean comment() {
    return peek() == '#' || (peek() == '/' && (peek(1) == '/' || peek(1) == '*'));
  }

  private boolean atLineEnd() {
    return i >= s.length() || peek() == '\n';
  }

  private boolean keyword(String word) {
    if (s.startsWith(word, i)) {
      int end = i + word.length();
      return end < s.length() && !identPart(s.charAt(end));
    }
    return false;
  }

  private String ident() {
    int start = i;
    while (i < s.length() && identPart(peek())) {
      i++;
    }
    return s.substring(start, i);
  }

  private static boolean identStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean identPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }

  private void expect(char c) throws IacSyntaxException {
    if (peek() != c) {
      throw error("expected `" + c + "`" + found());
    }
    i++;
  }

  private String found() {
    if (i >= s.length()) {
      return " before the end of the file";
    }
    char c = peek();
    return c == '\n' ? ", found the end of the line" : ", found `" + c + "`";
  }

  private void enter() throws IacSyntaxException {
    if (++depth > MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : 0;
  }

  private char peek(int ahead) {
    int k = i + ahead;
    return k < s.length() ? s.charAt(k) : 0;
  }

  private String text(int start) {
    return s.substring(start, Math.min(i, s.length())).strip();
  }

  private int line(int offset) {
    int k = Arrays.binarySearch(lineStarts, offset);
    return k >= 0 ? k + 1 : -k - 1;
  }

  private Pos pos(int offset) {
    int ln = line(offset);
    int col = offset - lineStarts[ln - 1] + 1;
    if (base == null) {
      return new Pos(ln, col);
    }
    return ln == 1
        ? new Pos(base.line(), base.column() + col - 1)
        : new Pos(base.line() + ln - 1, col);
  }

  private IacSyntaxException error(String message) {
    return error(Math.min(i, s.length()), message);
  }

  private IacSyntaxException error(int at, String message) {
    Pos p = pos(Math.min(at, s.length()));
    return new IacSyntaxException(message, p.line(), p.column());
  }
}
