package dev.keyvet.engine.evalio;

/**
 * Resolves a policy given by reference (a string where a policy object could stand) to its bytes.
 * The command line resolves file paths; tests resolve names in their resources.
 */
@FunctionalInterface
public interface PolicySource {
  /**
   * The bytes of the referenced policy.
   *
   * @throws IllegalArgumentException with a message fit for users when it cannot be read
   */
  byte[] load(String reference);

  /** A source that accepts no references. */
  PolicySource NONE =
      reference -> {
        throw new IllegalArgumentException(
            "policy reference `" + reference + "` cannot be resolved here; give the policy inline");
      };
}
