package dev.rex.testing;

import java.util.Map;

import dev.rex.embedded.EmbeddedKafka;
import dev.rex.embedded.Durability;
import dev.rex.embedded.EmbeddedPostgresServer;
import dev.rex.embedded.InfraMode;
import dev.rex.embedded.PostgresDatabases;

/**
 * One broker and one PostgreSQL server per test JVM, started on first use as {@link InfraMode} decides, stopped
 * when the JVM exits. Every service test class (and each Quarkus restart between them) reuses them, which saves
 * a start per class.
 * <p>
 * What was started is published in system properties, not only in static fields: Quarkus may load test resources
 * and test code through different class loaders, each with its own statics, but system properties are one per JVM
 * — so a second loader finds the running servers instead of starting more.
 */
public final class SharedInfra {

    /** The bootstrap address of this JVM's test broker, once started. */
    public static final String KAFKA_PROPERTY = "rex.test.kafka.bootstrap";
    static final String PG_BASE_PROPERTY = "rex.test.postgres.base";
    static final String PG_USER_PROPERTY = "rex.test.postgres.user";
    static final String PG_PASSWORD_PROPERTY = "rex.test.postgres.password";
    static final String PG_EXTERNAL_PROPERTY = "rex.test.postgres.external";

    private SharedInfra() {
    }

    /** Starts (once) or finds this JVM's broker; returns its bootstrap servers. */
    public static synchronized String kafkaBootstrapServers() {
        String running = System.getProperty(KAFKA_PROPERTY);
        if (running != null) {
            return running;
        }
        InfraMode.Choice choice = InfraMode.forTests(InfraMode.Server.KAFKA);
        System.out.println("[rex-test-resources] " + choice);
        String bootstrap = switch (choice.mode()) {
            case EXTERNAL -> choice.externalAddress();
            case TESTCONTAINERS -> Containers.startKafka();
            case EMBEDDED -> {
                EmbeddedKafka kafka = new EmbeddedKafka().start();
                Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "rex-test-kafka-stop"));
                yield kafka.bootstrapServers();
            }
        };
        System.setProperty(KAFKA_PROPERTY, bootstrap);
        return bootstrap;
    }

    /**
     * Starts (once) or finds this JVM's PostgreSQL server and creates {@code database} on it unless it exists.
     * With an external URL ({@code QUARKUS_DATASOURCE_JDBC_URL}) that URL is returned as given, with
     * {@code QUARKUS_DATASOURCE_USERNAME}/{@code PASSWORD}, and {@code database} is not used.
     */
    public static synchronized PostgresEndpoint postgres(String database) {
        PostgresDatabases.checkName(database);
        if (System.getProperty(PG_BASE_PROPERTY) == null && System.getProperty(PG_EXTERNAL_PROPERTY) == null) {
            startPostgres();
        }
        String user = System.getProperty(PG_USER_PROPERTY);
        String password = System.getProperty(PG_PASSWORD_PROPERTY);
        String external = System.getProperty(PG_EXTERNAL_PROPERTY);
        if (external != null) {
            return new PostgresEndpoint(external, user, password);
        }
        String base = System.getProperty(PG_BASE_PROPERTY);
        PostgresDatabases.createIfMissing(base, user, password, database);
        return new PostgresEndpoint(base + database, user, password);
    }

    private static void startPostgres() {
        InfraMode.Choice choice = InfraMode.forTests(InfraMode.Server.POSTGRES);
        System.out.println("[rex-test-resources] " + choice);
        switch (choice.mode()) {
            case EXTERNAL -> {
                System.setProperty(PG_USER_PROPERTY, setting("QUARKUS_DATASOURCE_USERNAME",
                        "quarkus.datasource.username", "postgres"));
                System.setProperty(PG_PASSWORD_PROPERTY, setting("QUARKUS_DATASOURCE_PASSWORD",
                        "quarkus.datasource.password", "postgres"));
                System.setProperty(PG_EXTERNAL_PROPERTY, choice.externalAddress());
            }
            case TESTCONTAINERS -> {
                Map<String, String> c = Containers.startPostgres();
                System.setProperty(PG_USER_PROPERTY, c.get("user"));
                System.setProperty(PG_PASSWORD_PROPERTY, c.get("password"));
                System.setProperty(PG_BASE_PROPERTY, c.get("base"));
            }
            case EMBEDDED -> {
                EmbeddedPostgresServer pg = new EmbeddedPostgresServer().durability(Durability.FAST_FOR_TESTS).start();
                Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "rex-test-postgres-stop"));
                System.setProperty(PG_USER_PROPERTY, pg.username());
                System.setProperty(PG_PASSWORD_PROPERTY, pg.password());
                System.setProperty(PG_BASE_PROPERTY, pg.jdbcUrl(""));
            }
        }
    }

    private static String setting(String env, String property, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }
}
