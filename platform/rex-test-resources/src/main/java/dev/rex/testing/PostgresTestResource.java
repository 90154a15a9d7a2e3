package dev.rex.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} a real PostgreSQL database: on the embedded server of the test JVM, on a
 * Testcontainers server where a Docker engine answers, or the external URL of {@code QUARKUS_DATASOURCE_JDBC_URL}
 * ({@link dev.rex.embedded.InfraMode} decides). The database is named by the init argument {@code database}
 * (default {@value #DEFAULT_DATABASE}) and created when missing — the same {@code rex_<service>} names that
 * {@code rex up} creates. Also sets the service's API key ({@code rex.api.key}) to this JVM's {@link TestApiKey}.
 *
 * <pre>{@code
 * @QuarkusTestResource(value = PostgresTestResource.class,
 *         initArgs = @ResourceArg(name = "database", value = "rex_inference"))
 * }</pre>
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String DEFAULT_DATABASE = "rex";

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", DEFAULT_DATABASE);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new java.util.HashMap<>(SharedInfra.postgres(database).quarkusConfig());
        config.put("rex.api.key", TestApiKey.key());
        return config;
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM: stopped by a shutdown hook when the JVM exits
    }
}
