package io.tandemcc.pbx;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Only the AMI adapter knows asterisk-java")
class PbxArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
          .withImportOption(
              location ->
                  !location.contains("/io/tandemcc/db/generated/")) // jOOQ output: slow, irrelevant
          .importPackages("io.tandemcc");

  @Test
  void noProductionCodeOutsideTheAmiPackageDependsOnAsteriskJava() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.tandemcc.pbx.ami..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.asteriskjava..")
        .check(CLASSES);
  }

  @Test
  void thePbxVocabularyDoesNotDependOnItsAdapter() {
    noClasses()
        .that()
        .resideInAPackage("io.tandemcc.pbx")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.tandemcc.pbx.ami..")
        .check(CLASSES);
  }
}
