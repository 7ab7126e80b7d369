package dev.keyvet.runtime;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Region names as AWS writes them: {@code us-east-1}, {@code eu-central-2}, {@code us-gov-west-1}.
 */
public final class Regions {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

  /**
   * Names seen valid so far: a few Regions come again on every call. Bounded, as callers choose.
   */
  private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

  private Regions() {}

  /** True when {@code name} has the form of a Region name. */
  public static boolean valid(String name) {
    if (name == null) {
      return false;
    }
    if (SEEN.contains(name)) {
      return true;
    }
    if (!REGION.matcher(name).matches()) {
      return false;
    }
    if (SEEN.size() < 256) {
      SEEN.add(name);
    }
    return true;
  }
}
