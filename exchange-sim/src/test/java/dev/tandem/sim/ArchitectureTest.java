package dev.tandem.sim;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** exchange-sim's module rules (STYLE B1, B4), checked on the compiled main classes. */
class ArchitectureTest {
    private static JavaClasses sim;

    @BeforeAll
    static void importSimulator() {
        sim = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tandem.sim");
    }

    @Test
    void simulatorDependsOnlyOnTheKernelTheJdkEclipseCollectionsAndJackson() {
        classes()
                .that()
                .resideInAPackage("dev.tandem.sim..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.tandem.sim..", "dev.tandem.kernel..", "java..", "org.eclipse.collections..",
                        "com.fasterxml.jackson..")
                .because("exchange-sim may depend on sim-kernel, Eclipse Collections and Jackson only; never on "
                        + "live-runner, reports or scenarios (STYLE B1)")
                .check(sim);
    }

    @Test
    void neverDependsOnLiveRunnerReportsOrScenarios() {
        noClasses()
                .that()
                .resideInAPackage("dev.tandem.sim..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.tandem.live..", "dev.tandem.reports..", "dev.tandem.scenarios..")
                .check(sim);
    }

    @Test
    void theMatchingEngineDoesNoIoAndKnowsNoJson() {
        noClasses()
                .that()
                .resideInAPackage("dev.tandem.sim.matching..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.fasterxml.jackson..", "java.io..", "java.nio.file..", "java.net..",
                        "dev.tandem.sim.tools..")
                .because("the book is pure and deterministic; tools do the I/O around it")
                .check(sim);
    }

    @Test
    void simulatorSubPackagesHaveNoCycles() {
        slices().matching("dev.tandem.sim.(*)..").should().beFreeOfCycles().check(sim);
    }
}
