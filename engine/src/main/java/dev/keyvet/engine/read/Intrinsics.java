package dev.keyvet.engine.read;

/** Recognises CloudFormation intrinsic functions left in a policy: {@code {"Fn::Join": ...}}. */
final class Intrinsics {
  private Intrinsics() {}

  /**
   * The intrinsic's name ({@code Fn::Join}, {@code Ref}, {@code Condition}) when an object whose
   * only member is named {@code onlyMember} is one, or null; null for a null name.
   */
  static String name(String onlyMember) {
    if (onlyMember != null
        && (onlyMember.startsWith("Fn::")
            || onlyMember.equals("Ref")
            || onlyMember.equals("Condition"))) {
      return onlyMember;
    }
    return null;
  }
}
