package dev.tandem.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The reports module's dependency rule (STYLE B1): sim-kernel only, plus Tablesaw and Jackson; no other module. */
class ArchitectureTest {
    private static JavaClasses reports;

    @BeforeAll
    static void importReports() {
        reports = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tandem.reports");
    }

    @Test
    void reportsDependOnlyOnTheKernelTablesawJacksonAndTheJdk() {
        classes().that().resideInAPackage("dev.tandem.reports..").should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.tandem.reports..", "dev.tandem.kernel..", "java..", "tech.tablesaw..", "com.fasterxml.jackson..")
                .because("reports may depend on sim-kernel (result types), Tablesaw and Jackson only (STYLE B1)")
                .check(reports);
    }

    @Test
    void reportsNeverDependOnTheSimulatorScenariosOrTheLiveRunner() {
        noClasses().that().resideInAPackage("dev.tandem.reports..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.tandem.sim..", "dev.tandem.scenario..", "dev.tandem.scenarios..", "dev.tandem.live..")
                .because("the reports render live sessions too, so they must not need the simulator; nothing depends on scenarios or live-runner")
                .check(reports);
    }

    @Test
    void onlyTheKernelListenerAndTheReaderKnowTheKernelsEventsAndJackson() {
        noClasses().that().resideInAPackage("dev.tandem.reports..").and().doNotHaveSimpleName("RunRecordJson")
                .and().doNotHaveSimpleName("RunRecordFormatException")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .because("the JSON format lives in one place")
                .check(reports);
    }
}
