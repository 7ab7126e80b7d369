package dev.keyvet.engine.read;

import dev.keyvet.engine.read.JsonValue.JObject;

/** Recognises CloudFormation intrinsic functions left in a policy: {@code {"Fn::Join": ...}}. */
final class Intrinsics {
  private Intrinsics() {}

  /** The intrinsic's name ({@code Fn::Join}, {@code Ref}, ...), or null if {@code v} is none. */
  static String name(JsonValue v) {
    if (v instanceof JObject obj && obj.members().size() == 1) {
      String name = obj.members().get(0).name();
      if (name.startsWith("Fn::") || name.equals("Ref") || name.equals("Condition")) {
        return name;
      }
    }
    return null;
  }
}
