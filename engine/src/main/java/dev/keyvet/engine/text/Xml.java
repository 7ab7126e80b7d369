package dev.keyvet.engine.text;

/**
 * Escaping for XML 1.0 text and attribute values. Characters XML 1.0 cannot hold at all (most
 * control characters, lone surrogates, U+FFFE and U+FFFF) become {@code U+FFFD}; line breaks and
 * tabs in attributes become character references so that parsers keep them.
 */
public final class Xml {
  private Xml() {}

  /** {@code s} escaped for XML text. */
  public static String text(String s) {
    return escape(s, false);
  }

  /** {@code s} escaped for a double-quoted XML attribute value. */
  public static String attribute(String s) {
    return escape(s, true);
  }

  private static String escape(String s, boolean attribute) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append(attribute ? "&quot;" : "\"");
        case '\n' -> sb.append(attribute ? "&#10;" : "\n");
        case '\r' -> sb.append("&#13;");
        case '\t' -> sb.append(attribute ? "&#9;" : "\t");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xfffe || c == 0xffff) {
            sb.append('\ufffd');
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}
