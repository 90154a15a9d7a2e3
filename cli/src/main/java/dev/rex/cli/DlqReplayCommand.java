package dev.rex.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code rex dlq replay --topic T}: re-publishes the dead letters of {@code T.dlq} to {@code T} after the cause was
 * fixed (see {@link DeadLetterReplay}); the consumers upsert by key, so a record that reaches them twice leaves one
 * result. {@code --dry-run} counts and groups them by reason without publishing.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-publish the dead letters of <topic>.dlq to <topic> (after fixing what made them fail), "
                + "with their key, value and headers; the dead-letter reason headers are dropped.",
                "Each dead letter is replayed once: the command remembers its position in <topic>.dlq (consumer "
                        + "group rex-dlq-replay-<topic>); --from-beginning replays every one again.",
                "Truncated dead letters (over-size records: only their beginning was kept) cannot be replayed and "
                        + "are counted as skipped."})
public final class DlqReplayCommand implements Callable<Integer> {
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    @Option(names = "--topic", required = true, paramLabel = "TOPIC",
            description = "the topic whose dead letters to replay, e.g. rex.programs (reads rex.programs.dlq)")
    String topic;

    @Option(names = "--dry-run", description = "count and list the dead letters by reason; publish nothing")
    boolean dryRun;

    @Option(names = "--from-beginning", description = "replay every dead letter again, not only those not replayed yet")
    boolean fromBeginning;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "the broker (default: KAFKA_BOOTSTRAP_SERVERS, else the broker of the newest 'rex up' run)")
    String bootstrapServers;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
            description = "how long to wait for the broker (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    @Override
    public Integer call() {
        if (topic.endsWith(".dlq")) {
            throw new IllegalArgumentException("--topic names the topic to replay into, not its dead-letter topic: "
                    + "use --topic " + topic.substring(0, topic.length() - 4));
        }
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("--topic '" + topic + "' is not a Kafka topic name (letters, digits, "
                    + "'.', '_', '-')");
        }
        if (timeoutSeconds <= 0) {
            throw new IllegalArgumentException("--timeout must be a positive number of seconds");
        }
        String bootstrap = bootstrapServers != null ? bootstrapServers : defaultBootstrap().orElseThrow(() ->
                new IllegalArgumentException("no broker: pass --bootstrap-servers HOST:PORT, set "
                        + "KAFKA_BOOTSTRAP_SERVERS, or start the stack with './rex up'"));
        DeadLetterReplay.Result r;
        try (ProgressBar bar = new ProgressBar(dryRun ? "dead letters read" : "dead letters replayed", 0)) {
            r = new DeadLetterReplay(bootstrap, Duration.ofSeconds(timeoutSeconds))
                    .replay(topic, dryRun, fromBeginning, (done, total) -> {
                        bar.total(total);
                        bar.update(done, "");
                    });
        }
        System.out.printf(Locale.ROOT, "rex dlq replay: %s.dlq held %d dead letter(s) to %s; %s %d, skipped %d "
                        + "(truncated over-size records)%n", topic, r.read(), fromBeginning ? "replay" : "replay now",
                dryRun ? "would replay" : "replayed to " + topic, r.replayed(), r.skipped());
        for (Map.Entry<String, Long> e : r.byReason().entrySet()) {
            System.out.printf(Locale.ROOT, "  %6d  %s%n", e.getValue(), e.getKey());
        }
        return 0;
    }

    /** KAFKA_BOOTSTRAP_SERVERS, else the broker port recorded by the newest {@code rex up} run. */
    static Optional<String> defaultBootstrap() {
        String env = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (env != null && !env.isBlank()) {
            return Optional.of(env);
        }
        Path state = UpCommand.repositoryRoot().resolve(".rex");
        if (!Files.isDirectory(state)) {
            return Optional.empty();
        }
        try (Stream<Path> runs = Files.list(state)) {
            return runs.filter(p -> p.getFileName().toString().startsWith("run-"))
                    .map(p -> p.resolve("infra.properties")).filter(Files::isRegularFile)
                    .max(Comparator.comparing(p -> p.getParent().getFileName().toString()))
                    .flatMap(DlqReplayCommand::kafkaPort).map(port -> "localhost:" + port);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> kafkaPort(Path infra) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(infra, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(p.getProperty("kafka.port"));
    }
}
