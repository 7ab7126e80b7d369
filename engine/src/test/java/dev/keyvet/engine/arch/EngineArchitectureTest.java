package dev.keyvet.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundaries of {@code docs/architecture.md} for the engine: it imports no runtime, CLI or
 * Maven code, does no network or console I/O, and the model does not depend on the stages that
 * build or consume it.
 */
@AnalyzeClasses(
    packages = "dev.keyvet.engine",
    importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest {

  @ArchTest
  static final ArchRule engineImportsNoOuterModule =
      noClasses()
          .that()
          .resideInAPackage("dev.keyvet.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.keyvet.runtime..",
              "dev.keyvet.cli..",
              "dev.keyvet.maven..",
              "org.apache.maven..",
              "picocli..",
              "org.bouncycastle..");

  @ArchTest
  static final ArchRule engineDoesNoNetworkIo =
      noClasses()
          .that()
          .resideInAPackage("dev.keyvet.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("java.net..", "javax.net..", "com.sun.net..");

  /** The grammar is an implementation detail: ANTLR stays behind the language facade. */
  @ArchTest
  static final ArchRule antlrStaysBehindTheLanguageFacade =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.keyvet.engine.scenario.grammar..")
          .and()
          .haveNameNotMatching("dev\\.keyvet\\.engine\\.scenario\\.KeyvetSyntax(\\$.*)?")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.antlr..");

  @ArchTest
  static final ArchRule engineDoesNoConsoleIo =
      noClasses()
          .that()
          .resideInAPackage("dev.keyvet.engine..")
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .orShould()
          .accessField(System.class, "in");

  @ArchTest
  static final ArchRule engineReadsNoClockOrEnvironment =
      noClasses()
          .that()
          .resideInAPackage("dev.keyvet.engine..")
          .should()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(System.class, "getenv", String.class)
          .orShould()
          .callMethod(java.time.Instant.class, "now")
          .orShould()
          .callMethod(java.time.Clock.class, "systemUTC");

  @ArchTest
  static final ArchRule modelDependsOnNoStage =
      noClasses()
          .that()
          .resideInAPackage("dev.keyvet.engine.model..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.keyvet.engine.read..",
              "dev.keyvet.engine.validate..",
              "dev.keyvet.engine.write..",
              "tools.jackson..");

  @ArchTest
  static final ArchRule jacksonStaysInReadersAndWriters =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.keyvet.engine.model..", "dev.keyvet.engine.diag..", "dev.keyvet.engine.text..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("tools.jackson..", "com.networknt..");
}
