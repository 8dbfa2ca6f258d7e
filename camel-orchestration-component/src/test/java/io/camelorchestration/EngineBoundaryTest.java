package io.camelorchestration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine knows nothing of Camel, as Resilience4j's core knows nothing of Micrometer: only
 * {@code io.camelorchestration.component} adapts it. Checked on the compiled classes (ArchUnit), so a
 * fully-qualified name, a lambda's type or a generated class cannot slip past the way they would past an import grep.
 */
class EngineBoundaryTest {

    private static final String ENGINE = "io.camelorchestration..";
    private static final String ADAPTER = "io.camelorchestration.component..";

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.camelorchestration");
    }

    @Test
    void theEngineUsesNoCamelType() {
        check(noClasses().that().resideInAPackage(ENGINE).and().resideOutsideOfPackage(ADAPTER)
                .should().dependOnClassesThat().resideInAPackage("org.apache.camel.."));
    }

    @Test
    void theEngineUsesNoMicrometerTypeMetersAreTheAdaptersJob() {
        check(noClasses().that().resideInAPackage(ENGINE).and().resideOutsideOfPackage(ADAPTER)
                .should().dependOnClassesThat().resideInAPackage("io.micrometer.."));
    }

    @Test
    void theEngineDoesNotReachBackIntoTheAdapter() {
        check(noClasses().that().resideInAPackage(ENGINE).and().resideOutsideOfPackage(ADAPTER)
                .should().dependOnClassesThat().resideInAPackage(ADAPTER));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
