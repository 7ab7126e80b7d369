package dev.keyvet.engine.lint;

import dev.keyvet.engine.iac.IacReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which files a lint run reads. A directory search picks key policies, CloudFormation templates and
 * Terraform configurations by their ending ({@link #ENDINGS}), and keeps a file only when its
 * content is a policy (or does not parse) or defines KMS keys, so that other JSON and YAML beside
 * them (package manifests, CI workflows, keyvet's own settings) is not reported.
 */
public final class LintFiles {
  /** The endings a directory search looks at. */
  public static final List<String> ENDINGS = List.of(".json", ".yaml", ".yml", ".template", ".tf");

  /**
   * Include patterns that select what a directory search selects: every ending of {@link #ENDINGS}.
   */
  public static final List<String> DEFAULT_INCLUDES =
      ENDINGS.stream().map(e -> "**/*" + e).toList();

  private LintFiles() {}

  /**
   * Every file to lint for these command-line paths, in a stable order: files as given (always
   * linted), directories searched and their files sorted.
   */
  public static List<Path> expand(List<Path> paths) throws LintSetupException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        out.addAll(search(p, LintFiles::hasKnownEnding));
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else if (Files.exists(p)) {
        throw new LintSetupException("'" + p + "' is not a file or directory");
      } else {
        throw new LintSetupException("'" + p + "': no such file or directory");
      }
    }
    return out;
  }

  /**
   * The files below {@code dir} that match one of {@code includes} and none of {@code excludes},
   * sorted. Patterns are Ant-style and relative to {@code dir}: {@code *} and {@code ?} stay within
   * a folder, {@code **} spans folders ({@code **}{@code /*.json} also matches {@code a.json}), and
   * a pattern ending in {@code /} means everything below. Files with an ending of {@link #ENDINGS}
   * are kept only when they hold a policy or define KMS keys; files with another ending that a
   * pattern names are read as policies.
   */
  public static List<Path> scan(Path dir, List<String> includes, List<String> excludes)
      throws LintSetupException {
    List<Pattern> in = includes.stream().map(LintFiles::antPattern).toList();
    List<Pattern> out = excludes.stream().map(LintFiles::antPattern).toList();
    return search(
        dir,
        rel ->
            in.stream().anyMatch(p -> p.matcher(rel).matches())
                && out.stream().noneMatch(p -> p.matcher(rel).matches()));
  }

  /** The file's bytes; a clear message when it cannot be read. */
  public static byte[] read(Path p) throws LintSetupException {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new LintSetupException("cannot read '" + p + "': " + reason(e));
    }
  }

  /** A selection by the path relative to the searched folder, with {@code /} separators. */
  private interface Selection {
    boolean test(String relative);
  }

  private static List<Path> search(Path dir, Selection selected) throws LintSetupException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> selected.test(relative(dir, f)) && worthLinting(f))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new LintSetupException("cannot read directory '" + dir + "': " + reason(e));
    }
  }

  private static String relative(Path dir, Path f) {
    return dir.relativize(f).toString().replace('\\', '/');
  }

  private static boolean hasKnownEnding(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return ENDINGS.stream().anyMatch(lower::endsWith);
  }

  /** Whether a file found by a search is worth linting; see the class comment. */
  private static boolean worthLinting(Path f) {
    String name = f.getFileName().toString();
    if (LintSettingsReader.NAMES.contains(name)) {
      return false;
    }
    if (!hasKnownEnding(name)) {
      return true;
    }
    try {
      return IacReader.worthLinting(name, Files.readAllBytes(f));
    } catch (IOException e) {
      // Unreadable: keep it, so that reading it reports the problem.
      return true;
    }
  }

  /** An Ant-style pattern as a regular expression over {@code /}-separated relative paths. */
  static Pattern antPattern(String pattern) {
    String g = pattern.strip().replace('\\', '/');
    while (g.startsWith("/")) {
      g = g.substring(1);
    }
    if (g.endsWith("/")) {
      g += "**";
    }
    StringBuilder re = new StringBuilder();
    int i = 0;
    while (i < g.length()) {
      char c = g.charAt(i);
      boolean afterSlash = i == 0 || g.charAt(i - 1) == '/';
      if (c == '*' && i + 1 < g.length() && g.charAt(i + 1) == '*' && afterSlash) {
        if (i + 2 < g.length() && g.charAt(i + 2) == '/') {
          re.append("(?:[^/]*/)*");
          i += 3;
          continue;
        }
        if (i + 2 == g.length()) {
          if (i > 0) {
            re.setLength(re.length() - 1);
            re.append("(?:/.*)?");
          } else {
            re.append(".*");
          }
          i += 2;
          continue;
        }
      }
      if (c == '*') {
        re.append("[^/]*");
      } else if (c == '?') {
        re.append("[^/]");
      } else if (c == '/' || Character.isLetterOrDigit(c)) {
        re.append(c);
      } else {
        re.append('\\').append(c);
      }
      i++;
    }
    return Pattern.compile(re.toString());
  }

  private static String reason(Exception e) {
    Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
    String simple = t.getClass().getSimpleName();
    if (simple.equals("AccessDeniedException")) {
      return "permission denied";
    }
    if (simple.equals("NoSuchFileException")) {
      return "no such file";
    }
    return t.getMessage() == null ? simple : t.getMessage();
  }
}
