package dev.rex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rex.embedded.TempDirs;
import dev.rex.gqa.bench.ReplicatedCorpus;
import dev.rex.gqa.build.BuildOptions;
import dev.rex.gqa.build.BuildReport;
import dev.rex.gqa.build.DatasetBuilder;
import dev.rex.gqa.ground.IouMode;
import dev.rex.gqa.io.QuestionReader;
import dev.rex.gqa.synth.SynthWorld;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code rex bench ingest}: GQA-REX through the services. A synthetic world replicated to N questions is built with
 * the batch chain ({@code rex dataset build}, timed), then a stack of the preprocessing and explanation services
 * (on shifted ports) imports it over {@code POST /api/imports}; the clock runs from the first import request to the
 * last question's event on {@code rex.explanations} (each is stored before it is published). Then every question
 * is looked for in the database and on the topic, the database is exported and compared with the batch build.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Measure GQA-REX through the services against the batch build on the same questions.",
                "Imports N synthetic questions into a stack of the preprocessing and explanation services, wait until each is stored and published, and compare the "
                + "export with 'rex dataset build' on the same questions.",
                "Last line: ingest: N questions, X q/s through the services, Y q/s batch build, lost L, "
                        + "duplicated D, identical F/T files"})
public final class BenchIngestCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration STALL = Duration.ofSeconds(90);
    static final String WARM_UP_SPLIT = "warmup";
    /** A split the preprocessing service routes to inference by default (rex.preprocessing.inference-splits). */
    static final String WARM_UP_INFERENCE_SPLIT = "stream";

    @Option(names = "--questions", paramLabel = "N", defaultValue = "20000",
            description = "questions to import (default: ${DEFAULT-VALUE})")
    int questions;

    @Option(names = "--replicas", paramLabel = "SERVICE=N",
            description = "processes of a service, e.g. explanation=2 (they share the topic's "
                    + StackTopics.PARTITIONS + " partitions; default 1 each)")
    Map<String, Integer> replicas = new LinkedHashMap<>();

    @Option(names = "--port-offset", paramLabel = "N", defaultValue = "1000",
            description = "the services listen on their usual ports + N (default: ${DEFAULT-VALUE}: 9081, 9082)")
    int portOffset;

    @Option(names = "--image-state", paramLabel = "kept|fresh", defaultValue = "kept",
            description = "the explanation service's rex.explanation.image-state (default: ${DEFAULT-VALUE}; "
                    + "fresh differs from the batch build where a gender comparison precedes another question)")
    String imageState;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "30000",
            description = "questions imported first (splits '" + WARM_UP_SPLIT + "' and '" + WARM_UP_INFERENCE_SPLIT
                    + "', other qids, not exported) and "
                    + "waited for before the clock starts, so the services are measured warm, as they run for "
                    + "long; 0 measures them cold (default: ${DEFAULT-VALUE})")
    int warmUp;

    @Option(names = "--work", paramLabel = "DIR",
            description = "keep the corpus, the build and the export here (default: a temporary folder, removed)")
    Path work;

    @Override
    public Integer call() throws Exception {
        if (questions < 10 || questions > 2_000_000) {
            throw new IllegalArgumentException("--questions must be between 10 and 2000000, was " + questions);
        }
        if (warmUp < 0 || warmUp > 2_000_000) {
            throw new IllegalArgumentException("--warm-up must be between 0 and 2000000, was " + warmUp);
        }
        if (!List.of("kept", "fresh").contains(imageState)) {
            throw new IllegalArgumentException("--image-state must be kept or fresh, was '" + imageState + "'");
        }
        for (String s : replicas.keySet()) {
            if (!List.of("preprocessing", "explanation").contains(StackService.named(s).name())) {
                throw new IllegalArgumentException("--replicas " + s + ": only preprocessing and explanation run here");
            }
        }
        Path root = UpCommand.repositoryRoot();
        Stack stack = new Stack(root, List.of(StackService.named("preprocessing"), StackService.named("explanation")),
                Duration.ofSeconds(300), System.err).withPortOffset(portOffset);
        replicas.forEach(stack::withReplicas);
        boolean temporary = work == null;
        Path dir = temporary ? Files.createTempDirectory("rex-bench-ingest") : Files.createDirectories(work);
        try {
            return run(stack, dir);
        } finally {
            stack.close();
            if (temporary) TempDirs.deleteTree(dir);
        }
    }

    private int run(Stack stack, Path dir) throws Exception {
        Path corpus = corpus(dir);
        Set<String> qids = new HashSet<>();
        for (String split : SynthWorld.SPLITS) {
            try (QuestionReader r = new QuestionReader(corpus.resolve("question/" + split + "_balanced_questions.json"), false)) {
                r.forEachRemaining(e -> qids.add(e.qid()));
            }
        }
        Path build = dir.resolve("build");
        BuildReport batch = new DatasetBuilder().build(new BuildOptions(corpus.resolve("question"),
                corpus.resolve("sceneGraphs"), dir.resolve("world/boxes"), build, SynthWorld.SPLITS, false,
                IouMode.REFERENCE, 0L, 1, 4096), (phase, done, total) -> { });
        double batchRate = batch.totalRead() / batch.seconds();
        System.out.printf(Locale.ROOT, "batch build (rex dataset build, 1 thread): %d questions in %.2f s, %.0f q/s%n",
                batch.totalRead(), batch.seconds(), batchRate);

        stack.withServiceEnvironment(Map.of("REX_EXPLANATION_BUILD_DIR", build.toString(),
                "REX_EXPLANATION_IMAGE_STATE", imageState,
                // the imports name files of the bench's own folder, which the services must be allowed to read
                "REX_DATA_ROOTS", dir.toRealPath().toString()));
        stack.start();
        System.out.printf(Locale.ROOT, "stack UP in %.1f s (%s)%n", stack.startedIn().toMillis() / 1000.0,
                stack.pids().keySet());
        String pre = stack.url("preprocessing");
        String key = ApiKeyFile.read(stack.apiKeyFile(), "the stack's API key");
        if (warmUp > 0) warmUp(stack, pre, key, corpus, dir);
        Map<String, Double> cpu0 = IngestCpu.sample(stack.pids());
        long t0;
        try (IngestWatch watch = new IngestWatch(stack.kafkaBootstrapServers(), qids);
             ProgressBar bar = new ProgressBar("stored and published", qids.size())) {
            t0 = System.nanoTime();
            for (String split : SynthWorld.SPLITS) {
                startImport(pre, key, corpus.resolve("question/" + split + "_balanced_questions.json"),
                        corpus.resolve("sceneGraphs/" + split + "_sceneGraphs.json"), dir.resolve("world/boxes"), split);
            }
            if (!await(watch, bar)) System.out.println("no new explanation for " + STALL.toSeconds()
                    + " s: stopping the wait; logs in " + stack.runDir());
            double seconds = (watch.lastArrival() - t0) / 1e9;
            double rate = watch.distinct() / seconds;
            Map<String, Double> cpu = IngestCpu.since(cpu0, IngestCpu.sample(stack.pids()));
            imports(pre);
            System.out.printf(Locale.ROOT, "through the services: %d questions in %.2f s, %.0f q/s; CPU seconds "
                    + "meanwhile: %s%n", watch.distinct(), seconds, rate, IngestCpu.format(cpu));

            String jdbc = stack.jdbcUrl(StackService.named("explanation"));
            Set<String> stored = storedQids(jdbc, stack.dbUser(), stack.dbPassword());
            long lost = qids.stream().filter(q -> !stored.contains(q) || !watch.seen(q)).count();
            Path export = dir.resolve("export");
            Path passwordFile = stack.runDir().resolve("db-password");
            ApiKeyFile.writeSecret(passwordFile, stack.dbPassword());
            int code = new CommandLine(new DatasetExportCommand()).execute("--from-db", "--out", export.toString(),
                    "--jdbc-url", jdbc, "--user", stack.dbUser(), "--password-file", passwordFile.toString(), "--splits",
                    String.join(",", SynthWorld.SPLITS));
            if (code != 0) throw new IllegalStateException("the export failed (exit " + code + ")");
            ExportComparison same = ExportComparison.of(build, export);
            if (!same.differ().isEmpty()) System.out.println(same);
            System.out.printf(Locale.ROOT, "ingest: %d questions, %.0f q/s through the services, %.0f q/s batch build, "
                    + "lost %d, duplicated %d, identical %d/%d files%n", qids.size(), rate, batchRate, lost,
                    watch.duplicates(), same.identical(), same.total());
            return lost == 0 && watch.duplicates() == 0 && same.differ().isEmpty() ? 0 : 1;
        }
    }

    /**
     * Imports --warm-up questions (the measured corpus's questions under other qids) and waits until each was
     * published: the JIT compilers have then compiled the services' hot paths, which on a fresh JVM costs more CPU
     * than thousands of questions. The train questions go in as split {@link #WARM_UP_SPLIT} and the val ones as split
     * {@link #WARM_UP_INFERENCE_SPLIT}, which the preprocessing service also routes to inference as it does val and
     * testdev: every path the measured questions take is then warm. Prints the warm-up's own (cold) rate.
     */
    private void warmUp(Stack stack, String pre, String key, Path corpus, Path dir) throws Exception {
        Path warm = dir.resolve("warm-up");
        // one corpus split per service split: an import registers its scene graphs for its split
        Map<String, String> imports = new LinkedHashMap<>(); // corpus split -> split the services see
        imports.put("train", WARM_UP_SPLIT);
        imports.put("val", WARM_UP_INFERENCE_SPLIT);
        ReplicatedCorpus.write(corpus, warm, List.copyOf(imports.keySet()), warmUp);
        Set<String> warmQids = new HashSet<>();
        for (String split : imports.keySet()) {
            try (QuestionReader r = new QuestionReader(warm.resolve("question/" + split + "_balanced_questions.json"), false)) {
                r.forEachRemaining(e -> warmQids.add(e.qid()));
            }
        }
        Map<String, Double> cpu0 = IngestCpu.sample(stack.pids());
        try (IngestWatch watch = new IngestWatch(stack.kafkaBootstrapServers(), warmQids);
             ProgressBar bar = new ProgressBar("warm-up", warmQids.size())) {
            long t0 = System.nanoTime();
            for (Map.Entry<String, String> i : imports.entrySet()) {
                startImport(pre, key, warm.resolve("question/" + i.getKey() + "_balanced_questions.json"),
                        corpus.resolve("sceneGraphs/" + i.getKey() + "_sceneGraphs.json"), dir.resolve("world/boxes"),
                        i.getValue());
            }
            boolean complete = await(watch, bar);
            double seconds = (watch.lastArrival() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "warm-up (not counted): %d questions in %.2f s, %.0f q/s cold; CPU seconds "
                    + "meanwhile: %s%n", watch.distinct(), seconds, watch.distinct() / seconds,
                    IngestCpu.format(IngestCpu.since(cpu0, IngestCpu.sample(stack.pids()))));
            if (!complete) throw new IllegalStateException("the warm-up stalled; logs in " + stack.runDir());
        }
    }

    /** Polls until every expected qid arrived (true) or nothing new came for {@link #STALL} (false). */
    private static boolean await(IngestWatch watch, ProgressBar bar) {
        long lastProgress = System.nanoTime();
        int got = 0;
        int expected = watch.expected();
        while (got < expected) {
            int now = watch.poll();
            if (now > got) lastProgress = System.nanoTime();
            got = now;
            bar.update(got, "on rex.explanations");
            if (System.nanoTime() - lastProgress > STALL.toNanos()) return false;
        }
        return true;
    }

    /** A synthetic world (200 images x 10 questions at most) replicated with new qids to --questions. */
    private Path corpus(Path dir) throws Exception {
        int images = Math.max(3, Math.min(200, (questions + 9) / 10));
        Path world = dir.resolve("world");
        SynthWorld.generate(new SynthWorld.Options(images, 10, 7L, world, true), (d, t) -> { });
        Path source = Files.createDirectories(dir.resolve("source"));
        Files.createSymbolicLink(source.resolve("question"), world.resolve("questions"));
        Files.createSymbolicLink(source.resolve("sceneGraphs"), world.resolve("sceneGraphs"));
        Path corpus = dir.resolve("corpus");
        ReplicatedCorpus.write(source, corpus, SynthWorld.SPLITS, questions);
        return corpus;
    }

    private static void startImport(String url, String key, Path questions, Path sceneGraphs, Path boxes, String split)
            throws Exception {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("questions", questions.toString());
        body.put("sceneGraphs", sceneGraphs.toString());
        body.put("boxes", boxes.toString());
        body.put("split", split);
        HttpResponse<String> r = HTTP.send(ApiKeyFile.authorize(HttpRequest.newBuilder(URI.create(url + "/api/imports")), key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 202) {
            throw new IllegalStateException("POST /api/imports for " + split + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    /** The imports' own figures: how fast each split was read and published to rex.questions. */
    private static void imports(String url) throws Exception {
        JsonNode all = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/imports")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode i : all) {
            System.out.printf(Locale.ROOT, "import %s: %s, %d published to rex.questions at %.0f q/s%n",
                    i.path("split").asText(), i.path("state").asText(), i.path("published").asLong(),
                    i.path("questionsPerSecond").asDouble());
        }
    }

    private static Set<String> storedQids(String jdbc, String user, String password) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = DriverManager.getConnection(jdbc, user, password); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT qid FROM explanation.explanations")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }
}
