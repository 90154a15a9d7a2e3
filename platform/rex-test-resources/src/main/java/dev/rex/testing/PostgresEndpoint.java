package dev.rex.testing;

import java.util.Map;

/** Where a test's database is: the three values a Quarkus datasource needs. */
public record PostgresEndpoint(String jdbcUrl, String username, String password) {

    /** As Quarkus configuration for the default datasource. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.jdbc.url", jdbcUrl,
                "quarkus.datasource.username", username,
                "quarkus.datasource.password", password);
    }
}
