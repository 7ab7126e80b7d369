package dev.keyvet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands the paths of {@code keyvet validate}: files as given, directories searched for {@code
 * *.json} policies. {@code keyvet lint} finds its files with the engine's {@code LintFiles}.
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

  /** Every file to read, in a stable order: arguments in order, directories searched for *.json. */
  static List<Path> expand(List<Path> paths) throws UnreadableException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json"))
              .sorted()
              .forEach(out::add);
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
