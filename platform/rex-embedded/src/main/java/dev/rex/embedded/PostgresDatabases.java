package dev.rex.embedded;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/** Creating the per-service databases on any PostgreSQL server (embedded, container or external). */
public final class PostgresDatabases {

    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private PostgresDatabases() {
    }

    /** Rejects names that are not plain lower-case identifiers, saying what a good one looks like. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name '" + name
                    + "' is not a plain lower-case identifier (letters, digits, '_'), e.g. rex_inference");
        }
        return name;
    }

    /**
     * Creates {@code name} unless it exists, connecting to the server's {@code postgres} database.
     *
     * @param serverUrl a JDBC URL ending in '/', e.g. {@code jdbc:postgresql://localhost:5432/}
     */
    public static void createIfMissing(String serverUrl, String user, String password, String name) {
        checkName(name);
        Properties creds = new Properties();
        creds.setProperty("user", user);
        creds.setProperty("password", password);
        // the driver directly, not DriverManager: Quarkus' test class loaders hide drivers from DriverManager
        try (Connection c = new org.postgresql.Driver().connect(serverUrl + "postgres", creds)) {
            if (c == null) {
                throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + serverUrl);
            }
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, name);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name); // safe: checkName allows identifiers only
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database '" + name + "' at " + serverUrl + ": "
                    + e.getMessage(), e);
        }
    }
}
