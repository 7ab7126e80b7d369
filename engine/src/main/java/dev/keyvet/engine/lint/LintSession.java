package dev.keyvet.engine.lint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * One lint run over files, as {@code keyvet lint} and the Maven plugin make it: each file's
 * settings (the given file, or the nearest {@code keyvet.yaml} above it), the settings' exclusions,
 * the linter (files in parallel), suppressions, the baseline, and which findings fail the run.
 * Immutable and thread-safe; {@link #run} may be called from several threads.
 */
public final class LintSession {
  private final CompletableFuture<Linter> linter;
  private final Path configFile;
  private final Baseline baseline;
  private final FailOn failOn;
  private final Function<Path, String> naming;
  private final Path base;

  private LintSession(Builder b) {
    // The standard linter loads the catalogue and the rules: let that happen while the caller finds
    // files and the run reads settings and files.
    this.linter =
        b.linter == null
            ? CompletableFuture.supplyAsync(Linter::standard)
            : CompletableFuture.completedFuture(b.linter);
    this.configFile = b.configFile;
    this.baseline = b.baseline;
    this.failOn = b.failOn;
    this.naming = b.naming;
    this.base = Objects.requireNonNull(b.base, "base").toAbsolutePath();
  }

  /** A session builder; only {@link Builder#base} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** How a session is set up. */
  public static final class Builder {
    private Linter linter;
    private Path configFile;
    private Baseline baseline;
    private FailOn failOn;
    private Function<Path, String> naming = Path::toString;
    private Path base;

    private Builder() {}

    /** The linter to run; default {@link Linter#standard()}. */
    public Builder linter(Linter newLinter) {
      this.linter = newLinter;
      return this;
    }

    /**
     * Settings for every file, instead of the nearest {@code keyvet.yaml}; null for the nearest.
     */
    public Builder configFile(Path file) {
      this.configFile = file;
      return this;
    }

    /** Report only findings not in this baseline; null for all. */
    public Builder baseline(Baseline accepted) {
      this.baseline = accepted;
      return this;
    }

    /** Fail on this instead of each file's settings' {@code failOn}; null for the settings'. */
    public Builder failOn(FailOn threshold) {
      this.failOn = threshold;
      return this;
    }

    /**
     * How files are named in findings, reports and the baseline; default the path as given. A
     * baseline matches findings by this name, so it should not depend on the machine.
     */
    public Builder naming(Function<Path, String> newNaming) {
      this.naming = Objects.requireNonNull(newNaming, "naming");
      return this;
    }

    /** The folder that default settings (no {@code keyvet.yaml} found) take paths relative to. */
    public Builder base(Path folder) {
      this.base = folder;
      return this;
    }

    public LintSession build() {
      return new LintSession(this);
    }
  }

  /** Reads a baseline file; a message naming the file when it cannot be read or is not one. */
  public static Baseline readBaseline(Path file) throws LintSetupException {
    try {
      return Baseline.read(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new LintSetupException("cannot read baseline '" + file + "': no such file");
    } catch (IOException e) {
      throw new LintSetupException("cannot read baseline '" + file + "'");
    } catch (IllegalArgumentException e) {
      throw new LintSetupException("'" + file + "': " + e.getMessage());
    }
  }

  /**
   * Lints {@code files} in order. Excluded files (by their settings) are left out of the result.
   *
   * @throws LintSetupException when settings or a file cannot be read
   */
  public Result run(List<Path> files) throws LintSetupException {
    Map<Path, Optional<Path>> settingsFileByDir = new HashMap<>();
    Map<Path, LintSettings> settingsByFile = new HashMap<>();
    List<Job> jobs = new ArrayList<>();
    for (Path file : files) {
      LintSettings settings = settingsFor(file, settingsFileByDir, settingsByFile);
      if (!settings.excluded(file)) {
        jobs.add(new Job(file, naming.apply(file), settings, LintFiles.read(file)));
      }
    }
    // Files are independent and the linter is thread-safe: lint them on every core, keeping the
    // order of the files for everything that follows.
    Linter l = linter();
    List<LintResult> raws =
        jobs.parallelStream().map(j -> l.lint(j.name, j.bytes, j.settings.config())).toList();
    Map<LintSettings, Suppressions> suppressions = new LinkedHashMap<>();
    List<FileOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      Job job = jobs.get(i);
      List<Finding> unsuppressed =
          suppressions
              .computeIfAbsent(job.settings, s -> new Suppressions(s.suppressions()))
              .apply(job.settings.relative(job.file), raws.get(i).findings());
      List<Finding> reported =
          baseline == null ? unsuppressed : baseline.newFindings(job.name, unsuppressed);
      outcomes.add(
          new FileOutcome(
              job.file,
              job.name,
              new String(job.bytes, StandardCharsets.UTF_8),
              failOn == null ? job.settings : failOn.applyTo(job.settings),
              new LintResult(job.name, unsuppressed),
              new LintResult(job.name, reported)));
    }
    List<Suppression> unused = new ArrayList<>();
    suppressions.values().forEach(s -> unused.addAll(s.unused()));
    return new Result(outcomes, unused);
  }

  private Linter linter() {
    try {
      return linter.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  /** One file to lint, with its settings and content. */
  private record Job(Path file, String name, LintSettings settings, byte[] bytes) {}

  private LintSettings settingsFor(
      Path file, Map<Path, Optional<Path>> byDir, Map<Path, LintSettings> cache)
      throws LintSetupException {
    Path source = configFile;
    if (source == null) {
      Path dir = file.toAbsolutePath().getParent();
      source =
          (dir == null
                  ? LintSettingsReader.find(file)
                  : byDir.computeIfAbsent(dir, LintSettingsReader::find))
              .orElse(null);
    }
    if (source == null) {
      return LintSettings.defaults(base);
    }
    LintSettings s = cache.get(source);
    if (s == null) {
      s = readSettings(source);
      cache.put(source, s);
    }
    return s;
  }

  /** Reads a settings file; a message naming the file and the setting when it is not valid. */
  public static LintSettings readSettings(Path source) throws LintSetupException {
    try {
      return LintSettingsReader.read(source, Files.readAllBytes(source));
    } catch (NoSuchFileException e) {
      throw new LintSetupException("cannot read settings '" + source + "': no such file");
    } catch (IOException e) {
      throw new LintSetupException("cannot read settings '" + source + "'");
    } catch (IllegalArgumentException e) {
      throw new LintSetupException(e.getMessage());
    }
  }

  /**
   * What the run found in one file.
   *
   * @param path the file
   * @param name the file's name in findings and reports
   * @param source the file's text
   * @param settings the settings that applied, with the session's {@code failOn} if it has one
   * @param unsuppressed the findings no suppression covers: what a new baseline records
   * @param reported the findings reported: unsuppressed and not in the baseline
   */
  public record FileOutcome(
      Path path,
      String name,
      String source,
      LintSettings settings,
      LintResult unsuppressed,
      LintResult reported) {

    /** True when {@code f} fails the run. */
    public boolean fails(Finding f) {
      return settings.fails(f);
    }

    /** The reported findings that fail the run. */
    public List<Finding> failing() {
      return reported.findings().stream().filter(this::fails).toList();
    }
  }

  /**
   * What the run found.
   *
   * @param files the linted files, in the order given
   * @param unusedSuppressions suppressions that matched no finding, so may be stale
   */
  public record Result(List<FileOutcome> files, List<Suppression> unusedSuppressions) {
    public Result {
      files = List.copyOf(files);
      unusedSuppressions = List.copyOf(unusedSuppressions);
    }

    /** True when some reported finding fails the run. */
    public boolean failing() {
      return files.stream().anyMatch(f -> !f.failing().isEmpty());
    }

    /** The findings no suppression covers, per file: what {@link Baseline#write} records. */
    public List<LintResult> unsuppressed() {
      return files.stream().map(FileOutcome::unsuppressed).toList();
    }
  }
}
