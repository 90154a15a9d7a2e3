package dev.rex.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rex up}: the local stack — embedded Kafka and PostgreSQL (or the external ones named by
 * {@code KAFKA_BOOTSTRAP_SERVERS} / {@code QUARKUS_DATASOURCE_JDBC_URL}) and the five services as separate
 * processes — until Ctrl-C or SIGTERM, which stop everything it started.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {
                "Start the local stack and keep it running until Ctrl-C/SIGTERM, which stop everything it started.",
                "Kafka and PostgreSQL are embedded (real servers from Maven artifacts) unless KAFKA_BOOTSTRAP_SERVERS /"
                        + " QUARKUS_DATASOURCE_JDBC_URL (+ _USERNAME, _PASSWORD) name external ones.",
                "Services and ports: preprocessing 8081, explanation 8082, training 8083, inference 8084,"
                        + " evaluation 8085 (java -jar <service>/target/quarkus-app/quarkus-run.jar;"
                        + " extra JVM options in REX_SERVICE_JAVA_OPTS).",
                "A child that dies (the broker, the database, a service) is restarted with back-off (1 s doubling to"
                        + " 30 s), on the same port and data; the console says so.",
                "Logs: .rex/run-<timestamp>/<name>.log; the run's API key for writes: .rex/run-<timestamp>/api-key (0600),"
                        + " passed to the services as REX_API_KEY.",
                "Files named by requests must lie under REX_DATA_ROOTS (default: the repository)."})
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--timeout", defaultValue = "240", paramLabel = "SECONDS",
            description = "How long the services may take to report UP (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--services", split = ",", paramLabel = "NAME",
            description = "Only these services (comma-separated names, e.g. preprocessing,inference).")
    List<String> only;

    @Option(names = "--replicas", paramLabel = "SERVICE=N",
            description = {"Run N processes of a service, e.g. --replicas explanation=2 (ports: the service's, then "
                    + "+10, +20...; one consumer group, so they share the partitions of its input topics: "
                    + "rex.questions and rex.programs have " + StackTopics.PARTITIONS + ")."})
    Map<String, Integer> replicas = new LinkedHashMap<>();

    @Option(names = "--port-offset", paramLabel = "N", defaultValue = "0",
            description = "Add N to every service's port (another stack may hold the usual ones; default 0).")
    int portOffset;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "Address the services listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for "
                    + "every interface). Writes always need the run's API key.")
    String bind;

    @Override
    public Integer call() throws InterruptedException {
        Checks checks = new Checks().atLeast("--timeout", timeoutSeconds, 1);
        try {
            java.net.InetAddress address = java.net.InetAddress.getByName(bind);
            if (!address.isLoopbackAddress() && !address.isAnyLocalAddress()) {
                checks.fail("--bind " + bind, "is neither a loopback address nor every interface",
                        "use 127.0.0.1 (default) or 0.0.0.0 (every interface); the stack checks health on localhost");
            }
        } catch (java.net.UnknownHostException e) {
            checks.fail("--bind " + bind, "is not an address", "use 127.0.0.1 (default) or 0.0.0.0 (every interface)");
        }
        List<StackService> services = new ArrayList<>();
        for (String name : only == null ? StackService.ALL.stream().map(StackService::name).toList() : only) {
            try {
                StackService s = StackService.named(name.trim());
                if (!services.contains(s)) {
                    services.add(s);
                }
            } catch (IllegalArgumentException e) {
                checks.fail("--services " + name.trim(), "is not a service", e.getMessage());
            }
        }
        checks.orThrow();
        PrintStream out = System.out;
        Stack stack = new Stack(repositoryRoot(), services, Duration.ofSeconds(timeoutSeconds), out)
                .withPortOffset(portOffset).withBindAddress(bind);
        replicas.forEach(stack::withReplicas);
        stack.closeOnExit();
        stack.start();
        out.printf(Locale.ROOT, "rex up: %d service(s) UP in %.1f s%n", services.size(),
                stack.startedIn().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  %-14s %s%n", "kafka", stack.kafkaBootstrapServers());
        for (Stack.Instance s : stack.instances()) {
            out.printf(Locale.ROOT, "  %-14s %s/q/health%n", s.name(), s.service().url());
        }
        out.println("  each service also serves /q/metrics (Prometheus), /q/openapi and /q/swagger-ui; listening on "
                + bind);
        out.println("  writes need 'Authorization: Bearer <key>', the key in " + stack.apiKeyFile()
                + " (the CLI's verbs read it from there, or from REX_API_KEY)");
        out.println("rex up: running; Ctrl-C stops everything (pids " + stack.pids() + ")");
        out.flush();
        // until a signal (the shutdown hook stops the stack): a child that dies is restarted with back-off
        new ChildSupervisor(stack::supervised, out, stack::isClosed).run();
        return 0;
    }

    /** The repository: {@code rex.home} set by the ./rex launcher, else the working directory. */
    static Path repositoryRoot() {
        String home = System.getProperty("rex.home");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }
}
