package dev.keyvet.engine.report;

import dev.keyvet.engine.lint.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A finding's identity across runs, for SARIF's {@code partialFingerprints}: the SHA-256 of its
 * code, statement label, JSON pointer and normalized message. Positions are left out, so the
 * fingerprint survives reformatting and lines moving; the file is left out because SARIF consumers
 * match fingerprints per file already.
 */
final class Fingerprint {
  /** The key under {@code partialFingerprints}; the suffix is bumped if the recipe changes. */
  static final String KEY = "keyvetFingerprint/v1";

  private static final Pattern SPACE = Pattern.compile("\\s+");
  private static final Pattern POSITION = Pattern.compile("\\b(line|column) \\d+");

  private Fingerprint() {}

  /** 64 lower-case hex digits. */
  static String of(Finding f) {
    String recipe =
        f.diagnostic().code().id()
            + '\n'
            + f.statement()
            + '\n'
            + f.diagnostic().span().pointer()
            + '\n'
            + normalize(f.diagnostic().message());
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(recipe.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * The message with runs of white space collapsed, ends trimmed, lower case, and the positions it
   * mentions ({@code line 12}, {@code column 3}) blanked, so that a message naming another place in
   * the file keeps its identity when lines move.
   */
  static String normalize(String message) {
    String s = SPACE.matcher(message.trim()).replaceAll(" ").toLowerCase(Locale.ROOT);
    return POSITION.matcher(s).replaceAll("$1 #");
  }
}
