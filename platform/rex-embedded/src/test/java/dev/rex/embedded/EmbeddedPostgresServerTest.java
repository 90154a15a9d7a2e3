package dev.rex.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

class EmbeddedPostgresServerTest {

    @Test
    void serverCreatesDatabasesAndRoundTripsSql() throws Exception {
        int port;
        long serverPid;
        try (EmbeddedPostgresServer pg = new EmbeddedPostgresServer().start()) {
            port = pg.port();
            long pid = pg.serverPid();
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "postmaster " + pid + " runs");
            serverPid = pid;
            pg.createDatabase("rex_probe");
            pg.createDatabase("rex_probe"); // idempotent: a second service start must not fail
            assertEquals("jdbc:postgresql://localhost:" + port + "/rex_probe", pg.jdbcUrl("rex_probe"));
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("rex_probe"), pg.username(), pg.password());
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE answers(qid text PRIMARY KEY, answer text NOT NULL)");
                s.execute("INSERT INTO answers VALUES ('q1','yes'),('q2','no')");
                s.execute("INSERT INTO answers VALUES ('q1','maybe') ON CONFLICT (qid) DO UPDATE SET answer = excluded.answer");
                try (ResultSet rs = s.executeQuery("SELECT string_agg(qid || '=' || answer, ',' ORDER BY qid) FROM answers")) {
                    rs.next();
                    assertEquals("q1=maybe,q2=no", rs.getString(1));
                }
                try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                    rs.next();
                    assertTrue(rs.getString(1).startsWith("14."), "real PostgreSQL 14: " + rs.getString(1));
                }
            }
            assertThrows(IllegalArgumentException.class, () -> pg.createDatabase("Robert'); DROP"));
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "postgres").close(),
                "the server is gone after close()");
        assertFalse(ProcessHandle.of(serverPid).map(ProcessHandle::isAlive).orElse(false), "postmaster stopped");
    }
}
