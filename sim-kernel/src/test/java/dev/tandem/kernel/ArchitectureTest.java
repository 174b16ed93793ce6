package dev.tandem.kernel;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel's module rules (STYLE B1, B4), checked on the compiled main classes. */
class ArchitectureTest {
    private static JavaClasses kernel;

    @BeforeAll
    static void importKernel() {
        kernel = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tandem.kernel");
    }

    @Test
    void kernelDependsOnlyOnTheJdkAndEclipseCollections() {
        classes()
                .that()
                .resideInAPackage("dev.tandem.kernel..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("dev.tandem.kernel..", "java..", "org.eclipse.collections..")
                .because("sim-kernel must stay embeddable anywhere: no frameworks, no I/O libraries (DESIGN §1)")
                .check(kernel);
    }

    @Test
    void noFrameworksOrLoggingInTheKernel() {
        noClasses()
                .that()
                .resideInAPackage("dev.tandem.kernel..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.netty..", "io.micronaut..", "com.fasterxml.jackson..", "tech.tablesaw..", "org.slf4j..", "java.util.logging..", "java.net..", "java.sql..")
                .check(kernel);
    }

    @Test
    void kernelSubPackagesHaveNoCycles() {
        slices().matching("dev.tandem.kernel.(*)..").should().beFreeOfCycles().check(kernel);
    }

    @Test
    void eventsAndCommandsAreRecords() {
        classes()
                .that()
                .resideInAnyPackage("dev.tandem.kernel.event", "dev.tandem.kernel.command", "dev.tandem.kernel.data")
                .and()
                .areNotInterfaces()
                .and()
                .areTopLevelClasses()
                .and()
                .doNotHaveSimpleName("DataEngine")
                .should()
                .beRecords()
                .because("commands and events are immutable records under sealed interfaces (STYLE B3)")
                .check(kernel);
    }

    @Test
    void modelDependsOnNothingElseInTheKernel() {
        noClasses()
                .that()
                .resideInAPackage("dev.tandem.kernel.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.tandem.kernel.event..", "dev.tandem.kernel.execution..", "dev.tandem.kernel.risk..",
                        "dev.tandem.kernel.portfolio..", "dev.tandem.kernel.strategy..")
                .check(kernel);
    }
}
