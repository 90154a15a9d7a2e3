package dev.rex.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka 4 broker in KRaft mode (one process acting as broker and controller), run inside
 * this JVM from the Maven artifacts {@code kafka_2.13} and {@code kafka-server} (ARCHITECTURE §4).
 * <p>
 * Every instance gets its own free ports and its own temporary log directory, which {@link #close()} deletes —
 * unless given a directory ({@link #dir(Path)}) and ports ({@link #ports(int, int)}) to keep: started again on
 * them (after a stop or a crash) the broker serves the same topics, offsets and committed consumer positions at the
 * same address, which is how {@code rex up} restarts a dead broker without its services noticing more than an
 * outage.
 * Replication factors are 1 (there is one broker) and the first consumer-group rebalance is not delayed, so a
 * test's consumer joins at once.
 *
 * <pre>{@code
 * try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
 *     String bootstrap = kafka.bootstrapServers();   // "localhost:PORT"
 * }
 * }</pre>
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final Properties extra = new Properties();
    private Path dir;
    private Path keptDir;
    private int fixedBrokerPort;
    private int fixedControllerPort;
    private KafkaRaftServer server;
    private int brokerPort;

    /** A directory (configuration and logs) that outlives the broker and is reused when formatted; before start(). */
    public EmbeddedKafka dir(Path dir) {
        this.keptDir = dir;
        return this;
    }

    /** Fixed ports (0: free ones); before {@link #start()}. */
    public EmbeddedKafka ports(int broker, int controller) {
        this.fixedBrokerPort = broker;
        this.fixedControllerPort = controller;
        return this;
    }

    /** Adds or overrides a broker property (e.g. {@code num.partitions}); call before {@link #start()}. */
    public EmbeddedKafka with(String key, String value) {
        if (server != null) {
            throw new IllegalStateException("broker already started: set '" + key + "' before start()");
        }
        extra.setProperty(key, value);
        return this;
    }

    /** Formats a fresh log directory and starts the broker; returns when it accepts connections. */
    public synchronized EmbeddedKafka start() {
        if (server != null) {
            return this;
        }
        boolean kept = keptDir != null;
        try {
            dir = kept ? Files.createDirectories(keptDir) : TempDirs.create("rex-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's directory " + keptDir, e);
        }
        try {
            brokerPort = fixedBrokerPort > 0 ? fixedBrokerPort : FreePorts.next();
            int controllerPort = fixedControllerPort > 0 ? fixedControllerPort : FreePorts.next();
            Properties props = brokerProperties(dir.resolve("logs"), brokerPort, controllerPort);
            props.putAll(extra);
            Path config = dir.resolve("server.properties");
            try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                props.store(w, "rex embedded KRaft broker");
            }
            if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
                format(config); // a kept directory is formatted once: its cluster id and data stay
            }
            KafkaRaftServer raft = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            raft.startup();
            server = raft;
            return this;
        } catch (IOException e) {
            if (!kept) {
                TempDirs.deleteTree(dir);
            }
            throw new UncheckedIOException("cannot write the embedded broker's configuration in " + dir, e);
        } catch (RuntimeException e) {
            if (!kept) {
                TempDirs.deleteTree(dir);
            }
            throw new IllegalStateException("the embedded Kafka broker did not start: " + e.getMessage(), e);
        }
    }

    /** The broker configuration: one node with both KRaft roles, everything on localhost. */
    static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                // --standalone formatting wants a dynamic quorum: bootstrap servers, not a static voter list
                Map.entry("controller.quorum.bootstrap.servers", "localhost:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("auto.create.topics.enable", "true"),
                // small, quickly cleaned segments: this broker lives for a test run or a local session
                Map.entry("log.segment.bytes", String.valueOf(64 * 1024 * 1024)),
                Map.entry("log.retention.check.interval.ms", "60000")));
        return p;
    }

    private static void format(Path config) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(),
                    "-c", config.toString(), "--standalone"}, out);
        }
        if (rc != 0) {
            throw new IllegalStateException("formatting the KRaft log directory failed (exit " + rc + "): "
                    + captured.toString(StandardCharsets.UTF_8).trim());
        }
    }

    /** {@code localhost:PORT}, for {@code bootstrap.servers} / {@code kafka.bootstrap.servers}. */
    public String bootstrapServers() {
        if (server == null) {
            throw new IllegalStateException("the embedded broker is not running: call start() first");
        }
        return "localhost:" + brokerPort;
    }

    public boolean isRunning() {
        return server != null;
    }

    /** Stops the broker and deletes its log directory. Safe to call twice. */
    @Override
    public synchronized void close() {
        KafkaRaftServer s = server;
        server = null;
        try {
            if (s != null) {
                s.shutdown();
                s.awaitShutdown();
            }
        } finally {
            if (keptDir == null) {
                TempDirs.deleteTree(dir);
            }
            dir = null;
        }
    }

    /**
     * Runs a broker as its own process: prints {@code KAFKA_BOOTSTRAP_SERVERS=localhost:PORT} on one line once it
     * accepts connections, then serves until SIGTERM/Ctrl-C, when it stops and removes its directory. The system
     * properties {@code rex.kafka.dir}, {@code rex.kafka.port} and {@code rex.kafka.controller-port} name a directory
     * and ports to keep (see {@link #dir(Path)}).
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka kafka = new EmbeddedKafka();
        String keep = System.getProperty("rex.kafka.dir");
        if (keep != null && !keep.isBlank()) {
            kafka.dir(Path.of(keep));
        }
        kafka.ports(Integer.getInteger("rex.kafka.port", 0), Integer.getInteger("rex.kafka.controller-port", 0));
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                System.err.println("usage: EmbeddedKafka [broker.property=value ...]");
                System.exit(2);
            }
            kafka.with(arg.substring(0, eq), arg.substring(eq + 1));
        }
        ServerMain.serve("rex-kafka", () -> {
            kafka.start();
            System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers());
        }, kafka::close);
    }
}
