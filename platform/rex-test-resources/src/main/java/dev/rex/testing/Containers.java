package dev.rex.testing;

import java.util.Map;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Testcontainers path, used only where a Docker engine answers ({@link dev.rex.embedded.InfraMode}). Its
 * methods take and return JDK types only, so this class — and Testcontainers with it — is loaded only when one
 * of them runs. Containers are stopped by Testcontainers' reaper when the test JVM exits.
 */
final class Containers {

    /** The same broker and server versions as the embedded path and docker-compose. */
    static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    static final String POSTGRES_IMAGE = "postgres:14-alpine";

    private Containers() {
    }

    static String startKafka() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        kafka.start();
        return kafka.getBootstrapServers();
    }

    /** Starts PostgreSQL; returns {@code base} (a JDBC URL ending in '/'), {@code user}, {@code password}. */
    static Map<String, String> startPostgres() {
        PostgreSQLContainer pg = new PostgreSQLContainer(POSTGRES_IMAGE);
        pg.start();
        String base = "jdbc:postgresql://" + pg.getHost() + ":" + pg.getMappedPort(5432) + "/";
        return Map.of("base", base, "user", pg.getUsername(), "password", pg.getPassword());
    }
}
