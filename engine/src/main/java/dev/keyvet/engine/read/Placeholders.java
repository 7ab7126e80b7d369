package dev.keyvet.engine.read;

import java.util.regex.Pattern;

/**
 * Recognises text left over from a template that was never rendered: {@code ${account_id}}, {@code
 * ${this.ACCOUNT_ID}}, {@code <account-id>}, {@code {{region}}}, or words such as {@code
 * account-id} where an account ID belongs.
 */
final class Placeholders {
  private Placeholders() {}

  private static final Pattern ANGLE = Pattern.compile("<[A-Za-z][A-Za-z0-9_ .-]*>");
  private static final Pattern MUSTACHE = Pattern.compile("\\{\\{[^}]*}}");

  /**
   * The first placeholder in {@code text}, or null. A {@code ${...}} is a placeholder unless it has
   * the form of an AWS policy variable ({@code service:key}, or an escape such as {@code ${*}}).
   */
  static String find(String text) {
    if (text.indexOf('$') < 0 && text.indexOf('<') < 0 && text.indexOf('{') < 0) {
      return null;
    }
    for (String name : TemplateParser.variableNames(text)) {
      boolean escape = name.length() == 1 && "*?$".indexOf(name.charAt(0)) >= 0;
      if (!escape && !isVariableName(name)) {
        return "${" + name + "}";
      }
    }
    var angle = ANGLE.matcher(text);
    if (angle.find()) {
      return angle.group();
    }
    var mustache = MUSTACHE.matcher(text);
    return mustache.find() ? mustache.group() : null;
  }

  /** True for a word standing where an account ID belongs: letters, no digits-only form. */
  static boolean isAccountPlaceholder(String account) {
    for (int i = 0; i < account.length(); i++) {
      if (Character.isLetter(account.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True for the form of an AWS policy variable, {@code service:key}. CloudFormation's
   * pseudo-parameters ({@code ${AWS::AccountId}}) have a double colon and are placeholders.
   */
  private static boolean isVariableName(String name) {
    int colon = name.indexOf(':');
    return colon > 0
        && colon < name.length() - 1
        && name.charAt(colon + 1) != ':'
        && isServicePrefix(name, colon);
  }

  private static boolean isServicePrefix(String name, int end) {
    for (int i = 0; i < end; i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }
}
