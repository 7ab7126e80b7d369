package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.SourceSpan;
import java.util.List;

/**
 * A JSON value with the source span of its text. The reader's intermediate form between tokens and
 * the policy model; it keeps member order and, unlike a map, every member as written. Lists are
 * built once by the reader, never modified afterwards, and not copied again.
 */
sealed interface JsonValue {
  SourceSpan span();

  /** A word for the value's JSON type, as messages use it: {@code an object}, {@code a string}. */
  String kind();

  /** An object; members in document order. Duplicate names are reported and dropped. */
  record JObject(List<Member> members, SourceSpan span) implements JsonValue {

    /** The first member of that exact name, or null. */
    public Member member(String name) {
      for (int i = 0; i < members.size(); i++) {
        Member m = members.get(i);
        if (m.name().equals(name)) {
          return m;
        }
      }
      return null;
    }

    @Override
    public String kind() {
      return "an object";
    }
  }

  /**
   * An object member: its name, where the name was written (offsets into the text, resolved to a
   * span only when asked), and its value.
   */
  record Member(String name, SourceSpan owner, int nameStart, int nameEnd, JsonValue value) {
    /** Where the name was written, quotes included; its pointer is the member's. */
    public SourceSpan nameSpan() {
      return owner.member(nameStart, nameEnd, name);
    }
  }

  /** An array. */
  record JArray(List<JsonValue> items, SourceSpan span) implements JsonValue {

    @Override
    public String kind() {
      return "an array";
    }
  }

  /** A string. */
  record JString(String value, SourceSpan span) implements JsonValue {
    @Override
    public String kind() {
      return "a string";
    }
  }

  /** A number, kept as its JSON text. */
  record JNumber(String text, SourceSpan span) implements JsonValue {
    @Override
    public String kind() {
      return "a number";
    }
  }

  /** {@code true} or {@code false}. */
  record JBool(boolean value, SourceSpan span) implements JsonValue {
    @Override
    public String kind() {
      return "a boolean";
    }
  }

  /** {@code null}. */
  record JNull(SourceSpan span) implements JsonValue {
    @Override
    public String kind() {
      return "null";
    }
  }
}
