package dev.rex.cli;

import java.io.Closeable;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import dev.rex.embedded.Durability;
import dev.rex.embedded.EmbeddedKafka;
import dev.rex.embedded.EmbeddedPostgresServer;
import dev.rex.embedded.InfraMode;

/**
 * The stack's Kafka and PostgreSQL: external when {@code KAFKA_BOOTSTRAP_SERVERS} / {@code
 * QUARKUS_DATASOURCE_JDBC_URL} name them ({@link InfraMode#forStack}), else the embedded servers, each in its own
 * JVM ({@code main} of {@link EmbeddedKafka} / {@link EmbeddedPostgresServer}) so their logs go to the run
 * directory and they stop like any other child.
 * <p>
 * The embedded servers keep their ports and data in the run directory ({@code tmp/kafka-data},
 * {@code tmp/postgres-data}; the ports in {@code infra.properties}) for as long as the stack runs, so
 * {@link #restart(String)} brings a dead one back at the same address with its topics, committed offsets and rows
 * (PostgreSQL runs {@link Durability#DURABLE}: an acknowledged commit survives its crash). A clean stop removes them.
 */
final class StackInfra implements Closeable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path root;
    private final Path stateDir;
    private final Path runDir;
    private final PrintStream out;
    private final List<StackProcess> processes = new CopyOnWriteArrayList<>();
    private final BooleanSupplier stopping;
    private String kafkaBootstrap;
    private String jdbcBase;       // embedded: "jdbc:postgresql://localhost:PORT/", a database name follows
    private String externalJdbcUrl;
    private String dbUser = EmbeddedPostgresServer.USER;
    private String dbPassword = EmbeddedPostgresServer.PASSWORD;
    private volatile long postgresPid = -1;
    private volatile StackProcess kafkaProcess;
    private volatile StackProcess postgresProcess;
    private List<String> databases = List.of();
    private final StackInfraState state;

    StackInfra(Path root, Path stateDir, Path runDir, PrintStream out, BooleanSupplier stopping) {
        this.stopping = stopping;
        this.root = root;
        this.stateDir = stateDir;
        this.runDir = runDir;
        this.out = out;
        this.state = new StackInfraState(runDir);
    }

    /** Starts what is not external (both at once), and creates one database per service. */
    void start(List<StackService> services) {
        InfraMode.Choice kafka = InfraMode.forStack(InfraMode.Server.KAFKA);
        InfraMode.Choice postgres = InfraMode.forStack(InfraMode.Server.POSTGRES);
        out.println("rex up: " + kafka);
        out.println("rex up: " + postgres);
        StackProcess kafkaProcess = null;
        StackProcess pgProcess = null;
        if (kafka.mode() == InfraMode.EXTERNAL) {
            kafkaBootstrap = kafka.externalAddress();
        } else {
            kafkaProcess = launchKafka();
        }
        if (postgres.mode() == InfraMode.EXTERNAL) {
            externalJdbcUrl = postgres.externalAddress();
            dbUser = env("QUARKUS_DATASOURCE_USERNAME", dbUser);
            dbPassword = env("QUARKUS_DATASOURCE_PASSWORD", dbPassword);
        } else {
            databases = services.stream().map(StackService::database).distinct().toList();
            pgProcess = launchPostgres();
        }
        if (kafkaProcess != null) {
            awaitKafka(kafkaProcess);
        }
        List<String> created = StackTopics.ensure(kafkaBootstrap);
        if (!created.isEmpty()) {
            out.println("rex up: created " + created + " with " + StackTopics.PARTITIONS + " partitions each");
        }
        if (pgProcess != null) {
            awaitPostgres(pgProcess);
        }
    }

    private StackProcess launchKafka() {
        StackInfraState.Ports ports = state.kafkaPorts();
        List<String> props = new java.util.ArrayList<>(Stack.SERVICE_JIT); // the broker shares the cores too
        props.addAll(List.of("-Drex.kafka.dir=" + state.kafkaDir(), "-Drex.kafka.port=" + ports.main(),
                "-Drex.kafka.controller-port=" + ports.second()));
        StackProcess p = launch("kafka", "-Xmx1g", EmbeddedKafka.class.getName(), props, List.of());
        kafkaProcess = p;
        return p;
    }

    private void awaitKafka(StackProcess p) {
        kafkaBootstrap = p.awaitValue("KAFKA_BOOTSTRAP_SERVERS", START_TIMEOUT);
    }

    private StackProcess launchPostgres() {
        StackProcess p = launch("postgres", "-Xmx128m", EmbeddedPostgresServer.class.getName(), List.of(
                "-Drex.postgres.data=" + state.postgresDir(), "-Drex.postgres.port=" + state.postgresPort(),
                "-Drex.postgres.durability=" + Durability.DURABLE), databases);
        postgresProcess = p;
        return p;
    }

    private void awaitPostgres(StackProcess p) {
        postgresPid = Long.parseLong(p.awaitValue("POSTGRES_PID", START_TIMEOUT));
        jdbcBase = p.awaitValue("POSTGRES_READY", START_TIMEOUT); // printed after every database
    }

    /** The embedded servers this stack runs: "kafka", "postgres" (none when both are external). */
    List<String> embedded() {
        List<String> names = new ArrayList<>();
        if (kafkaProcess != null) names.add("kafka");
        if (postgresProcess != null) names.add("postgres");
        return names;
    }

    /** Whether the embedded server runs: its JVM, and for PostgreSQL also the postmaster (which can die alone). */
    boolean isAlive(String name) {
        return switch (name) {
            case "kafka" -> kafkaProcess != null && kafkaProcess.isAlive();
            case "postgres" -> postgresProcess != null && postgresProcess.isAlive()
                    && ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive).orElse(false);
            default -> throw new IllegalArgumentException("no embedded server " + name);
        };
    }

    /**
     * Stops what is left of a dead embedded server and starts it again on its kept port and data; returns when it
     * is ready (the address is the same, so the services reconnect on their own).
     */
    void restart(String name) {
        StackProcess old = "kafka".equals(name) ? kafkaProcess : postgresProcess;
        if (old != null) {
            old.stop(Duration.ofSeconds(15));
            processes.remove(old);
        }
        if ("kafka".equals(name)) {
            awaitKafka(launchKafka());
        } else {
            ProcessHandle.of(postgresPid).ifPresent(ProcessHandle::destroyForcibly);
            awaitPostgres(launchPostgres());
        }
    }

    Path log(String name) {
        return runDir.resolve(name + ".log");
    }

    private StackProcess launch(String name, String heap, String mainClass, List<String> props, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Stack.javaBinary(), heap));
        cmd.addAll(props);
        cmd.addAll(List.of(
                // temporary files (the broker's log dir, the database's data dir) inside the run directory
                "-Djava.io.tmpdir=" + runDir.resolve("tmp"),
                "-Drex.postgres.binaries=" + stateDir.resolve("postgres-binaries"),
                // the CLI's slf4j-simple: the servers' warnings and errors reach their log, not their info chatter
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        StackProcess p = StackProcess.start(name, cmd, Map.of(), root, runDir.resolve(name + ".log"));
        processes.add(p);
        if (stopping.getAsBoolean()) { // the stack was closed meanwhile and may not have seen this one
            p.stop(Duration.ofSeconds(30));
            throw new IllegalStateException("stopped while starting");
        }
        return p;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    String kafkaBootstrapServers() {
        return kafkaBootstrap;
    }

    /** The service's database: its own on the embedded server, or the one external URL shared by all. */
    String jdbcUrl(StackService service) {
        return externalJdbcUrl != null ? externalJdbcUrl : jdbcBase + service.database();
    }

    String dbUser() {
        return dbUser;
    }

    String dbPassword() {
        return dbPassword;
    }

    /** The postmaster's pid (PostgreSQL detaches from the JVM that starts it), or -1. */
    long postgresPid() {
        return postgresPid;
    }

    List<StackProcess> processes() {
        return processes;
    }

    /** Stops the embedded servers; PostgreSQL, which detaches from its JVM, is checked for by pid. */
    @Override
    public void close() {
        processes.parallelStream().forEach(p -> p.stop(Duration.ofSeconds(30)));
        if (postgresPid > 0) {
            ProcessHandle.of(postgresPid).ifPresent(h -> {
                h.destroy();
                try {
                    h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        }
    }
}
