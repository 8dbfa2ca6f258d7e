package io.camelorchestration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.camelorchestration.internal.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine knows nothing of Camel, as Resilience4j's core knows nothing of Micrometer: only
 * {@code io.camelorchestration.component} adapts it. Checked on the compiled classes (ArchUnit), so a
 * fully-qualified name, a lambda's type or a generated class cannot slip past the way they would past an import grep.
 * <p>
 * Each stage keeps its implementation in its own {@code internal} package ({@code io.camelorchestration.compress.internal}
 * for {@code compress}, as Resilience4j keeps {@code io.github.resilience4j.ratelimiter.internal}): only that stage's
 * own packages use it; everyone else goes through the stage's API.
 */
class EngineBoundaryTest {

    private static final String ENGINE = "io.camelorchestration..";
    private static final String ADAPTER = "io.camelorchestration.component..";

    /** A stage's internal package, or a package below it: group 1 is the stage. */
    private static final Pattern STAGE_INTERNAL =
            Pattern.compile("io\\.camelorchestration\\.([a-z0-9]+)(?:\\.[a-z0-9]+)*\\.internal(?:\\..+)?");

    /**
     * The uses of a stage's internals from outside that stage that stay for now, class to class (top-level classes),
     * each with its reason. Nothing else is let through.
     */
    private static final Map<String, String> ALLOWED_INTERNAL_USES = Map.of(
            "io.camelorchestration.component.StepCache -> io.camelorchestration.cache.internal.CacheKey",
            "the adapter still assembles a response's cache key from the message's parts (model, options, body);"
                    + " the key goes with StepCache when that moves into the engine");

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

    @Test
    void aStagesInternalPackageIsUsedOnlyByThatStage() {
        check(classes().should(useNoOtherStagesInternals())
                .because("a stage's internal package (io.camelorchestration.X.internal..) is its implementation, free to"
                        + " change, and may be used only from io.camelorchestration.X..: other stages, the Camel adapter"
                        + " and the other modules go through the stage's API (its interfaces, value types and factories,"
                        + " e.g. ResponseCache.local, AuditEvent.toJson)"));
    }

    /**
     * One JSON mapper (issue 15, "one of each"): the component's mappers are built once, in {@link Json}, and used from
     * there. The chat server ({@code io.camelorchestration.example..}, on this class path as a test dependency) stands
     * alone and keeps its own one.
     */
    @Test
    void theComponentBuildsItsJsonMappersOnlyInJson() {
        check(noClasses().that().resideInAPackage(ENGINE).and().resideOutsideOfPackage("io.camelorchestration.example..")
                .and().doNotHaveFullyQualifiedName(Json.class.getName())
                .should().callCodeUnitWhere(JavaCall.Predicates.target(
                                HasOwner.Predicates.With.owner(JavaClass.Predicates.assignableTo(ObjectMapper.class)))
                        .and(JavaCall.Predicates.target(HasName.Predicates.nameMatching("<init>|builder|rebuild|copy"))))
                .because("a configured ObjectMapper is costly to build and the component's are configured once, in Json"
                        + " (Json.MAPPER, Json.EXACT)"));
    }

    private static ArchCondition<JavaClass> useNoOtherStagesInternals() {
        return new ArchCondition<>("use no other stage's internal package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency d : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    Matcher m = STAGE_INTERNAL.matcher(target.getPackageName());
                    if (!m.matches()) {
                        continue;
                    }
                    String stage = "io.camelorchestration." + m.group(1);
                    String from = origin.getPackageName();
                    if (from.equals(stage) || from.startsWith(stage + ".")
                            || ALLOWED_INTERNAL_USES.containsKey(topLevel(origin) + " -> " + topLevel(target))) {
                        continue;
                    }
                    events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                }
            }
        };
    }

    private static String topLevel(JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
