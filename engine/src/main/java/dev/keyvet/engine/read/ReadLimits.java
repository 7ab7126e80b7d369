package dev.keyvet.engine.read;

import tools.jackson.core.StreamReadConstraints;

/**
 * Bounds on what the reader accepts, so that hostile input cannot exhaust memory or time. A key
 * policy is at most 32 KiB and nests six levels deep; these limits leave ample room above that.
 *
 * @param maxDocumentChars documents longer than this are not parsed at all
 * @param maxNestingDepth objects and arrays nested deeper than this are a shape error
 * @param maxStringChars longest string value or member name
 * @param maxTokens most JSON tokens in one document
 */
public record ReadLimits(
    int maxDocumentChars, int maxNestingDepth, int maxStringChars, int maxTokens) {

  /** 1 MiB of text, 32 levels, 64 KiB strings, 200,000 tokens. */
  public static final ReadLimits DEFAULT = new ReadLimits(1 << 20, 32, 1 << 16, 200_000);

  /** These limits as Jackson's stream constraints, for every parser that reads policy text. */
  public StreamReadConstraints constraints() {
    return StreamReadConstraints.builder()
        .maxNestingDepth(maxNestingDepth)
        .maxStringLength(maxStringChars)
        .maxNameLength(maxStringChars)
        .maxNumberLength(100)
        .maxTokenCount(maxTokens)
        .maxDocumentLength(maxDocumentChars)
        .build();
  }

  public ReadLimits {
    if (maxDocumentChars <= 0 || maxNestingDepth <= 0 || maxStringChars <= 0 || maxTokens <= 0) {
      throw new IllegalArgumentException("read limits must be positive");
    }
  }
}
