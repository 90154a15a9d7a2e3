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

    private static String show(EmbeddedPostgresServer pg, String setting) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void aDurableServerKeepsAcknowledgedRowsAcrossAKillOfItsPostmaster(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        java.nio.file.Path data = tmp.resolve("pgdata");
        int port = FreePorts.next();
        EmbeddedPostgresServer first = new EmbeddedPostgresServer().dataDir(data).port(port).start();
        assertEquals("on", show(first, "fsync"));
        assertEquals("on", show(first, "synchronous_commit"));
        first.createDatabase("rex_probe");
        try (Connection c = DriverManager.getConnection(first.jdbcUrl("rex_probe"), "postgres", "postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t(qid text PRIMARY KEY)");
            s.execute("INSERT INTO t SELECT 'q' || g FROM generate_series(1, 500) g");
        }
        ProcessHandle postmaster = ProcessHandle.of(first.serverPid()).orElseThrow();
        postmaster.destroyForcibly(); // kill -9: no shutdown checkpoint, recovery from the WAL at the next start
        postmaster.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        try {
            first.close(); // the server is gone: pg_ctl's stop fails, the kept directory stays
        } catch (RuntimeException expected) {
            // stopping a dead server may report a failure; the data directory is what matters
        }
        assertTrue(java.nio.file.Files.exists(data.resolve("PG_VERSION")), "the kept data directory survives close()");
        try (EmbeddedPostgresServer again = new EmbeddedPostgresServer().dataDir(data).port(port).start()) {
            assertEquals(port, again.port());
            try (Connection c = DriverManager.getConnection(again.jdbcUrl("rex_probe"), "postgres", "postgres");
                 Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertEquals(500, rs.getLong(1), "every acknowledged row is back");
            }
        }
    }

    @Test
    void testServersAskForTheFastSettingsByName() throws Exception {
        try (EmbeddedPostgresServer pg = new EmbeddedPostgresServer().durability(Durability.FAST_FOR_TESTS).start()) {
            assertEquals("off", show(pg, "fsync"));
            assertEquals("off", show(pg, "synchronous_commit"));
        }
    }
}
