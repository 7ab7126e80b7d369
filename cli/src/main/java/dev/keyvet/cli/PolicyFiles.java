package dev.keyvet.cli;

import dev.keyvet.engine.iac.IacReader;
import dev.keyvet.engine.lint.LintSettingsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Expands command-line paths: files as given; directories searched for {@code *.json} policies, and
 * for {@code keyvet lint} also for CloudFormation templates and Terraform configurations.
 */
final class PolicyFiles {
  private PolicyFiles() {}

  /** A path the user named that cannot be read. */
  static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
      super(message);
    }
  }

  /** The endings of files a directory search for infrastructure as code looks at. */
  private static final List<String> IAC_ENDINGS =
      List.of(".json", ".yaml", ".yml", ".template", ".tf");

  /** Every file to read, in a stable order: arguments in order, directory contents sorted. */
  static List<Path> expand(List<Path> paths) throws UnreadableException {
    return expand(paths, false);
  }

  /**
   * As {@link #expand(List)}; with {@code iac}, directories also yield templates and Terraform
   * files. Files found in a directory are kept only when their content is a policy or defines KMS
   * keys, so that other JSON and YAML there (manifests, keyvet's own settings) is not reported.
   */
  static List<Path> expand(List<Path> paths, boolean iac) throws UnreadableException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(f -> Files.isRegularFile(f) && wanted(f, iac)).sorted().forEach(out::add);
        } catch (IOException | java.io.UncheckedIOException e) {
          throw new UnreadableException("cannot read directory '" + p + "': " + reason(e));
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else if (Files.exists(p)) {
        throw new UnreadableException("'" + p + "' is not a file or directory");
      } else {
        throw new UnreadableException("'" + p + "': no such file or directory");
      }
    }
    return out;
  }

  private static boolean wanted(Path f, boolean iac) {
    String name = f.getFileName().toString();
    if (!iac) {
      return name.endsWith(".json");
    }
    if (LintSettingsReader.NAMES.contains(name)
        || IAC_ENDINGS.stream().noneMatch(e -> name.toLowerCase(Locale.ROOT).endsWith(e))) {
      return false;
    }
    try {
      return IacReader.worthLinting(name, Files.readAllBytes(f));
    } catch (IOException e) {
      // Unreadable: keep it, so that reading it reports the problem.
      return true;
    }
  }

  /** The file's bytes. */
  static byte[] read(Path p) throws UnreadableException {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UnreadableException("cannot read '" + p + "': " + reason(e));
    }
  }

  private static String reason(Exception e) {
    Throwable t = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
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
