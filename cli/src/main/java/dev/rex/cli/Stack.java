package dev.rex.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import dev.rex.embedded.TempDirs;

/**
 * The local stack: Kafka and PostgreSQL ({@link StackInfra}) and the services, each {@code java -jar
 * <service>/target/quarkus-app/quarkus-run.jar} in its own process on its fixed port. {@link #start()} returns
 * when every {@code /q/health} says UP; {@link #close()} stops everything it started — services first, then the
 * servers they talk to — and removes the temporary files; the logs stay in {@link #runDir()}
 * ({@code .rex/run-<timestamp>/<name>.log}). Used by {@code rex up}, and meant for {@code rex demo}.
 */
public final class Stack implements AutoCloseable {

    private final Path root;
    private final List<StackService> services;
    private final Duration timeout;
    private final PrintStream out;
    private final Path runDir;
    private final StackInfra infra;
    private final StackPidFile pidFile;
    // written by start(), read by close() from a shutdown hook: both may run at once (Ctrl-C while starting)
    private final Map<Instance, StackProcess> running = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Integer> replicas = new LinkedHashMap<>();
    private int portOffset;

    /**
     * One process of a service: {@code name} is the service's name for its first replica and {@code name-k} for
     * the k-th; {@code service} carries the port it listens on (replica k: the service's port + 10·(k-1), shifted
     * by the stack's port offset).
     */
    record Instance(String name, StackService service) {
    }
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<String, String> serviceEnvironment = new LinkedHashMap<>();
    private volatile String bindAddress = "127.0.0.1";
    private volatile String apiKey;
    private volatile Duration startedIn;
    private volatile StackProcess watchdog; // stops the children if this JVM dies without close()

    /**
     * @param root     the repository (where the {@code *-service} modules and {@code .rex/} are)
     * @param services which services to run (usually {@link StackService#ALL})
     * @param timeout  how long all of them may take to report UP
     * @param out      where progress and messages go
     */
    public Stack(Path root, List<StackService> services, Duration timeout, PrintStream out) {
        this(root, root.resolve(".rex"), services, timeout, out);
    }

    /** With the state ({@code run-*} logs, pid file, PostgreSQL binaries) elsewhere than {@code root/.rex}. */
    Stack(Path root, Path stateDir, List<StackService> services, Duration timeout, PrintStream out) {
        this.root = root.toAbsolutePath().normalize();
        Path state = stateDir.toAbsolutePath().normalize();
        this.services = List.copyOf(services);
        this.timeout = timeout;
        this.out = out;
        this.runDir = newRunDir(state);
        this.infra = new StackInfra(this.root, state, runDir, out, closed::get);
        this.pidFile = new StackPidFile(state);
    }

    /** A path as users like to read it: relative to the repository when inside it. */
    private String shown(Path p) {
        return p.startsWith(root) ? root.relativize(p).toString() : p.toString();
    }

    private static Path newRunDir(Path base) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path dir = base.resolve("run-" + stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = base.resolve("run-" + stamp + "-" + i);
        }
        return dir;
    }

    /**
     * Runs {@code n} processes of the named service (one consumer group: they share the partitions of its input
     * topics); before {@link #start()}.
     */
    public Stack withReplicas(String service, int n) {
        if (n < 1 || n > 8) {
            throw new IllegalArgumentException("--replicas " + service + "=" + n + ": give 1 to 8 processes");
        }
        replicas.put(StackService.named(service).name(), n);
        return this;
    }

    /** Shifts every service's port by {@code offset} (another stack may use the fixed ones); before {@link #start()}. */
    public Stack withPortOffset(int offset) {
        if (offset < 0 || offset > 50_000) {
            throw new IllegalArgumentException("--port-offset must be between 0 and 50000, was " + offset);
        }
        this.portOffset = offset;
        return this;
    }

    /** Every process to run, in start order. */
    List<Instance> instances() {
        List<Instance> out = new ArrayList<>();
        for (StackService s : services) {
            int n = replicas.getOrDefault(s.name(), 1);
            for (int k = 1; k <= n; k++) {
                out.add(new Instance(k == 1 ? s.name() : s.name() + "-" + k,
                        new StackService(s.name(), s.port() + portOffset + 10 * (k - 1))));
            }
        }
        return out;
    }

    /** The base URL of the (first process of the) named service. */
    public String url(String service) {
        String name = StackService.named(service).name();
        return instances().stream().filter(i -> i.service().name().equals(name)).findFirst()
                .map(i -> i.service().url()).orElseThrow(() -> new IllegalArgumentException(
                        "the " + name + " service is not part of this stack"));
    }

    /** Fails fast, before starting anything, when a service is not built or its port is taken. */
    private void checkStartable() {
        checkStartable(root, services, instances().stream().map(Instance::service).toList());
    }

    /** The same check for callers that want it before any other work (e.g. {@code rex demo}). */
    static void checkStartable(Path root, List<StackService> services) {
        checkStartable(root, services, services);
    }

    private static void checkStartable(Path root, List<StackService> services, List<StackService> listening) {
        Checks checks = new Checks();
        List<String> missing = services.stream().filter(s -> !Files.isRegularFile(s.jar(root)))
                .map(s -> root.relativize(s.jar(root)).toString()).toList();
        if (!missing.isEmpty()) {
            checks.fail("not built:", String.join(", ", missing), "run './rex build' (mvn -DskipTests install) first");
        }
        for (StackService s : listening) {
            try (ServerSocket probe = new ServerSocket(s.port(), 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                checks.fail("port " + s.port(), "the " + s.name() + " service's port is in use",
                        "is another 'rex up' running? (see: ss -ltnp | grep " + s.port() + ")");
            }
        }
        checks.orThrow();
    }

    /** Extra environment for every service process (e.g. {@code REX_EXPLANATION_BUILD_DIR}); before {@link #start()}. */
    public Stack withServiceEnvironment(Map<String, String> env) {
        serviceEnvironment.putAll(env);
        return this;
    }

    /** The address the services listen on (default 127.0.0.1: this machine only); before {@link #start()}. */
    public Stack withBindAddress(String address) {
        this.bindAddress = address;
        return this;
    }

    public String bindAddress() {
        return bindAddress;
    }

    /** The file holding this run's API key (0600), written by {@link #start()}. */
    public Path apiKeyFile() {
        return runDir.resolve(ApiKeyFile.NAME);
    }

    public Stack start() {
        try {
            pidFile.stopLeftovers(out);
            checkStartable();
        } catch (RuntimeException e) {
            closed.set(true); // nothing was started: nothing to stop
            throw e;
        }
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(runDir.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the run directory " + runDir, e);
        }
        out.println("rex up: logs in " + shown(runDir));
        String given = System.getenv("REX_API_KEY"); // the user's own key wins, so the CLI's verbs send the same one
        if (given != null && !given.isBlank()) {
            apiKey = given.trim();
            ApiKeyFile.writeSecret(apiKeyFile(), apiKey);
        } else {
            apiKey = ApiKeyFile.generate(runDir);
        }
        out.println("rex up: the API key for writes (Authorization: Bearer <key>) is in " + shown(apiKeyFile())
                + " (owner-only)");
        try {
            // the watchdog first: a stack killed while its servers start leaves nothing behind either
            pidFile.write(pids(), runDir.resolve("tmp"));
            watchdog = StackWatchdog.start(pidFile.dir(), runDir.resolve("watchdog.log"), root);
            infra.start(services);
            pidFile.write(pids(), runDir.resolve("tmp"));
            for (Instance s : instances()) {
                if (closed.get()) {
                    throw new IllegalStateException("stopped while starting");
                }
                StackProcess p = launch(s);
                running.put(s, p);
                if (closed.get()) { // close() may have listed the processes before this one
                    p.stop(Duration.ofSeconds(30));
                }
            }
            pidFile.write(pids(), runDir.resolve("tmp"));
            awaitUp();
            startedIn = Duration.ofNanos(System.nanoTime() - t0);
            return this;
        } catch (RuntimeException e) {
            boolean stoppedByUser = closed.get();
            close();
            if (stoppedByUser) {
                throw new IllegalStateException("stopped while starting");
            }
            throw e;
        }
    }

    /**
     * The services' JIT: C2 only. Several JVMs share a few cores, and with tiered compilation their C1 and C2 threads
     * never caught up (C2's queue stayed full; a fifth to a third of all CPU during an ingest after a 30,000-question
     * warm-up went to compiling, README "Ingest"). C2 alone compiles only what is really hot: a slower first minute,
     * then more questions per second. {@code REX_SERVICE_JAVA_OPTS=-XX:+TieredCompilation} restores the JVM's default.
     */
    static final List<String> SERVICE_JIT = List.of("-XX:-TieredCompilation");

    private StackProcess launch(Instance instance) {
        StackService s = instance.service();
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary());
        cmd.addAll(SERVICE_JIT);
        String opts = System.getenv("REX_SERVICE_JAVA_OPTS"); // after ours: the JVM takes the last of a flag
        if (opts != null && !opts.isBlank()) {
            cmd.addAll(List.of(opts.trim().split("\\s+")));
        }
        cmd.add("-Djava.io.tmpdir=" + runDir.resolve("tmp")); // e.g. Vert.x's file cache, removed on close
        cmd.add("-Dai.djl.offline=true");
        cmd.addAll(List.of("-jar", s.jar(root).toString()));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", infra.kafkaBootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", infra.jdbcUrl(s));
        env.put("QUARKUS_DATASOURCE_USERNAME", infra.dbUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", infra.dbPassword());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(s.port()));
        env.put("QUARKUS_HTTP_HOST", bindAddress);
        // in the environment, not on the command line: other users can read a process's arguments
        env.put("REX_API_KEY", apiKey);
        String roots = System.getenv("REX_DATA_ROOTS");
        env.put("REX_DATA_ROOTS", roots != null && !roots.isBlank() ? roots : root.toString());
        env.put("DJL_OFFLINE", "true");
        // services with transactional producers name them after the instance: a restart fences its old self
        env.put("REX_REPLICA_ID", instance.name());
        if (s.name().equals("inference")) {
            // replicas read one models and features folder (absolute: each process runs in its module folder) and
            // name their transactional producers after themselves, so a restarted replica fences its old self
            defaultEnv(env, "REX_MODELS_DIR", root.resolve(".rex/models").toString());
            defaultEnv(env, "REX_FEATURES_DIR", root.resolve(".rex/features").toString());
            env.put("REX_INFERENCE_REPLICA_ID", instance.name());
        }
        env.putAll(serviceEnvironment);
        return StackProcess.start(instance.name(), cmd, env, s.moduleDir(root), runDir.resolve(instance.name() + ".log"));
    }

    private static void defaultEnv(Map<String, String> env, String name, String value) {
        String given = System.getenv(name);
        if (given == null || given.isBlank()) env.put(name, value);
    }

    private void awaitUp() {
        StackHealth health = new StackHealth();
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Instance, String> status = new LinkedHashMap<>();
        int widest = 0;
        List<Instance> instances = instances();
        try (ProgressBar bar = new ProgressBar("services UP", instances.size(), out)) {
            while (true) {
                if (closed.get()) {
                    throw new IllegalStateException("stopped while starting");
                }
                for (Instance s : instances) {
                    if ("UP".equals(status.get(s))) {
                        continue;
                    }
                    StackProcess p = running.get(s);
                    if (!p.isAlive()) {
                        throw new IllegalStateException("the " + s.name() + " service exited before it was UP; last"
                                + " lines of " + shown(p.log()) + ":\n" + p.tail(40));
                    }
                    status.put(s, health.status(s.service().healthUrl()));
                }
                long up = status.values().stream().filter("UP"::equals).count();
                String waiting = status.entrySet().stream().filter(e -> !"UP".equals(e.getValue()))
                        .map(e -> e.getKey().name() + ":" + e.getValue().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(" "));
                String detail = waiting.isEmpty() ? "" : "waiting " + waiting;
                widest = Math.max(widest, detail.length());
                // padded: the bar redraws with '\r', so a shorter line would leave the end of the longer one
                bar.update(up, detail + " ".repeat(widest - detail.length()));
                if (up == instances.size()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    StringBuilder msg = new StringBuilder("not UP within " + timeout.toSeconds() + " s (--timeout):");
                    status.forEach((s, st) -> {
                        if (!"UP".equals(st)) {
                            StackProcess p = running.get(s);
                            msg.append("\n").append(s.name()).append(" service: health ").append(st)
                                    .append(" at ").append(s.service().healthUrl()).append("; last lines of ")
                                    .append(shown(p.log())).append(":\n").append(p.tail(25));
                        }
                    });
                    throw new IllegalStateException(msg.toString());
                }
                StackProcess.sleep(500);
            }
        }
    }

    /** Stops everything this stack started: services (in parallel), then Kafka and PostgreSQL. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<StackProcess> started;
        synchronized (running) {
            started = List.copyOf(running.values());
        }
        started.parallelStream().forEach(p -> p.stop(Duration.ofSeconds(30)));
        infra.close();
        pidFile.delete();
        deleteTree(runDir.resolve("tmp"));
        stopped = stoppedNames(started);
        StackProcess w = watchdog;
        if (w != null) {
            w.stop(Duration.ofSeconds(5)); // it would end by itself on seeing the pid file gone
        }
    }

    private volatile List<String> stopped = List.of();

    private List<String> stoppedNames(List<StackProcess> services) {
        List<String> names = new ArrayList<>();
        services.forEach(p -> names.add(p.name()));
        infra.processes().forEach(p -> names.add(p.name()));
        return names;
    }

    /** Registers {@link #close()} to run when the JVM stops (Ctrl-C, SIGTERM, normal exit). */
    public Stack closeOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!closed.get()) {
                out.println();
                out.println("rex up: stopping the stack...");
                close();
                out.println("rex up: stopped " + (stopped.isEmpty() ? "nothing (nothing had started)"
                        : String.join(", ", stopped)) + "; temporary files removed; logs in " + shown(runDir));
                out.flush();
            }
        }, "rex-stack-stop"));
        return this;
    }

    /** True once {@link #close()} has begun (e.g. from the shutdown hook). */
    public boolean isClosed() {
        return closed.get();
    }

    public Path runDir() {
        return runDir;
    }

    public List<StackService> services() {
        return services;
    }

    public String kafkaBootstrapServers() {
        return infra.kafkaBootstrapServers();
    }

    public String dbUser() {
        return infra.dbUser();
    }

    public String dbPassword() {
        return infra.dbPassword();
    }

    public String jdbcUrl(StackService service) {
        return infra.jdbcUrl(service);
    }

    /** How long {@link #start()} took until every service was UP. */
    public Duration startedIn() {
        return startedIn;
    }

    /** The pids of every process this stack started (services and embedded servers), for the report. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        infra.processes().forEach(p -> pids.put(p.name(), p.pid()));
        if (infra.postgresPid() > 0) {
            pids.put("postgres-server", infra.postgresPid());
        }
        synchronized (running) {
            running.forEach((s, p) -> pids.put(s.name(), p.pid()));
        }
        return pids;
    }

    /** Every child {@code rex up} keeps running: the embedded servers first, then the services. */
    List<ChildSupervisor.Child> supervised() {
        List<ChildSupervisor.Child> children = new ArrayList<>();
        for (String name : infra.embedded()) {
            children.add(new ChildSupervisor.Child(name, () -> infra.isAlive(name), () -> {
                infra.restart(name);
                pidFile.write(pids(), runDir.resolve("tmp"));
            }, infra.log(name)));
        }
        for (Instance s : instances()) {
            children.add(new ChildSupervisor.Child(s.name(), () -> {
                StackProcess p = running.get(s);
                return p != null && p.isAlive();
            }, () -> restartService(s), runDir.resolve(s.name() + ".log")));
        }
        return children;
    }

    /**
     * Stops what is left of a service's process and launches it again; a watcher says on the console when it is UP
     * on its port again (or that it is not within the start timeout), without holding up the supervisor meanwhile.
     */
    private void restartService(Instance s) {
        StackProcess old = running.get(s);
        if (old != null) {
            old.stop(Duration.ofSeconds(10));
        }
        StackProcess p = launch(s);
        running.put(s, p);
        if (closed.get()) {
            p.stop(Duration.ofSeconds(30));
            return;
        }
        pidFile.write(pids(), runDir.resolve("tmp"));
        Thread watcher = new Thread(() -> announceUp(s, p, System.nanoTime()), "rex-up-watch-" + s.name());
        watcher.setDaemon(true);
        watcher.start();
    }

    private void announceUp(Instance s, StackProcess p, long t0) {
        StackHealth health = new StackHealth();
        long deadline = t0 + timeout.toNanos();
        while (!closed.get() && p.isAlive() && System.nanoTime() < deadline) {
            if ("UP".equals(health.status(s.service().healthUrl()))) {
                out.printf(Locale.ROOT, "rex up: %s is UP again on port %d (%.1f s after its restart)%n", s.name(),
                        s.service().port(), (System.nanoTime() - t0) / 1e9);
                return;
            }
            StackProcess.sleep(500);
        }
        if (!closed.get() && p.isAlive()) {
            out.printf(Locale.ROOT, "rex up: %s is not UP %d s after its restart; see %s%n", s.name(),
                    timeout.toSeconds(), shown(p.log()));
        }
    }

    /** The names of services whose process has exited although the stack is up. */
    public List<String> exited() {
        synchronized (running) {
            return running.entrySet().stream().filter(e -> !e.getValue().isAlive())
                    .map(e -> e.getKey().name()).toList();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void deleteTree(Path dir) {
        try {
            TempDirs.deleteTree(dir);
        } catch (UncheckedIOException e) {
            System.err.println("rex up: could not remove " + dir + ": " + e.getCause().getMessage());
        }
    }
}
