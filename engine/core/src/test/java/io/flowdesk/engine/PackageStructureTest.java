package io.flowdesk.engine;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package layering written down in engine/README.md ("Packages"): dependencies point one
 * way, and a lower package that needs an upper one declares a port that the upper one implements.
 */
class PackageStructureTest {

  private static final JavaClasses ENGINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.flowdesk.engine");

  @Test
  void packagesAreFreeOfCycles() {
    final ArchRule rule = slices().matching("io.flowdesk.engine.(*)..").should().beFreeOfCycles();
    rule.check(ENGINE);
  }

  @Test
  void layersOnlyUseTheLayersBelowThem() {
    Architectures.layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("Entry")
        .definedBy("io.flowdesk.engine.rest..", "io.flowdesk.engine.gateway..")
        .layer("Command")
        .definedBy("io.flowdesk.engine.command..")
        .layer("Features")
        .definedBy(
            "io.flowdesk.engine.event..",
            "io.flowdesk.engine.job..",
            "io.flowdesk.engine.usertask..")
        .layer("Instance")
        .definedBy("io.flowdesk.engine.instance..")
        .layer("Deployment")
        .definedBy("io.flowdesk.engine.deployment..")
        .layer("Decision")
        .definedBy("io.flowdesk.engine.decision..")
        .layer("Execution")
        .definedBy("io.flowdesk.engine.execution..")
        .layer("Foundation")
        .definedBy(
            "io.flowdesk.engine.state..",
            "io.flowdesk.engine.model..",
            "io.flowdesk.engine.feel..",
            "io.flowdesk.engine.dmn..",
            "io.flowdesk.engine.support..",
            "io.flowdesk.engine.access..",
            "io.flowdesk.engine.batch..",
            "io.flowdesk.engine.metrics..",
            "io.flowdesk.engine.health..")
        .whereLayer("Entry")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("Command")
        .mayOnlyBeAccessedByLayers("Entry")
        .whereLayer("Features")
        .mayOnlyBeAccessedByLayers("Entry", "Command", "Features")
        .whereLayer("Instance")
        .mayOnlyBeAccessedByLayers("Entry", "Command", "Features")
        .whereLayer("Deployment")
        .mayOnlyBeAccessedByLayers("Entry", "Command", "Features", "Instance")
        .whereLayer("Decision")
        .mayOnlyBeAccessedByLayers("Entry", "Command", "Features", "Instance", "Deployment")
        .whereLayer("Execution")
        .mayOnlyBeAccessedByLayers(
            "Entry", "Command", "Features", "Instance", "Deployment", "Decision")
        .check(ENGINE);
  }
}
