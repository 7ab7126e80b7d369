package dev.keyvet.engine.lint;

/**
 * A lint run cannot start or finish because of its setup, not its policies: a path that cannot be
 * read, settings or a baseline that are not valid. The message names the file and the problem and
 * is meant for people as it is.
 */
public final class LintSetupException extends Exception {
  private static final long serialVersionUID = 1L;

  public LintSetupException(String message) {
    super(message);
  }
}
