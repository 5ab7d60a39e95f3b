package io.tandemcc.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Architecture rules")
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.tandemcc");
  }

  @Test
  @DisplayName("domain code never touches vertx-web, Asterisk's or SIP's libraries")
  void domainIsFreeOfEdges() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.tandemcc.agent..",
            "io.tandemcc.tenant..",
            "io.tandemcc.auth..",
            "io.tandemcc.push..",
            "io.tandemcc.db..",
            "io.tandemcc.provisioning..",
            "io.tandemcc.config..",
            "io.tandemcc.common..",
            "io.tandemcc.supervisor..",
            "io.tandemcc.callback..",
            "io.tandemcc.history..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx.ext.web..", "org.asteriskjava..", "javax.sip..", "gov.nist..")
        .check(classes);
  }

  @Test
  @DisplayName("jain-sip is used in the sip package only")
  void jainSipOnlyInSip() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.tandemcc.sip..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javax.sip..", "gov.nist..")
        .check(classes);
  }

  @Test
  @DisplayName("the agent state machine is plain Java: no Vert.x, no database")
  void stateMachineIsPlain() {
    noClasses()
        .that()
        .haveSimpleName("AgentStateMachine")
        .or()
        .haveSimpleName("AgentState")
        .or()
        .haveSimpleName("AgentEvent")
        .or()
        .haveSimpleName("Decision")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "org.jooq..", "io.tandemcc.db..")
        .check(classes);
  }

  @Test
  @DisplayName("only web knows about HTTP routing, and nothing depends on web")
  void nothingDependsOnWeb() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.tandemcc.web..", "io.tandemcc")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.tandemcc.web..")
        .check(classes);
  }

  @Test
  @DisplayName("domain packages have no dependency cycles")
  void noCycles() {
    slices().matching("io.tandemcc.(*)..").should().beFreeOfCycles().check(classes);
  }
}
