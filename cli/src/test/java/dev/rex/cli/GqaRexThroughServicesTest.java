package dev.rex.cli;

import dev.rex.embedded.EmbeddedKafka;
import dev.rex.embedded.EmbeddedPostgresServer;
import dev.rex.gqa.build.BuildOptions;
import dev.rex.gqa.build.DatasetBuilder;
import dev.rex.gqa.ground.IouMode;
import dev.rex.gqa.io.QuestionReader;
import dev.rex.gqa.synth.SynthWorld;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issues 7 and 19, over the real broker (three partitions per topic) and database with the two service jars as
 * separate processes: a split where the per-image gender state changes explanations ({@link GenderCorpus}) and a
 * synthetic GQA world go in through {@code POST /api/imports}; the explanation service (batches of two, so one
 * image's questions span several) is killed (SIGKILL: no clean shutdown, uncommitted offsets) in the middle of the
 * gender split and started again while the other splits are imported; afterwards every qid has exactly one record,
 * and {@code rex dataset export --from-db} writes byte for byte the files {@code rex dataset build} writes on the same
 * input (the service runs with that build's vocabularies) — the gender state included. Needs the service jars (the
 * reactor's install packages them before the cli).
 */
class GqaRexThroughServicesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration UP = Duration.ofSeconds(180);

    @TempDir
    Path tmp;

    @Test
    void aSplitGoesThroughBothServicesSurvivesARestartAndExportsAsTheBatchBuild() throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        StackService pre = StackService.named("preprocessing");
        StackService exp = StackService.named("explanation");
        for (StackService s : List.of(pre, exp)) {
            assumeTrue(Files.isRegularFile(s.jar(root)), "skipped: " + s.jar(root) + " is not built (mvn install "
                    + "builds it before the cli)");
        }
        Path world = tmp.resolve("world");
        // -Drex.issue7.images=N for a larger world when measuring throughput (the test's own size keeps it fast)
        int images = Integer.getInteger("rex.issue7.images", 12);
        SynthWorld.generate(new SynthWorld.Options(images, 8, 7L, world, true), (d, t) -> { });
        List<String> splits = new ArrayList<>(List.of(GenderCorpus.SPLIT, "train", "val"));
        Path in = input(world, splits);
        int genderQuestions = GenderCorpus.write(in, 6);
        Path build = tmp.resolve("build");
        new DatasetBuilder().build(new BuildOptions(in.resolve("questions"), in.resolve("sceneGraphs"),
                in.resolve("boxes"), build, splits, false, IouMode.REFERENCE, 0L, 1, 4096), (phase, done, total) -> { });
        Set<String> qids = new HashSet<>();
        for (String split : splits) qids.addAll(qids(questions(in, split)));
        String converted = Files.readString(build.resolve("converted_explanation_" + GenderCorpus.SPLIT + ".json"));
        for (int i = 0; i < 6; i++) { // the corpus exercises the state: asked again, the woman is female
            assertTrue(converted.contains("\"" + GenderCorpus.askedAgain(i) + "\": \"#0 is female\"")
                    || converted.contains("\"" + GenderCorpus.askedAgain(i) + "\":\"#0 is female\""), converted);
        }
        assertTrue(converted.contains("#0 is not female"), "the first time it is not: " + converted);

        try (EmbeddedKafka kafka = new EmbeddedKafka().with("num.partitions", "3").start();
             EmbeddedPostgresServer pg = new EmbeddedPostgresServer().start()) {
            pg.createDatabase("rex_preprocessing");
            pg.createDatabase("rex_explanation");
            String jdbc = pg.jdbcUrl("rex_explanation");
            int prePort = freePort();
            int expPort = freePort();
            Map<String, String> expEnv = env(kafka, pg, "rex_explanation", expPort);
            expEnv.put("REX_EXPLANATION_BUILD_DIR", build.toString());
            // small batches, each after a short wait: the kill below lands inside the gender split's sequences
            expEnv.put("MP_MESSAGING_INCOMING_PROGRAMS_IN_MAX_POLL_RECORDS", "2");
            expEnv.put("MP_MESSAGING_INCOMING_PROGRAMS_IN_FETCH_MAX_WAIT_MS", "200");
            StackProcess preprocessing = launch(root, pre, env(kafka, pg, "rex_preprocessing", prePort));
            StackProcess explanation = launch(root, exp, expEnv);
            try {
                awaitUp(preprocessing, prePort);
                awaitUp(explanation, expPort);
                String ready = get("http://localhost:" + expPort + "/q/health/ready");
                assertTrue(ready.contains("gqa-rex-vocabularies") && ready.contains("dataset build"), ready);

                String gender = startImport(prePort, in, GenderCorpus.SPLIT);
                await(() -> count(jdbc) >= 4, "the first explanation records", explanation);
                // stopped mid-stream (SIGKILL: no shutdown, offsets of processed records not necessarily committed)
                ProcessHandle.of(explanation.pid()).ifPresent(ProcessHandle::destroyForcibly);
                StackProcess killed = explanation;
                await(() -> !killed.isAlive(), "the explanation service to die", preprocessing);
                long before = count(jdbc);
                assertTrue(before < genderQuestions, "killed in the middle of the gender split (" + before + " stored)");
                await(() -> importDone(prePort, gender), "the gender import DONE", preprocessing);
                // the other splits through `rex dataset publish` (POST /api/imports, then follows it to DONE)
                for (String split : splits.subList(1, splits.size())) {
                    assertEquals(0, new CommandLine(new DatasetPublishCommand()).execute("--questions",
                            questions(in, split).toString(), "--scene-graphs",
                            in.resolve("sceneGraphs").resolve(split + "_sceneGraphs.json").toString(), "--boxes",
                            in.resolve("boxes").toString(), "--url", "http://localhost:" + prePort,
                            "--split", split, "--api-key-file", keyFile().toString()));
                }
                assertTrue(before < qids.size(), "stopped before everything was explained (" + before + ")");

                // restarted with the usual batches: it continues each image's state from the database
                Map<String, String> restartEnv = new LinkedHashMap<>(expEnv);
                restartEnv.remove("MP_MESSAGING_INCOMING_PROGRAMS_IN_MAX_POLL_RECORDS");
                restartEnv.remove("MP_MESSAGING_INCOMING_PROGRAMS_IN_FETCH_MAX_WAIT_MS");
                explanation = launch(root, exp, restartEnv);
                awaitUp(explanation, expPort);
                long stored = count(jdbc);
                long r0 = System.nanoTime();
                await(() -> count(jdbc) > stored, "the restarted service's first record", explanation);
                long t0 = System.nanoTime();
                long from = count(jdbc);
                await(() -> count(jdbc) == qids.size(), "a record for each of the " + qids.size() + " qids", explanation);
                double seconds = (System.nanoTime() - t0) / 1e9;
                System.out.printf("[issue 7 figures] after the restart: first record in %.1f s (group rejoin), then "
                        + "%d programs explained and stored in %.2f s: %.0f questions/s%n", (t0 - r0) / 1e9,
                        qids.size() - from, seconds, (qids.size() - from) / seconds);

                assertEquals(qids, storedQids(jdbc), "every qid once, nothing else");
                String one = qids.iterator().next();
                String record = get("http://localhost:" + expPort + "/api/explanations/" + one);
                assertTrue(record.contains("\"qid\":\"" + one + "\""), record);
                String page = get("http://localhost:" + expPort + "/api/explanations?split=val&size=5");
                assertTrue(page.contains("\"total\":" + qids(questions(in, "val")).size()), page);

                Path export = tmp.resolve("export");
                int code = new CommandLine(new DatasetExportCommand()).execute("--from-db", "--out",
                        export.toString(), "--splits", String.join(",", splits), "--jdbc-url", jdbc, "--user", pg.username(),
                        "--password-file", secretFile("db-password", pg.password()).toString());
                assertEquals(0, code);
                List<String> files;
                try (Stream<Path> s = Files.list(build)) {
                    files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
                }
                assertEquals(3 + 6 * splits.size(), files.size(), files.toString());
                for (String f : files) {
                    assertEquals(Files.readString(build.resolve(f)), Files.readString(export.resolve(f)),
                            f + ": the export differs from the batch build");
                }
                latency(prePort, expPort, world); // after the export: it adds a question to val
                // both compressed and decompressed lz4 record batches by now: with lz4-java's JNI library (NativeLz4)
                assertMapsNativeLz4(preprocessing);
                assertMapsNativeLz4(explanation);
            } finally {
                preprocessing.stop(Duration.ofSeconds(20));
                explanation.stop(Duration.ofSeconds(20));
            }
        }
    }

    /** End-to-end latency of one question: POST /api/questions → its record readable at the explanation service. */
    private static void latency(int prePort, int expPort, Path world) throws Exception {
        String body = Files.readString(questions(world, "val"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\{\\s*\"([^\"]+)\"").matcher(body);
        assertTrue(m.find(), "a val qid");
        String one = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get(m.group(1)).toString();
        String qid = "latency-" + m.group(1); // a new qid: the whole chain runs for it
        long t0 = System.nanoTime();
        HttpResponse<String> r = HTTP.send(ApiKeyFile.authorize(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + prePort + "/api/questions?split=val")), KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"" + qid + "\": " + one + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        String url = "http://localhost:" + expPort + "/api/explanations/" + qid;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!get(url).contains("\"qid\"")) {
            assertTrue(System.nanoTime() < deadline, "no record for " + qid);
            StackProcess.sleep(5);
        }
        System.out.printf("[issue 7 figures] one question end to end (REST in → record stored): %.0f ms%n",
                (System.nanoTime() - t0) / 1e6);
    }

    /**
     * The build's input: the synthetic world's train and val, plus the 19 real
     * GQA questions of the reference fixtures as splits {@code fxtrain}, {@code fxval} (real programs, scene graphs,
     * boxes, from rex-gqa's test fixture). Links, not copies.
     */
    private Path input(Path world, List<String> splits) throws IOException {
        Path in = tmp.resolve("in");
        for (String d : List.of("questions", "sceneGraphs", "boxes")) Files.createDirectories(in.resolve(d));
        for (String split : List.of("train", "val")) {
            Files.createSymbolicLink(questions(in, split), questions(world, split));
            Files.createSymbolicLink(in.resolve("sceneGraphs/" + split + "_sceneGraphs.json"),
                    world.resolve("sceneGraphs/" + split + "_sceneGraphs.json"));
        }
        linkAll(world.resolve("boxes"), in.resolve("boxes"));
        Path fixture = Fixtures.gqaRex();
        for (String split : List.of("train", "val")) {
            Files.createSymbolicLink(questions(in, "fx" + split),
                    fixture.resolve("question/" + split + "_balanced_questions.json"));
            Files.createSymbolicLink(in.resolve("sceneGraphs/fx" + split + "_sceneGraphs.json"),
                    fixture.resolve("sceneGraphs/" + split + "_sceneGraphs.json"));
            splits.add("fx" + split);
        }
        linkAll(fixture.resolve("boxes"), in.resolve("boxes"));
        return in;
    }

    private static void linkAll(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path link = to.resolve(f.getFileName().toString());
                if (!Files.exists(link)) Files.createSymbolicLink(link, f);
            }
        }
    }

    private static Path questions(Path world, String split) {
        return world.resolve("questions").resolve(split + "_balanced_questions.json");
    }

    private static Set<String> qids(Path file) {
        Set<String> out = new HashSet<>();
        try (QuestionReader r = new QuestionReader(file, false)) {
            r.forEachRemaining(e -> out.add(e.qid()));
        }
        return out;
    }

    /** The services' API key of this test (one per JVM), as 'rex up' hands one to its services. */
    private static final String KEY = java.util.HexFormat.of().formatHex(
            java.security.SecureRandom.getSeed(16)) + "-test-key";

    private Map<String, String> env(EmbeddedKafka kafka, EmbeddedPostgresServer pg, String db, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("REX_API_KEY", KEY);
        // the inputs are links into the temporary folder; the fixture's files they resolve to live in the repository
        env.put("REX_DATA_ROOTS", tmp + "," + Fixtures.gqaRex().toAbsolutePath());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", pg.jdbcUrl(db));
        env.put("QUARKUS_DATASOURCE_USERNAME", pg.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", pg.password());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        return env;
    }

    private Path keyFile() {
        return secretFile("api-key", KEY);
    }

    private Path secretFile(String name, String secret) {
        Path f = tmp.resolve(name);
        ApiKeyFile.writeSecret(f, secret);
        return f;
    }

    private StackProcess launch(Path root, StackService s, Map<String, String> env) throws IOException {
        Path log = tmp.resolve(s.name() + ".log");
        Files.createDirectories(tmp.resolve("jvm-tmp"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-Djava.io.tmpdir=" + tmp.resolve("jvm-tmp"), "-jar", s.jar(root).toString()));
        return StackProcess.start(s.name(), cmd, env, s.moduleDir(root), log);
    }

    private static void assertMapsNativeLz4(StackProcess p) throws IOException {
        String maps = Files.readString(Path.of("/proc", String.valueOf(p.pid()), "maps"));
        assertTrue(maps.contains("liblz4-java"), p.name() + " compresses Kafka record batches in Java, not with "
                + "lz4-java's JNI library");
    }

    private static void awaitUp(StackProcess p, int port) {
        StackHealth health = new StackHealth();
        await(() -> "UP".equals(health.status("http://localhost:" + port + "/q/health")), p.name() + " UP", p);
    }

    private static void await(Supplier<Boolean> condition, String what, StackProcess p) {
        long deadline = System.nanoTime() + UP.toNanos();
        while (!condition.get()) {
            if (!p.isAlive() && !what.contains("DONE")) {
                throw new AssertionError(p.name() + " exited while waiting for " + what + ":\n" + p.tail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + UP.toSeconds() + " s: " + what + "; last lines of " + p.name()
                        + ":\n" + p.tail(40));
            }
            StackProcess.sleep(50);
        }
    }

    private static String startImport(int port, Path world, String split) throws Exception {
        String body = "{\"questions\": \"" + questions(world, split) + "\", \"sceneGraphs\": \""
                + world.resolve("sceneGraphs").resolve(split + "_sceneGraphs.json") + "\", \"boxes\": \""
                + world.resolve("boxes") + "\", \"split\": \"" + split + "\"}";
        HttpResponse<String> r = HTTP.send(ApiKeyFile.authorize(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + port + "/api/imports")), KEY).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    private static boolean importDone(int port, String id) {
        String s = get("http://localhost:" + port + "/api/imports/" + id);
        if (s.contains("\"FAILED\"")) throw new AssertionError("import failed: " + s);
        return s.contains("\"state\":\"DONE\"");
    }

    private static String get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private static long count(String jdbc) {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM explanation.explanations")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return -1; // not migrated yet
        }
    }

    private static Set<String> storedQids(String jdbc) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT qid FROM explanation.explanations")) {
            while (rs.next()) assertTrue(out.add(rs.getString(1)), "duplicate " + rs.getString(1));
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
