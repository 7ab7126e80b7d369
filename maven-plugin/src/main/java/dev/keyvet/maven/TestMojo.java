package dev.keyvet.maven;

import dev.keyvet.engine.diag.Diagnostic;
import dev.keyvet.engine.scenario.ScenarioLoader;
import dev.keyvet.engine.scenario.SuiteJUnit;
import dev.keyvet.engine.scenario.Suites;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the suites of expected decisions ({@code .kvt} files) under {@code testDirectory}: each
 * expectation is asked of the engine's simulator, failing ones are logged with {@code
 * file:line:col} and the explanation of the actual decision, one JUnit XML report per suite goes
 * where CI servers look for test reports, and failures fail the build.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class TestMojo extends AbstractMojo {
  /** The folder searched for suites. */
  @Parameter(property = "keyvet.testDirectory", defaultValue = "${project.basedir}/src/test/kms")
  File testDirectory;

  /** Where the JUnit XML reports ({@code TEST-keyvet-*.xml}) are written. */
  @Parameter(
      property = "keyvet.reportsDirectory",
      defaultValue = "${project.build.directory}/surefire-reports")
  File reportsDirectory;

  /** Skip the suites. */
  @Parameter(property = "keyvet.test.skip", defaultValue = "false")
  boolean skip;

  /** Fail the build when {@code testDirectory} holds no suite. */
  @Parameter(property = "keyvet.failIfNoTests", defaultValue = "false")
  boolean failIfNoTests;

  /** The project's folder: suite names in reports are relative to it. */
  @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
  File basedir;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    Log log = getLog();
    if (skip) {
      log.info("keyvet: suites skipped");
      return;
    }
    Path dir = testDirectory.toPath().toAbsolutePath().normalize();
    List<Path> suites = suites(dir);
    if (suites.isEmpty()) {
      String none = "keyvet: no suites (*.kvt) in " + dir;
      if (failIfNoTests) {
        throw new MojoFailureException(none + ", and failIfNoTests is set");
      }
      log.info(none);
      return;
    }
    Path base = basedir.toPath().toAbsolutePath().normalize();
    int run = 0;
    List<String> failed = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    for (Path suite : suites) {
      String name = base.relativize(suite).toString().replace('\\', '/');
      Suites.SuiteResult r = Suites.run(suite, ScenarioLoader.fromDisk());
      write(name, SuiteJUnit.render(r));
      if (r.broken()) {
        broken.add(name);
        log.error("keyvet: " + name + " has errors:");
        for (Diagnostic d : r.diagnostics()) {
          log.error(d.render());
        }
        continue;
      }
      run += r.cases().size();
      for (Suites.CaseResult c : r.cases()) {
        if (c.passed()) {
          continue;
        }
        failed.add("\"" + c.name() + "\" (" + name + ")");
        log.error(
            c.location()
                + ": expected "
                + c.expected()
                + ", got "
                + c.actual()
                + ": \""
                + c.name()
                + "\"");
        c.explanation().lines().forEach(l -> log.error("    " + l));
      }
      log.info(
          "keyvet: "
              + (r.passed() ? "PASS " : "FAIL ")
              + name
              + " ("
              + r.cases().size()
              + (r.cases().size() == 1 ? " expectation)" : " expectations)"));
    }
    String summary =
        "keyvet: Suites: "
            + suites.size()
            + ", expectations run: "
            + run
            + ", failures: "
            + failed.size()
            + ", suites with errors: "
            + broken.size();
    if (failed.isEmpty() && broken.isEmpty()) {
      log.info(summary);
      return;
    }
    log.error(summary);
    List<String> problems = new ArrayList<>();
    if (!broken.isEmpty()) {
      problems.add("suites with errors: " + String.join(", ", broken));
    }
    if (!failed.isEmpty()) {
      problems.add(
          failed.size()
              + (failed.size() == 1 ? " failing expectation: " : " failing expectations: ")
              + String.join(", ", failed.subList(0, Math.min(failed.size(), 10)))
              + (failed.size() > 10 ? " and " + (failed.size() - 10) + " more" : ""));
    }
    throw new MojoFailureException("keyvet: " + String.join("; ", problems));
  }

  private static List<Path> suites(Path dir) throws MojoExecutionException {
    try {
      return Suites.find(dir);
    } catch (IOException e) {
      throw new MojoExecutionException("keyvet: cannot read " + dir + ": " + e.getMessage());
    }
  }

  private void write(String suite, String xml) throws MojoExecutionException {
    Path out = reportsDirectory.toPath();
    String file = SuiteJUnit.fileName(suite);
    try {
      Files.createDirectories(out);
      Files.writeString(out.resolve(file), xml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MojoExecutionException("keyvet: cannot write " + out.resolve(file));
    }
  }
}
