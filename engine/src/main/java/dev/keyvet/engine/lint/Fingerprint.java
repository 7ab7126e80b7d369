package dev.keyvet.engine.lint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A finding's identity across edits: a hash of its code, its statement's label, the JSON pointer of
 * its element with the statement's position replaced by that label, and its message with numbers
 * and positions folded. It survives reformatting, line shifts and statements moving, and changes
 * when the finding itself changes.
 */
public final class Fingerprint {
  private Fingerprint() {}

  private static final Pattern STATEMENT_INDEX = Pattern.compile("^/Statement(/\\d+)?");
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  /** The fingerprint of {@code f}: 16 hex digits. */
  public static String of(Finding f) {
    String pointer = f.diagnostic().span().pointer();
    String stable =
        STATEMENT_INDEX
            .matcher(pointer)
            .replaceFirst("/Statement[" + f.statement().replace("$", "\\$") + "]");
    String message = DIGITS.matcher(f.diagnostic().message()).replaceAll("#");
    String key = f.diagnostic().code().id() + "\n" + f.statement() + "\n" + stable + "\n" + message;
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
