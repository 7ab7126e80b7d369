package dev.keyvet.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Boundaries between the modules on the CLI's class path: engine, runtime and CLI. */
@AnalyzeClasses(packages = "dev.keyvet", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

  @ArchTest
  static final ArchRule runtimeDoesNotDependOnCliOrMaven =
      noClasses()
          .that()
          .resideInAPackage("dev.keyvet.runtime..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.keyvet.cli..", "dev.keyvet.maven..", "picocli..");

  @ArchTest
  static final ArchRule engineDoesNotDependOnOuterModules =
      noClasses()
          .that()
          .resideInAPackage("dev.keyvet.engine..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.keyvet.runtime..", "dev.keyvet.cli..", "dev.keyvet.maven..");

  @ArchTest
  static final ArchRule cliDoesNotUseCryptoDirectly =
      noClasses()
          .that()
          .resideInAPackage("dev.keyvet.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.bouncycastle..", "javax.crypto..");
}
