package dev.rex.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the five services of the local stack: its name, its fixed HTTP port (as in its application.properties
 * and docker-compose), where its runnable jar is, and its database on the stack's PostgreSQL.
 */
public record StackService(String name, int port, int replica) {
    /** Replica k of a service listens on its port + 100 (k - 1): 8084, 8184, 8284, ... */
    static final int REPLICA_PORT_STEP = 100;

    public StackService(String name, int port) {
        this(name, port, 1);
    }

    /** Replica {@code k} (1 = this one) of the same service: same module and database, its own port and log. */
    public StackService replica(int k) {
        if (k < 1) throw new IllegalArgumentException("replica numbers start at 1, got " + k);
        return new StackService(name, port + REPLICA_PORT_STEP * (k - 1), k);
    }

    /** The name of its process, log and pid: {@code inference}, {@code inference-2}, ... */
    public String processName() {
        return replica == 1 ? name : name + "-" + replica;
    }

    /** In start order; the ports are fixed so URLs stay the same across runs. */
    public static final List<StackService> ALL = List.of(
            new StackService("preprocessing", 8081),
            new StackService("explanation", 8082),
            new StackService("training", 8083),
            new StackService("inference", 8084),
            new StackService("evaluation", 8085));

    /** The Maven module directory, e.g. {@code inference-service}. */
    public Path moduleDir(Path root) {
        return root.resolve(name + "-service");
    }

    /** The Quarkus fast-jar launcher that {@code mvn install} builds. */
    public Path jar(Path root) {
        return moduleDir(root).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Its own database on the embedded server (tests use the same name with PostgresTestResource). */
    public String database() {
        return "rex_" + name;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public String healthUrl() {
        return url() + "/q/health";
    }

    /** Looks a service up by name ({@code inference} or {@code inference-service}). */
    public static StackService named(String name) {
        String n = name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
        return ALL.stream().filter(s -> s.name.equals(n)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown service '" + name + "': use one of "
                        + ALL.stream().map(StackService::name).toList()));
    }
}
