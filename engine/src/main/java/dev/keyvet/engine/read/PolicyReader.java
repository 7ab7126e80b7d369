package dev.keyvet.engine.read;

import dev.keyvet.engine.diag.Code;
import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.diag.SourceSpan;
import dev.keyvet.engine.model.PolicyDocument;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads key policies into the model. Accepts every form AWS accepts and reports, in one pass, every
 * problem it finds as a diagnostic with a stable code and an exact span. Never throws for bad
 * input; thread-safe and reusable.
 */
public final class PolicyReader {
  /** The most bytes KMS accepts in a key policy. */
  public static final int MAX_POLICY_BYTES = 32_768;

  private static final int MAX_CHARACTER_REPORTS = 5;

  private final ReadLimits limits;
  private final PolicyParser parser;

  /** A reader with {@link ReadLimits#DEFAULT}. */
  public PolicyReader() {
    this(ReadLimits.DEFAULT);
  }

  public PolicyReader(ReadLimits limits) {
    this.limits = limits;
    this.parser = new PolicyParser(limits);
  }

  /** Reads UTF-8 bytes (a leading byte-order mark is allowed). */
  public ReadResult read(String file, byte[] content) {
    List<Diagnostic> out = new ArrayList<>();
    if (content.length > limits.maxDocumentChars()) {
      out.add(tooLarge(file, content.length));
      return new ReadResult(file, null, out);
    }
    if (AsciiText.isPlain(content)) {
      // The common case: nothing to decode, no character KMS rejects, and byte offsets are
      // character offsets, so Jackson parses the bytes directly.
      AsciiText text = new AsciiText(content);
      sizeCheck(file, content.length, out);
      return result(file, parser.read(file, text, content, out), out);
    }
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.indexOf('\uFFFD') >= 0 && !validUtf8(content)) {
      out.add(invalidUtf8(file, content));
      return new ReadResult(file, null, out);
    }
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    return read(file, text, content.length, out);
  }

  /** True when {@code content} is well-formed UTF-8 (a decoded U+FFFD may be genuine). */
  private static boolean validUtf8(byte[] content) {
    try {
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      decoder.decode(ByteBuffer.wrap(content));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** Reads a document given as text; its size is measured as UTF-8. */
  public ReadResult read(String file, String text) {
    return read(file, text, utf8Length(text), new ArrayList<>());
  }

  /**
   * Reads a policy laid out inside a larger file: {@code text} holds the policy at its own lines
   * and columns, blank elsewhere, and {@code policyBytes} is the size of the policy itself, which
   * the size limit applies to.
   */
  public ReadResult readEmbedded(String file, String text, long policyBytes) {
    return read(file, text, policyBytes, new ArrayList<>());
  }

  private ReadResult read(String file, String text, long bytes, List<Diagnostic> out) {
    if (text.length() > limits.maxDocumentChars()) {
      out.add(tooLarge(file, bytes));
      return new ReadResult(file, null, out);
    }
    sizeCheck(file, bytes, out);
    checkCharacters(file, text, out);
    return result(file, parser.read(file, text, out), out);
  }

  private static ReadResult result(String file, PolicyDocument policy, List<Diagnostic> out) {
    Collections.sort(out);
    return new ReadResult(file, policy, out);
  }

  private static void sizeCheck(String file, long bytes, List<Diagnostic> out) {
    if (bytes > MAX_POLICY_BYTES) {
      out.add(
          Diagnostic.of(
                  Code.KP012,
                  SourceSpan.at(file, 1, 1, ""),
                  "the policy is " + bytes + " bytes; KMS accepts at most " + MAX_POLICY_BYTES)
              .withHelp(
                  "PutKeyPolicy fails with LimitExceededException; the quota cannot be raised"));
    }
  }

  /** KMS accepts tab, LF, CR, and U+0020 to U+00FF; anything else makes PutKeyPolicy fail. */
  private static void checkCharacters(String file, String text, List<Diagnostic> out) {
    int n = text.length();
    int k = 0;
    while (k < n) {
      char c = text.charAt(k);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c > 0xFF) {
        break;
      }
      k++;
    }
    if (k == n) {
      return;
    }
    int line = 1;
    int column = 1;
    int reported = 0;
    int extra = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        column = 1;
        continue;
      }
      boolean allowed = c == '\t' || c == '\r' || (c >= 0x20 && c <= 0xFF);
      if (!allowed) {
        int cp = text.codePointAt(i);
        if (reported < MAX_CHARACTER_REPORTS) {
          out.add(
              Diagnostic.of(
                      Code.KP013,
                      SourceSpan.at(file, line, column, ""),
                      String.format("character U+%04X is not allowed in a key policy", cp))
                  .withHelp("KMS accepts printable ASCII, Latin-1 (up to U+00FF), tab, LF and CR"));
          reported++;
        } else {
          extra++;
        }
        if (Character.isSupplementaryCodePoint(cp)) {
          i++;
        }
      }
      column++;
    }
    if (extra > 0) {
      out.add(
          Diagnostic.of(
              Code.KP013,
              SourceSpan.at(file, line, column, ""),
              extra + " more characters outside what KMS accepts"));
    }
  }

  private Diagnostic tooLarge(String file, long size) {
    return Diagnostic.of(
            Code.KP012,
            SourceSpan.at(file, 1, 1, ""),
            "the document is "
                + size
                + " bytes; keyvet reads at most "
                + limits.maxDocumentChars()
                + " characters")
        .withHelp("a key policy is at most " + MAX_POLICY_BYTES + " bytes");
  }

  private static Diagnostic invalidUtf8(String file, byte[] content) {
    int line = 1;
    int column = 1;
    int i = 0;
    while (i < content.length) {
      int b = content[i] & 0xFF;
      int len =
          b < 0x80 ? 1 : b >= 0xF0 && b <= 0xF4 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
      boolean ok = len > 0 && i + len <= content.length;
      for (int k = 1; ok && k < len; k++) {
        ok = (content[i + k] & 0xC0) == 0x80;
      }
      if (!ok) {
        break;
      }
      if (b == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
      i += len;
    }
    return Diagnostic.of(
            Code.KP001,
            SourceSpan.at(file, line, column, ""),
            String.format(
                "the file is not valid UTF-8 (byte 0x%02X)",
                i < content.length ? content[i] & 0xFF : 0))
        .withHelp("save the policy as UTF-8");
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
