package dev.keyvet.engine.report;

import java.nio.charset.StandardCharsets;

/**
 * File names as URI references for SARIF: a relative path stays relative (with {@code /}
 * separators), an absolute one becomes a {@code file:} URI; characters a URI cannot hold are
 * percent-encoded as UTF-8.
 */
final class Uris {
  private static final String KEEP =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=@";

  private Uris() {}

  static String of(String file) {
    String path = file.replace('\\', '/');
    if (path.length() >= 3 && Character.isLetter(path.charAt(0)) && path.startsWith(":/", 1)) {
      return "file:///" + path.charAt(0) + ":" + encode(path.substring(2));
    }
    return path.startsWith("/") ? "file://" + encode(path) : encode(path);
  }

  private static String encode(String path) {
    StringBuilder sb = new StringBuilder(path.length());
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c < 0x80 && KEEP.indexOf(c) >= 0) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        sb.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }
}
