package dev.rex.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
                "Logs: .rex/run-<timestamp>/<name>.log"})
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--timeout", defaultValue = "240", paramLabel = "SECONDS",
            description = "How long the services may take to report UP (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--services", split = ",", paramLabel = "NAME",
            description = "Only these services (comma-separated names, e.g. preprocessing,inference).")
    List<String> only;

    @Override
    public Integer call() throws InterruptedException {
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be a positive number of seconds");
        }
        PrintStream out = System.out;
        List<StackService> services = only == null ? StackService.ALL
                : new ArrayList<>(only.stream().map(String::trim).map(StackService::named).distinct().toList());
        Stack stack = new Stack(repositoryRoot(), services, Duration.ofSeconds(timeoutSeconds), out).closeOnExit();
        stack.start();
        out.printf(Locale.ROOT, "rex up: %d service(s) UP in %.1f s%n", services.size(),
                stack.startedIn().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  %-14s %s%n", "kafka", stack.kafkaBootstrapServers());
        for (StackService s : services) {
            out.printf(Locale.ROOT, "  %-14s %s/q/health%n", s.name(), s.url());
        }
        out.println("  each service also serves /q/metrics (Prometheus) and /q/openapi");
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
