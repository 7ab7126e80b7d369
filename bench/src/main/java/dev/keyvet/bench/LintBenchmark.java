package dev.keyvet.bench;

import dev.keyvet.engine.lint.LintConfig;
import dev.keyvet.engine.lint.LintResult;
import dev.keyvet.engine.lint.Linter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
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
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class LintBenchmark {
  /** {@code small}: default key policy; {@code medium}: console default with conditions. */
  @Param({"small", "medium"})
  public String fixture;

  private final Linter linter = Linter.standard();
  private byte[] bytes;

  @Setup(Level.Trial)
  public void setUp() {
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
    return linter.lint(fixture, bytes, LintConfig.DEFAULT);
  }
}
