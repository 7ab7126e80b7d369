package dev.keyvet.engine.iac;

import java.util.List;

/**
 * A value of an infrastructure-as-code file with the position it was written at: what the
 * CloudFormation (JSON or YAML) and Terraform (HCL or JSON) readers produce, and what embedded
 * policies are rendered from. Positions are 1-based line and column in the file.
 */
sealed interface Node {
  /** Where the value starts. */
  Pos pos();

  /** A 1-based line and column. */
  record Pos(int line, int column) {}

  /** An object member with the position of its name. */
  record Member(String name, Pos pos, Node value) {}

  /** An object (a mapping, an HCL object or block body). */
  record Obj(Pos pos, List<Member> members) implements Node {
    public Obj {
      members = List.copyOf(members);
    }

    /** The value of the first member named {@code name}, or null. */
    Node get(String name) {
      for (Member m : members) {
        if (m.name().equals(name)) {
          return m.value();
        }
      }
      return null;
    }

    /** The member named {@code name}, or null. */
    Member member(String name) {
      for (Member m : members) {
        if (m.name().equals(name)) {
          return m;
        }
      }
      return null;
    }
  }

  /** An array, list or tuple. */
  record Arr(Pos pos, List<Node> items) implements Node {
    public Arr {
      items = List.copyOf(items);
    }
  }

  /** The kind of a scalar. */
  enum Kind {
    STRING,
    NUMBER,
    BOOL,
    NULL
  }

  /**
   * A literal value. A string's {@code block} is set when its text spans source lines one to one (a
   * YAML block scalar, a heredoc): then embedded JSON in it can be placed line by line.
   */
  record Scalar(Pos pos, Kind kind, String text, Block block) implements Node {
    Scalar(Pos pos, Kind kind, String text) {
      this(pos, kind, text, null);
    }
  }

  /**
   * Text written over consecutive source lines: line {@code i} of {@code lines} is at source line
   * {@code firstLine + i}, starting at column {@code indent + 1}.
   */
  record Block(int firstLine, int indent, List<String> lines) {
    public Block {
      lines = List.copyOf(lines);
    }
  }

  /**
   * An expression whose value is not a literal: a reference ({@code var.x}, {@code
   * data.aws_iam_policy_document.p.json}), a function call ({@code function} and {@code args} set),
   * or anything else, kept as its source text.
   */
  record Expr(Pos pos, String text, String function, List<Node> args) implements Node {
    public Expr {
      args = List.copyOf(args);
    }

    /** A reference or other expression that is not a function call. */
    static Expr of(Pos pos, String text) {
      return new Expr(pos, text, null, List.of());
    }
  }
}
