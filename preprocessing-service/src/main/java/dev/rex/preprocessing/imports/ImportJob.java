package dev.rex.preprocessing.imports;

import dev.rex.events.EventIds;
import dev.rex.gqa.io.QuestionEntry;
import dev.rex.gqa.io.QuestionReader;
import dev.rex.preprocessing.gqa.GqaEvents;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * One bulk import: streams a GQA question file (never whole in memory) into {@code rex.questions}, in file order,
 * all under one correlation id. Records the reader finds invalid (a missing or mistyped field, named with its qid)
 * are counted and listed, not published. Progress is read concurrently by {@code GET /api/imports/{id}}.
 */
public final class ImportJob implements Runnable {
    /** What {@code GET /api/imports/{id}} shows. */
    public record Status(String id, String split, String questions, String sceneGraphs, String boxes,
                         String correlationId, String state, long read, long published, long invalid,
                         List<String> problems, long bytesRead, long fileSize, Instant startedAt, Instant finishedAt,
                         Double questionsPerSecond, String error, int resumed) {
    }

    public static final String QUEUED = "QUEUED";
    public static final String INDEXING = "INDEXING_SCENE_GRAPHS";
    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    /** How often a running import records its progress. */
    private static final long SAVE_EVERY_NANOS = 2_000_000_000L;

    private static final int MAX_PROBLEMS = 50;

    private final String id;
    private final ImportRequest request;
    private final Runnable registerSources;
    private final WindowedPublisher publisher;
    private final String correlationId;
    private final int resumed;
    /** Questions of the file the broker acknowledged before a restart: a resumed import does not send them again. */
    private final long alreadyPublished;
    private long skipped;
    private final Consumer<Status> recorder;
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private volatile String state = QUEUED;
    private volatile long read;
    private volatile long invalid;
    private volatile long bytesRead;
    private volatile long fileSize;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;

    /**
     * @param correlationId the import's correlation id (a resumed import keeps the one it was accepted with)
     * @param resumed       0 for a new import, else how many times it was resumed after a restart
     * @param alreadyPublished how many of the file's questions (in file order) were acknowledged before a restart:
     *                      they are read again but not re-published (at most the last few seconds' worth are)
     * @param recorder      receives the status at each state change and every few seconds while running (to persist it)
     */
    ImportJob(String id, ImportRequest request, String correlationId, int resumed, long alreadyPublished,
              Runnable registerSources, WindowedPublisher publisher, Consumer<Status> recorder) {
        this.alreadyPublished = alreadyPublished;
        this.id = id;
        this.request = request;
        this.correlationId = correlationId;
        this.resumed = resumed;
        this.registerSources = registerSources;
        this.publisher = publisher;
        this.recorder = recorder;
    }

    static String newCorrelationId() {
        return "import-" + EventIds.newId();
    }

    private void state(String s) {
        state = s;
        recorder.accept(status());
    }

    public String id() {
        return id;
    }

    @Override
    public void run() {
        startedAt = Instant.now();
        try {
            state(INDEXING);
            registerSources.run();
            state(RUNNING);
            long lastSave = System.nanoTime();
            try (QuestionReader reader = new QuestionReader(Path.of(request.questions()), true)) {
                fileSize = reader.fileSize();
                while (reader.hasNext()) {
                    if (System.nanoTime() - lastSave > SAVE_EVERY_NANOS) {
                        recorder.accept(status());
                        lastSave = System.nanoTime();
                    }
                    QuestionEntry e = reader.next();
                    read++;
                    if (e.valid()) {
                        try {
                            var question = GqaEvents.question(e.question(), request.split(), correlationId);
                            if (skipped < alreadyPublished) {
                                skipped++; // acknowledged before the restart: downstream has it
                            } else {
                                publisher.send(question);
                            }
                        } catch (IllegalArgumentException bad) { // a field the event contract refuses (e.g. blank)
                            invalid(e.qid(), bad.getMessage());
                        }
                    } else {
                        invalid(e.qid(), e.problem());
                    }
                    bytesRead = reader.bytesRead();
                }
                publisher.flush();
                bytesRead = fileSize;
            }
            finishedAt = Instant.now();
            state(DONE);
        } catch (RuntimeException e) {
            error = e.getMessage();
            finishedAt = Instant.now();
            state(FAILED);
        }
    }

    private void invalid(String qid, String problem) {
        invalid++;
        if (problems.size() < MAX_PROBLEMS) problems.add("qid " + qid + ": " + problem);
    }

    public Status status() {
        Instant end = finishedAt != null ? finishedAt : Instant.now();
        long published = skipped + publisher.acknowledged();
        Double rate = startedAt == null ? null
                : published / Math.max(1e-3, (end.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0);
        return new Status(id, request.split(), request.questions(), request.sceneGraphs(), request.boxes(),
                correlationId, state, read, published, invalid, List.copyOf(problems), bytesRead, fileSize, startedAt,
                finishedAt, rate, error, resumed);
    }
}
