package dev.keyvet.engine.lint;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies suppressions to findings: a finding is suppressed when a suppression's file glob matches
 * its file (relative to the settings' folder), its code matches, and its statement matches (or the
 * suppression names none). Suppressions that matched nothing are reported, so stale ones do not
 * pile up.
 */
public final class Suppressions {
  private final List<Suppression> suppressions;
  private final Set<Suppression> used = new LinkedHashSet<>();

  public Suppressions(List<Suppression> suppressions) {
    this.suppressions = List.copyOf(suppressions);
  }

  /** The findings of {@code file} that no suppression covers; records which ones were used. */
  public List<Finding> apply(Path relativeFile, List<Finding> findings) {
    List<Finding> kept = new ArrayList<>();
    for (Finding f : findings) {
      Suppression s = covering(relativeFile, f);
      if (s == null) {
        kept.add(f);
      } else {
        used.add(s);
      }
    }
    return kept;
  }

  /** The suppressions that have not matched any finding so far. */
  public List<Suppression> unused() {
    List<Suppression> out = new ArrayList<>();
    for (Suppression s : suppressions) {
      if (!used.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private Suppression covering(Path file, Finding f) {
    for (Suppression s : suppressions) {
      if (s.code().equals(f.diagnostic().code().id())
          && (s.statement().isEmpty() || s.statement().equals(f.statement()))
          && matches(s.file(), file)) {
        return s;
      }
    }
    return null;
  }

  private static boolean matches(String glob, Path file) {
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    return m.matches(file) || glob.equals(file.toString().replace('\\', '/'));
  }
}
