package io.tandemcc.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.tandemcc.arch.probe.ProbeEdges;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Layer rules")
class LayerArchitectureTest {
  private static JavaClasses production;

  @BeforeAll
  static void importProduction() {
    // Our own classes only: jars (Vert.x, jOOQ, asterisk-java…) are referenced, not imported, so
    // this takes seconds.
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .withImportOption(
                location ->
                    !location.contains("/io/tandemcc/db/generated/")) // referenced, not needed
            .importPackages("io.tandemcc");
  }

  @Test
  @DisplayName("the production code keeps README's layer order")
  void productionKeepsTheLayers() {
    LayerRules.layers().check(production);
  }

  @Test
  @DisplayName("vertx-web is used in web only")
  void vertxWebOnlyInWeb() {
    LayerRules.vertxWebOnlyInWeb().check(production);
  }

  @Test
  @DisplayName("jOOQ's generated tables stay out of the message plumbing")
  void generatedTablesStayWithDataAccess() {
    LayerRules.generatedTablesStayWithDataAccess().check(production);
  }

  /*
   * The probes of issue 18: each wrong edge, compiled into a class of the package it would come from (test sources
   * only), makes the rule fail. Without these the rules could be vacuous (a misspelt package matches nothing).
   */

  @Test
  @DisplayName("probe: common → pbx breaks the layers")
  void commonUsingPbxFails() {
    assertFails(LayerRules.layers(), ProbeEdges.commonToPbx());
  }

  @Test
  @DisplayName("probe: tenant → agent breaks the layers")
  void tenantUsingAgentFails() {
    assertFails(LayerRules.layers(), ProbeEdges.tenantToAgent());
  }

  @Test
  @DisplayName("probe: call or queue importing vertx-web breaks the ban")
  void callOrQueueUsingVertxWebFails() {
    assertFails(LayerRules.vertxWebOnlyInWeb(), ProbeEdges.callToVertxWeb());
    assertFails(LayerRules.vertxWebOnlyInWeb(), ProbeEdges.queueToVertxWeb());
  }

  @Test
  @DisplayName("probe: neighbours on one level may not use each other (push → sip)")
  void neighboursFail() {
    assertFails(LayerRules.layers(), ProbeEdges.pushToSip());
  }

  @Test
  @DisplayName("probe: web touching a generated table breaks the data-access rule")
  void webUsingGeneratedTablesFails() {
    assertFails(LayerRules.generatedTablesStayWithDataAccess(), ProbeEdges.webToGeneratedTable());
  }

  private static void assertFails(ArchRule rule, Class<?>... probe) {
    JavaClasses classes = new ClassFileImporter().importClasses(probe);
    assertThatThrownBy(() -> rule.check(classes)).isInstanceOf(AssertionError.class);
  }
}
