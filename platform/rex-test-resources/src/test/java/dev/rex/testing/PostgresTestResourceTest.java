package dev.rex.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresTestResourceTest {

    private static Map<String, String> start(String database) {
        PostgresTestResource r = new PostgresTestResource();
        r.init(database == null ? Map.of() : Map.of("database", database));
        return r.start();
    }

    private static Connection open(Map<String, String> config) throws Exception {
        return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
    }

    @Test
    void eachServiceGetsItsOwnDatabaseOnOneServer() throws Exception {
        Map<String, String> alpha = start("rex_alpha");
        Map<String, String> beta = start("rex_beta");
        assertTrue(alpha.get("quarkus.datasource.jdbc.url").endsWith("/rex_alpha"), alpha.toString());
        assertNotEquals(alpha.get("quarkus.datasource.jdbc.url"), beta.get("quarkus.datasource.jdbc.url"));
        String server = alpha.get("quarkus.datasource.jdbc.url").replace("rex_alpha", "");
        assertEquals(server, beta.get("quarkus.datasource.jdbc.url").replace("rex_beta", ""), "one server");

        try (Connection a = open(alpha); Statement s = a.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS only_in_alpha(id int)");
            s.execute("INSERT INTO only_in_alpha VALUES (7)");
            try (ResultSet rs = s.executeQuery("SELECT sum(id) FROM only_in_alpha")) {
                rs.next();
                assertEquals(7, rs.getInt(1));
            }
        }
        try (Connection b = open(beta); Statement s = b.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_alpha'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "databases are separate");
        }
        assertEquals(alpha, start("rex_alpha"), "starting again finds the same database");
    }

    @Test
    void defaultDatabaseAndBadNames() throws Exception {
        Map<String, String> config = start(null);
        assertTrue(config.get("quarkus.datasource.jdbc.url").endsWith("/" + PostgresTestResource.DEFAULT_DATABASE));
        try (Connection c = open(config)) {
            assertFalse(c.isClosed());
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> start("Rex-Inference"));
        assertTrue(bad.getMessage().contains("rex_inference"), bad.getMessage());
    }
}
