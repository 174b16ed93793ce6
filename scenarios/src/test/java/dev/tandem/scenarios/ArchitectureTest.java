package dev.tandem.scenarios;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scenarios module's rules, checked on the compiled main classes. */
class ArchitectureTest {
    private static JavaClasses scenarios;

    @BeforeAll
    static void importModule() {
        scenarios = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tandem.scenarios");
    }

    @Test
    void subPackagesHaveNoCycles() {
        slices().matching("dev.tandem.scenarios.(*)..").should().beFreeOfCycles().check(scenarios);
    }

    @Test
    void onlyTheCommandLineKnowsPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.tandem.scenarios.cli..").should().dependOnClassesThat()
                .resideInAPackage("picocli..").check(scenarios);
    }

    @Test
    void theModelTheExpectationsAndTheRunnerKnowNoYamlOrJson() {
        noClasses().that().resideInAnyPackage("dev.tandem.scenarios.model..", "dev.tandem.scenarios.expect..",
                        "dev.tandem.scenarios.run..", "dev.tandem.scenarios.strategies..", "dev.tandem.scenarios.time..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml.jackson..", "com.networknt..", "org.yaml..")
                .because("files are read in load/ and written in cli/; the run itself is pure configuration in, result out")
                .check(scenarios);
    }

    @Test
    void builtInStrategiesUseOnlyTheKernelAndTime() {
        classes().that().resideInAPackage("dev.tandem.scenarios.strategies..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.tandem.scenarios.strategies..", "dev.tandem.scenarios.time..", "dev.tandem.kernel..",
                        "java.lang..", "java.math..", "java.util..")
                .because("strategies run inside the kernel and must be as deterministic as it is (docs/DETERMINISM.md)")
                .check(scenarios);
    }
}
