package dev.tandem.kernel.indicator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IndicatorArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.tandem.kernel.indicator");
    }

    @Test
    void allClassesAreFinal() {
        classes().that().areNotInterfaces().should().haveModifier(JavaModifier.FINAL).check(production);
    }

    @Test
    void dependsOnlyOnTheJdkBasics() {
        noClasses().should().dependOnClassesThat()
                .resideOutsideOfPackages("java.lang..", "java.util", "dev.tandem.kernel.indicator")
                .check(production);
    }

    @Test
    void neverBoxesPrimitives() {
        noClasses().should().callMethod(Double.class, "valueOf", double.class)
                .orShould().callMethod(Integer.class, "valueOf", int.class)
                .orShould().callMethod(Long.class, "valueOf", long.class)
                .check(production);
    }
}
