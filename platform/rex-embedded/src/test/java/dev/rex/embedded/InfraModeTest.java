package dev.rex.embedded;

import static dev.rex.embedded.InfraMode.Server.KAFKA;
import static dev.rex.embedded.InfraMode.Server.POSTGRES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

class InfraModeTest {

    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier DOCKER = () -> true;

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void externalAddressWinsAndDockerIsNotAsked() {
        AtomicInteger probes = new AtomicInteger();
        BooleanSupplier counting = () -> probes.incrementAndGet() > 0;
        InfraMode.Choice k = InfraMode.decide(KAFKA, Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092"),
                props(), true, counting);
        assertEquals(InfraMode.EXTERNAL, k.mode());
        assertEquals("broker:9092", k.externalAddress());
        InfraMode.Choice p = InfraMode.decide(POSTGRES, Map.of(),
                props("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/rex"), true, counting);
        assertEquals(InfraMode.EXTERNAL, p.mode());
        assertEquals("jdbc:postgresql://db/rex", p.externalAddress());
        assertEquals(0, probes.get(), "no Docker ping when the address is given");
    }

    @Test
    void eachServerLooksOnlyAtItsOwnVariable() {
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "broker:9092");
        assertEquals(InfraMode.EMBEDDED, InfraMode.decide(POSTGRES, env, props(), true, NO_DOCKER).mode());
        assertEquals(InfraMode.EXTERNAL, InfraMode.decide(KAFKA, env, props(), true, NO_DOCKER).mode());
    }

    @Test
    void blankAddressCountsAsUnset() {
        assertEquals(InfraMode.EMBEDDED, InfraMode.decide(KAFKA, Map.of("KAFKA_BOOTSTRAP_SERVERS", "  "),
                props(), true, NO_DOCKER).mode());
    }

    @Test
    void testcontainersOnlyWhenDockerAnswersAndContainersAreAllowed() {
        assertEquals(InfraMode.TESTCONTAINERS, InfraMode.decide(KAFKA, Map.of(), props(), true, DOCKER).mode());
        assertEquals(InfraMode.EMBEDDED, InfraMode.decide(KAFKA, Map.of(), props(), true, NO_DOCKER).mode());
        InfraMode.Choice stack = InfraMode.decide(POSTGRES, Map.of(), props(), false, DOCKER);
        assertEquals(InfraMode.EMBEDDED, stack.mode(), "the local stack never uses containers");
        assertNull(stack.externalAddress());
    }

    @Test
    void forcedModeOverridesTheRuleAndIsChecked() {
        assertEquals(InfraMode.EMBEDDED, InfraMode.decide(KAFKA, Map.of("REX_INFRA", "embedded"),
                props(), true, DOCKER).mode());
        assertEquals(InfraMode.EMBEDDED, InfraMode.decide(KAFKA, Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:1"),
                props("rex.infra", "EMBEDDED"), true, DOCKER).mode());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () ->
                InfraMode.decide(KAFKA, Map.of("REX_INFRA", "docker"), props(), true, DOCKER));
        assertTrue(bad.getMessage().contains("embedded, testcontainers or external"), bad.getMessage());
        IllegalArgumentException noAddress = assertThrows(IllegalArgumentException.class, () ->
                InfraMode.decide(POSTGRES, Map.of("REX_INFRA", "external"), props(), true, DOCKER));
        assertTrue(noAddress.getMessage().contains("QUARKUS_DATASOURCE_JDBC_URL"), noAddress.getMessage());
        assertThrows(IllegalArgumentException.class, () ->
                InfraMode.decide(KAFKA, Map.of("REX_INFRA", "testcontainers"), props(), false, DOCKER));
    }

    @Test
    void choiceSaysWhy() {
        String s = InfraMode.decide(KAFKA, Map.of(), props(), true, NO_DOCKER).toString();
        assertEquals("kafka: embedded (no Docker engine answers)", s);
        assertFalse(InfraMode.decide(KAFKA, Map.of(), props(), true, DOCKER).toString().contains("embedded"));
    }
}
