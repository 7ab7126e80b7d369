package dev.keyvet.engine.iac;

import dev.keyvet.engine.model.KeySettings;
import java.util.Objects;

/**
 * One key policy found in an infrastructure-as-code file, with the key's settings.
 *
 * @param settings the key's settings and aliases
 * @param text the policy as JSON laid out at its place in the file (lines and, where room allows,
 *     columns match the file), or null when the key has no policy keyvet could read
 * @param bytes the policy's own size in UTF-8 bytes (the laid-out text is longer)
 */
public record EmbeddedPolicy(KeySettings settings, String text, long bytes) {
  public EmbeddedPolicy {
    Objects.requireNonNull(settings, "settings");
  }

  /** True when there is a policy to read. */
  public boolean hasPolicy() {
    return text != null;
  }
}
