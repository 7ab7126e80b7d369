package dev.keyvet.bench;

import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.Linter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lint throughput on one core in a warm JVM: every rule, from bytes to findings, on corpus-sized
 * policies. Target: at least 10,000 policies per second.
 *
 * <p>The {@code corpus} fixture lints the real-world policies of {@code shared/corpus} (found by
 * walking up from the working directory, or named by {@code -Dkeyvet.corpus=DIR}) one per
 * operation, in turn, so its score is the average rate over the corpus.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class LintBenchmark {
  /**
   * {@code small}: default key policy; {@code medium}: console default with conditions; {@code
   * corpus}: every corpus policy in turn.
   */
  @Param({"small", "medium", "corpus"})
  public String fixture;

  private final Linter linter = Linter.standard();
  private byte[] bytes;
  private List<String> names = List.of();
  private List<byte[]> corpus = List.of();
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    if (fixture.equals("corpus")) {
      loadCorpus();
      return;
    }
    try (InputStream in =
        LintBenchmark.class.getResourceAsStream("policies/" + fixture + ".json")) {
      if (in == null) {
        throw new IllegalStateException("missing fixture " + fixture);
      }
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LintResult r = linter.lint(fixture, bytes, LintConfig.DEFAULT);
    if (r.findings().stream().anyMatch(f -> f.diagnostic().isError())) {
      throw new IllegalStateException("fixture has errors: " + r.findings());
    }
  }

  /** One policy linted with every rule. */
  @Benchmark
  public LintResult lint() {
    if (!corpus.isEmpty()) {
      int i = next;
      next = i + 1 == corpus.size() ? 0 : i + 1;
      return linter.lint(names.get(i), corpus.get(i), LintConfig.DEFAULT);
    }
    return linter.lint(fixture, bytes, LintConfig.DEFAULT);
  }

  private void loadCorpus() {
    Path dir = corpusDirectory();
    List<String> n = new ArrayList<>();
    List<byte[]> b = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        n.add(p.getFileName().toString());
        b.add(Files.readAllBytes(p));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (b.isEmpty()) {
      throw new IllegalStateException("no policies in " + dir);
    }
    names = List.copyOf(n);
    corpus = List.copyOf(b);
  }

  private static Path corpusDirectory() {
    String given = System.getProperty("keyvet.corpus");
    if (given != null) {
      return Path.of(given);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/corpus not found; give -Dkeyvet.corpus=DIR");
  }
}
