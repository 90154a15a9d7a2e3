package dev.rex.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering the README promises, on the compiled main classes of every module (their {@code target/classes},
 * built before the cli in the reactor): libraries know no service, no platform code, and nothing of Kafka, HTTP or
 * SQL; services meet only through events (no service uses another service's classes). The root pom's enforcer
 * rules hold the same for the libraries' Maven dependencies.
 */
class ArchitectureTest {
    static final List<String> LIBRARIES = List.of("libs/rex-events", "libs/rex-gqa", "libs/rex-model", "libs/rex-metrics",
            "libs/rex-spice-rules", "libs/rex-fixtures");
    static final List<String> SERVICES = List.of("preprocessing", "explanation", "training", "inference", "evaluation");

    static JavaClasses classes;

    @BeforeAll
    static void importModules() {
        Path root = Path.of(System.getProperty("rex.repo.dir", "..")).toAbsolutePath().normalize();
        List<Path> dirs = new ArrayList<>();
        List<String> modules = new ArrayList<>(LIBRARIES);
        modules.addAll(List.of("platform/rex-embedded", "platform/rex-service-common", "platform/rex-test-resources"));
        SERVICES.forEach(s -> modules.add(s + "-service"));
        for (String m : modules) {
            Path d = root.resolve(m).resolve("target/classes");
            assertTrue(Files.isDirectory(d.resolve("dev/rex")), d + " holds no compiled classes: build every module "
                    + "first (mvn install, as ./rex test does)");
            dirs.add(d);
        }
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPaths(dirs);
    }

    @Test
    void librariesKnowNoServiceAndNoInfrastructure() {
        ArchRule rule = noClasses().that().resideInAnyPackage("dev.rex.events..", "dev.rex.gqa..", "dev.rex.model..",
                        "dev.rex.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rex.preprocessing..", "dev.rex.explanation..",
                        "dev.rex.training..", "dev.rex.inference..", "dev.rex.evaluation..", "dev.rex.service..",
                        "dev.rex.embedded..", "dev.rex.testing..", "dev.rex.cli..",
                        "org.apache.kafka..", "io.smallrye.reactive.messaging..", "io.quarkus..", "jakarta.ws.rs..",
                        "jakarta.persistence..", "java.sql..", "javax.sql..", "org.postgresql..", "org.flywaydb..")
                .because("libraries hold the science and know nothing of Kafka, HTTP, SQL or the services");
        rule.check(classes);
    }

    @Test
    void servicesMeetOnlyThroughEvents() {
        for (String s : SERVICES) {
            String[] others = SERVICES.stream().filter(o -> !o.equals(s)).map(o -> "dev.rex." + o + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("dev.rex." + s + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services exchange events (dev.rex.events) on topics, never each other's classes")
                    .check(classes);
        }
    }

    @Test
    void platformKnowsNoService() {
        noClasses().that().resideInAnyPackage("dev.rex.embedded..", "dev.rex.service..", "dev.rex.testing..")
                .should().dependOnClassesThat().resideInAnyPackage(SERVICES.stream().map(o -> "dev.rex." + o + "..")
                        .toArray(String[]::new))
                .check(classes);
    }
}
