package dev.rex.cli;

import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.QuestionEvent;
import dev.rex.gqa.io.QuestionEntry;
import dev.rex.gqa.io.QuestionReader;
import dev.rex.gqa.model.GqaQuestion;
import dev.rex.gqa.synth.SynthWorld;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 13's fault acceptance, with the services as processes under the stack's supervisor (what {@code rex up}
 * runs): questions stream into {@code rex.questions} while (1) the PostgreSQL server is killed with SIGKILL, (2) the
 * Kafka broker's JVM is killed with SIGKILL and (3) the explanation service's process is killed with SIGKILL; the
 * supervisor restarts each (the servers on their kept port and data, the service on its port) and says so.
 * Afterwards every question has exactly one explanation row and exactly one record on {@code rex.explanations} as a
 * {@code read_committed} reader sees it (the service publishes a batch and commits its input offsets in one Kafka
 * transaction), and no dead letter was written — the outages were retried, not dead-lettered. The counts are printed.
 */
class StackFaultTest {
    private static final Duration WAIT = Duration.ofSeconds(150);

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 12, unit = TimeUnit.MINUTES)
    void killingTheDatabaseTheBrokerAndAServiceMidStreamLosesAndDuplicatesNothing() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent(); // surefire runs in cli/
        StackService pre = new StackService("preprocessing", freePort());
        StackService exp = new StackService("explanation", freePort());
        for (StackService s : List.of(pre, exp)) {
            assumeTrue(Files.isRegularFile(s.jar(root)), "skipped: " + s.jar(root) + " is not built (mvn install "
                    + "builds it before the cli)");
        }
        int images = Integer.getInteger("rex.fault.images", 80);
        Path world = tmp.resolve("world");
        SynthWorld.generate(new SynthWorld.Options(images, 8, 13L, world, true), (d, t) -> { });
        List<GqaQuestion> questions = new ArrayList<>();
        try (QuestionReader r = new QuestionReader(world.resolve("questions/train_balanced_questions.json"), true)) {
            r.forEachRemaining(e -> {
                if (e.valid()) questions.add(e.question());
            });
        }

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        Stack stack = new Stack(root, tmp.resolve("state"), List.of(pre, exp), Duration.ofSeconds(240), out)
                .withServiceEnvironment(Map.of(
                        "REX_PREPROCESSING_SCENE_GRAPHS_DIR", world.resolve("sceneGraphs").toString(),
                        "REX_PREPROCESSING_BOXES_DIR", world.resolve("boxes").toString()));
        Thread supervisor = null;
        try {
            stack.start();
            ChildSupervisor children = new ChildSupervisor(stack::supervised, out, stack::isClosed);
            supervisor = new Thread(() -> {
                try {
                    children.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-supervisor");
            supervisor.setDaemon(true);
            supervisor.start();
            String jdbc = stack.jdbcUrl(exp);

            // (1) the database: SIGKILL of the postmaster a third of the way through
            long pgPid = stack.pids().get("postgres-server");
            try (KafkaProducer<String, String> producer = producer(stack.kafkaBootstrapServers())) {
                List<Future<RecordMetadata>> sent = send(producer, questions, "db-", 0, questions.size() / 2);
                await(() -> count(jdbc, "db-") >= questions.size() / 6, "the first explanations", stack, console);
                ProcessHandle.of(pgPid).ifPresent(ProcessHandle::destroyForcibly);
                sent.addAll(send(producer, questions, "db-", questions.size() / 2, questions.size()));
                for (Future<RecordMetadata> f : sent) f.get(60, TimeUnit.SECONDS);
            }
            await(() -> stack.pids().getOrDefault("postgres-server", pgPid) != pgPid, "the database restarted",
                    stack, console);
            Counts db = settle("db-", questions.size(), jdbc, stack, console);

            // (2) the broker: SIGKILL of its JVM mid-stream; the supervisor restarts it on its port and log dir
            long kafkaPid = stack.pids().get("kafka");
            String bootstrap = stack.kafkaBootstrapServers();
            // every question on the broker first, so that the kill finds the services mid-stream (mid-transaction)
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                List<Future<RecordMetadata>> sent = send(producer, questions, "broker-", 0, questions.size());
                for (Future<RecordMetadata> f : sent) f.get(60, TimeUnit.SECONDS);
            }
            await(() -> count(jdbc, "broker-") >= questions.size() / 6, "the first explanations", stack, console);
            ProcessHandle.of(kafkaPid).ifPresent(ProcessHandle::destroyForcibly);
            await(() -> stack.pids().getOrDefault("kafka", kafkaPid) != kafkaPid, "the broker restarted", stack,
                    console);
            assertEquals(bootstrap, stack.kafkaBootstrapServers(), "the broker keeps its address");
            Counts broker = settle("broker-", questions.size(), jdbc, stack, console);

            // (3) a service: SIGKILL of the explanation service's process mid-stream; the supervisor starts it again
            long expPid = stack.pids().get(exp.name());
            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                List<Future<RecordMetadata>> sent = send(producer, questions, "svc-", 0, questions.size());
                for (Future<RecordMetadata> f : sent) f.get(60, TimeUnit.SECONDS);
            }
            await(() -> count(jdbc, "svc-") >= questions.size() / 6, "the first explanations", stack, console);
            ProcessHandle.of(expPid).ifPresent(ProcessHandle::destroyForcibly);
            await(() -> stack.pids().getOrDefault(exp.name(), expPid) != expPid, "the explanation service restarted",
                    stack, console);
            StackHealth health = new StackHealth();
            await(() -> "UP".equals(health.status(exp.healthUrl())), "the explanation service UP again on port "
                    + exp.port(), stack, console);
            Counts service = settle("svc-", questions.size(), jdbc, stack, console);

            long dead = records(bootstrap, "rex.questions.dlq").size() + records(bootstrap, "rex.programs.dlq").size();
            String said = console.toString(StandardCharsets.UTF_8);
            System.out.printf("[issue 13 fault test] %d questions per fault%n", questions.size());
            System.out.printf("[issue 13 fault test] postgres SIGKILL: %d rows, %d distinct qids, %d events on "
                    + "rex.explanations (%d distinct qids, %d distinct event ids)%n", db.rows, db.rowQids, db.events,
                    db.eventQids, db.eventIds);
            System.out.printf("[issue 13 fault test] broker SIGKILL:   %d rows, %d distinct qids, %d events on "
                    + "rex.explanations (%d distinct qids, %d distinct event ids)%n", broker.rows, broker.rowQids,
                    broker.events, broker.eventQids, broker.eventIds);
            System.out.printf("[issue 13 fault test] service SIGKILL:  %d rows, %d distinct qids, %d events on "
                    + "rex.explanations (%d distinct qids, %d distinct event ids)%n", service.rows, service.rowQids,
                    service.events, service.eventQids, service.eventIds);
            System.out.printf("[issue 13 fault test] dead letters in rex.questions.dlq + rex.programs.dlq: %d%n", dead);
            // how the kills met the explanation service's transactions (aborted and redone, or a timed-out commit made again)
            List<String> transactions = Files.readAllLines(stack.runDir().resolve(exp.name() + ".log")).stream()
                    .filter(l -> l.contains("BatchEventConsumer") && l.contains("transaction")
                            || l.contains("timed out; making it again") || l.contains("completed when retried"))
                    .toList();
            System.out.printf("[issue 13 fault test] explanation service: %d transaction(s) aborted and redone, %d "
                    + "timed-out commit(s) completed when retried%n",
                    transactions.stream().filter(l -> l.contains("failed and was aborted")).count(),
                    transactions.stream().filter(l -> l.contains("completed when retried")).count());
            transactions.stream().limit(8).forEach(l -> System.out.println("  " + l));
            System.out.println("[issue 13 fault test] supervisor said:\n" + said.lines()
                    .filter(l -> l.contains("restart") || l.contains("UP again")).map(l -> "  " + l)
                    .reduce("", (a, b) -> a + b + "\n"));
            Map<String, Counts> faults = Map.of("database", db, "broker", broker, "service", service);
            faults.forEach((fault, c) -> {
                assertEquals(questions.size(), c.rows, fault + ": one row per question");
                assertEquals(questions.size(), c.rowQids, fault);
                assertEquals(questions.size(), c.eventQids, fault + ": an explanation event for every question");
                assertEquals(questions.size(), c.eventIds, fault + ": one event id per question");
                assertEquals(questions.size(), c.events, fault + ": exactly one committed explanation record per "
                        + "question (none republished)");
            });
            assertEquals(0, dead, "an outage is retried, not dead-lettered");
            assertTrue(said.contains("postgres is not running; restarting it") && said.contains("kafka restarted"),
                    said);
            assertTrue(said.contains(exp.name() + " is not running; restarting it")
                    && said.contains(exp.name() + " restarted in")
                    && said.contains(exp.name() + " is UP again on port " + exp.port()), said);
        } finally {
            stack.close();
            if (supervisor != null) supervisor.join(5000);
        }
    }

    private record Counts(long rows, long rowQids, long events, long eventQids, long eventIds) {
    }

    /** Waits until every question of the phase has its row and its event, then counts (after a quiet moment). */
    private static Counts settle(String prefix, int n, String jdbc, Stack stack, ByteArrayOutputStream console) {
        String bootstrap = stack.kafkaBootstrapServers();
        await(() -> count(jdbc, prefix) >= n, n + " explanation rows for " + prefix, stack, console);
        await(() -> eventQids(bootstrap, prefix).size() >= n, n + " explanation events for " + prefix, stack, console);
        StackProcess.sleep(3000); // late duplicates would arrive now
        List<ConsumerRecord<String, String>> events = records(bootstrap, EventTypes.EXPLANATION.topic()).stream()
                .filter(r -> r.key() != null && r.key().startsWith(prefix)).toList();
        Set<String> distinct = new HashSet<>();
        events.forEach(r -> distinct.add(r.key()));
        Set<String> ids = new HashSet<>();
        events.forEach(r -> ids.add(EventCodec.decode(EventTypes.EXPLANATION, r.value()).id()));
        long[] rows = rows(jdbc, prefix);
        return new Counts(rows[0], rows[1], events.size(), distinct.size(), ids.size());
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("delivery.timeout.ms", "120000");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    /** Questions [from, to) as the preprocessing service's import publishes them, under qid prefix + GQA qid. */
    private static List<Future<RecordMetadata>> send(KafkaProducer<String, String> producer, List<GqaQuestion> all,
                                                     String prefix, int from, int to) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (GqaQuestion q : all.subList(from, to)) {
            QuestionEvent e = new QuestionEvent(EventIds.newId(), "fault-" + prefix, EventTypes.QUESTION.currentVersion(),
                    prefix + q.qid(), q.imageId(), "train", q.question(), q.answer(), q.fullAnswer(), null, null,
                    q.semantic().stream().map(s -> new QuestionEvent.SemanticStep(s.operation(), s.argument(),
                            s.dependencies())).toList(), null,
                    new QuestionEvent.QuestionAnnotations(q.annotations().question(), q.annotations().answer(),
                            q.annotations().fullAnswer()));
            sent.add(producer.send(new ProducerRecord<>(EventTypes.QUESTION.topic(), e.key(), EventCodec.encode(e))));
        }
        return sent;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what, Stack stack,
                              ByteArrayOutputStream console) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what + "; the stack said:\n"
                        + console.toString(StandardCharsets.UTF_8) + "\nlogs in " + stack.runDir()
                        + " (removed with the test's folder); their last warnings:\n" + warnings(stack.runDir())
                        + "\nthe explanation service's consuming threads:\n" + threads(stack.pids().get("explanation")));
            }
            StackProcess.sleep(250);
        }
    }

    /** The last warnings and errors of each service log, for a failure message. */
    private static String warnings(Path runDir) {
        StringBuilder b = new StringBuilder();
        for (String service : List.of("preprocessing", "explanation")) {
            try {
                List<String> lines = Files.readAllLines(runDir.resolve(service + ".log")).stream()
                        .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")).toList();
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> b.append(service)
                        .append(": ").append(l.length() > 400 ? l.substring(0, 400) : l).append('\n'));
            } catch (IOException e) {
                b.append(service).append(": ").append(e).append('\n');
            }
        }
        return b.toString();
    }

    /** The stacks of a service's batch and Kafka client threads (jcmd), to see where a stuck stream waits. */
    private static String threads(Long pid) {
        if (pid == null) return "(no process)";
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            StringBuilder b = new StringBuilder();
            for (String thread : dump.split("\n\n")) {
                if (thread.contains("\"rex-batch") || thread.contains("\"smallrye-kafka")) b.append(thread).append("\n\n");
            }
            return b.toString();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static long count(String jdbc, String prefix) {
        return rows(jdbc, prefix)[0];
    }

    private static long[] rows(String jdbc, String prefix) {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT qid) FROM explanation.explanations "
                     + "WHERE qid LIKE '" + prefix + "%'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            return new long[] {-1, -1}; // the database is down or restarting
        }
    }

    private static Set<String> eventQids(String bootstrap, String prefix) {
        Set<String> qids = new HashSet<>();
        records(bootstrap, EventTypes.EXPLANATION.topic()).forEach(r -> {
            if (r.key() != null && r.key().startsWith(prefix)) qids.add(r.key());
        });
        return qids;
    }

    /** Every record the topic holds (none when it does not exist). */
    private static List<ConsumerRecord<String, String>> records(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("allow.auto.create.topics", "false");
        // what downstream services see: records of aborted transactions (a batch cut short by a kill) are not there
        p.put("isolation.level", "read_committed");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            Map<String, List<PartitionInfo>> topics = c.listTopics(Duration.ofSeconds(10));
            if (!topics.containsKey(topic)) return out;
            List<TopicPartition> tps = topics.get(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(tps, Duration.ofSeconds(10)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            return out;
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
