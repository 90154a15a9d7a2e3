package dev.rex.gqa.build;

import dev.rex.gqa.dict.Dictionaries;
import dev.rex.gqa.finalize.Finalizer;
import dev.rex.gqa.ground.BoxSource;
import dev.rex.gqa.ground.Grounder;
import dev.rex.gqa.ground.NpyBoxDirectory;
import dev.rex.gqa.io.QidJsonWriter;
import dev.rex.gqa.io.QuestionEntry;
import dev.rex.gqa.io.SceneGraphIndex;
import dev.rex.gqa.model.GqaQuestion;
import dev.rex.gqa.model.SceneGraph;
import dev.rex.gqa.post.CorpusVocabulary;
import dev.rex.gqa.post.PostProcessor;
import dev.rex.gqa.post.TokenRewrite;
import dev.rex.gqa.program.ImageState;
import dev.rex.gqa.program.ProgramExecutor;
import dev.rex.gqa.semantics.AbstractStep;
import dev.rex.gqa.semantics.SemanticsAbstraction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Builds GQA-REX from GQA files, as the original chain does (process_semantics_exp → exp_generator →
 * post_processing → convert_explanation → finalize_exp → generate_dictionary), writing per split the files
 * {@code simplified_semantics_}, {@code raw_explanation_}, {@code processed_explanation_},
 * {@code grounded_explanation_}, {@code converted_explanation_} and {@code rejected_{split}.json}, then
 * {@code exp2idx.json}, {@code ans2idx.json} and {@code vocabulary.json} (both corpus vocabularies).
 *
 * <p>Three passes, because two stages are corpus-level: (1) read the questions streaming, abstract and run the
 * programs; (2) with the post-processing vocabulary of all splits, post-process and ground; (3) with the finalizing
 * vocabulary, finalize and build the dictionaries. Between passes the texts wait in temporary files, so memory does
 * not grow with the corpus (beyond the vocabularies and the images whose graph a gender comparison changed).
 * Work runs in chunks; with several threads a chunk's questions run in parallel, those of one image in file order
 * on one thread (the per-image gender state), and results are written and counted in file order.
 */
public final class DatasetBuilder {
    private static final int CHUNK = 4096;

    private final ProgramExecutor executor = new ProgramExecutor();

    public BuildReport build(BuildOptions o, BuildProgress progress) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(o.out());
        Map<String, List<Path>> questionFiles = new LinkedHashMap<>();
        Map<String, Path> graphFiles = new LinkedHashMap<>();
        for (String split : o.splits()) { // fail early, before any work, on a missing input
            questionFiles.put(split, QuestionFiles.questions(o.questions(), split, o.all()));
            graphFiles.put(split, QuestionFiles.sceneGraphs(o.sceneGraphs(), split));
        }
        if (!Files.isDirectory(o.boxes())) {
            throw new IllegalArgumentException("no directory " + o.boxes() + ": --boxes must hold <imageId>.npy files");
        }
        BuildReport report = new BuildReport();
        BoxSource boxes = new NpyBoxDirectory(o.boxes(), Math.max(64, o.graphCache()));
        ExecutorService pool = o.threads() > 1 ? Executors.newFixedThreadPool(o.threads(), r -> {
            Thread t = new Thread(r, "gqa-rex-build");
            t.setDaemon(true);
            return t;
        }) : null;
        Map<String, QidJsonWriter> rejected = new LinkedHashMap<>();
        Map<String, SceneGraphIndex> graphs = new LinkedHashMap<>();
        Map<String, Spool> spools = new LinkedHashMap<>();
        try {
            for (String split : o.splits()) {
                rejected.put(split, new QidJsonWriter(o.out().resolve("rejected_" + split + ".json")));
            }
            // pass 1: abstraction and program, the post-processing vocabulary
            CorpusVocabulary postVocabulary = new CorpusVocabulary();
            long wall = System.nanoTime();
            long cpu = Cpu.now();
            for (String split : o.splits()) {
                progress.update("indexing scene graphs " + split, 0, 0);
                SceneGraphIndex index = new SceneGraphIndex(graphFiles.get(split), o.graphCache());
                graphs.put(split, index);
                Spool spool = new Spool(Files.createTempFile(o.out(), ".raw-" + split, ".spool"), 4);
                spools.put(split, spool);
                programPass(o, split, questionFiles.get(split), index, spool, postVocabulary, rejected.get(split),
                        report.split(split), pool, progress);
            }
            report.pass("abstraction + program", wall, cpu);
            // pass 2: post-processing and grounding, the finalizing vocabulary
            wall = System.nanoTime();
            cpu = Cpu.now();
            PostProcessor post = new PostProcessor(TokenRewrite.fromVocabulary(postVocabulary));
            Grounder grounder = new Grounder(o.iou());
            CorpusVocabulary finalVocabulary = new CorpusVocabulary();
            Map<String, Spool> grounded = new LinkedHashMap<>();
            for (String split : o.splits()) {
                Spool next = new Spool(Files.createTempFile(o.out(), ".grounded-" + split, ".spool"), 3);
                grounded.put(split, next);
                spools.put(split + " grounded", next); // closed (and deleted) in any case by the finally below
                groundPass(o, split, spools.get(split), next, post, grounder, graphs.get(split), boxes,
                        finalVocabulary, rejected.get(split), report.split(split), pool, progress);
                spools.remove(split).close();
                graphs.remove(split).close();
            }
            for (String split : o.splits()) spools.remove(split + " grounded");
            spools.putAll(grounded);
            report.pass("post-processing + grounding", wall, cpu);
            wall = System.nanoTime();
            cpu = Cpu.now();
            // pass 3: finalizing and dictionaries
            Finalizer finalizer = new Finalizer(TokenRewrite.fromVocabulary(finalVocabulary));
            Dictionaries dictionaries = new Dictionaries();
            for (String split : o.splits()) {
                finalPass(o, split, spools.get(split), finalizer, dictionaries, report.split(split), progress);
            }
            report.pass("finalizing + dictionaries", wall, cpu);
            writeMap(o.out().resolve("exp2idx.json"), dictionaries.exp2idx());
            writeMap(o.out().resolve("ans2idx.json"), dictionaries.ans2idx());
            try (QidJsonWriter w = new QidJsonWriter(o.out().resolve("vocabulary.json"))) {
                w.strings("post_processing", postVocabulary.words());
                w.strings("finalizing", finalVocabulary.words());
            }
            report.vocabularyPost = postVocabulary.size();
            report.vocabularyFinal = finalVocabulary.size();
            report.expWords = dictionaries.exp2idx().size();
            report.answers = dictionaries.ans2idx().size();
        } finally {
            for (QidJsonWriter w : rejected.values()) w.close();
            for (Spool s : spools.values()) s.close();
            for (SceneGraphIndex g : graphs.values()) g.close();
            if (pool != null) pool.shutdownNow();
        }
        report.nanos = System.nanoTime() - start;
        return report;
    }

    private static void writeMap(Path file, Map<String, Integer> m) {
        try (QidJsonWriter w = new QidJsonWriter(file)) {
            m.forEach(w::integer);
        }
    }

    /** The outcome of stages 1–2 for one question. */
    private static final class ProgramResult {
        String qid;
        GqaQuestion question;
        List<AbstractStep> program;
        String raw;
        boolean direction;
        Rejection rejection;
    }

    private void programPass(BuildOptions o, String split, List<Path> files, SceneGraphIndex index, Spool spool,
                             CorpusVocabulary vocabulary, QidJsonWriter rejected, BuildReport.SplitCounts counts,
                             ExecutorService pool, BuildProgress progress) throws IOException {
        Map<String, ImageState> states = new HashMap<>(); // only images whose graph a question changed
        String phase = "program " + split;
        try (QidJsonWriter semantics = new QidJsonWriter(o.out().resolve("simplified_semantics_" + split + ".json"));
             QidJsonWriter raw = new QidJsonWriter(o.out().resolve("raw_explanation_" + split + ".json"))) {
            long totalBytes = 0;
            for (Path f : files) totalBytes += Files.size(f);
            // with threads, chunk k+1 runs its programs while chunk k is written (one chunk at a time runs, in
            // order, so the per-image state sees the questions in file order)
            ExecutorService ahead = pool == null ? null : Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "gqa-rex-programs");
                t.setDaemon(true);
                return t;
            });
            try (ChunkReader chunks = new ChunkReader(files, CHUNK, pool != null)) {
                List<QuestionEntry> first = chunks.next();
                Future<ProgramResult[]> pending = first.isEmpty() ? null : submit(ahead,
                        () -> runPrograms(o, first, index, states, pool));
                while (pending != null) {
                    ProgramResult[] results = await(pending);
                    List<QuestionEntry> chunk = chunks.next();
                    pending = chunk.isEmpty() ? null : submit(ahead, () -> runPrograms(o, chunk, index, states, pool));
                    for (ProgramResult r : results) {
                        counts.read++;
                        if (r.program != null) {
                            counts.semantics++;
                            semantics.program(r.qid, r.program);
                        }
                        if (r.rejection != null) {
                            reject(rejected, counts, r.rejection);
                        } else if (r.direction) {
                            counts.drop(DropReason.DIRECTION);
                        } else {
                            counts.raw++;
                            raw.string(r.qid, r.raw);
                            vocabulary.addPostProcessingText(r.raw);
                            spool.write(r.qid, r.question.imageId(), r.question.answer(), r.raw);
                        }
                    }
                    long read = chunks.bytesRead();
                    long estimate = read == 0 ? 0 : (long) ((double) counts.read * totalBytes / read);
                    progress.update(phase, counts.read, Math.max(estimate, counts.read));
                }
            } finally {
                if (ahead != null) ahead.shutdownNow();
            }
            progress.update(phase, counts.read, counts.read);
        }
    }

    private ProgramResult[] runPrograms(BuildOptions o, List<QuestionEntry> chunk, SceneGraphIndex index,
                                        Map<String, ImageState> states, ExecutorService pool) {
        ProgramResult[] results = new ProgramResult[chunk.size()];
        // questions of one image stay in file order on one thread: the gender state is per image
        Map<String, List<Integer>> byImage = pool == null ? null : new LinkedHashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            QuestionEntry e = chunk.get(i);
            ProgramResult r = new ProgramResult();
            r.qid = e.qid();
            results[i] = r;
            if (!e.valid()) {
                r.rejection = new Rejection(e.qid(), Stage.INPUT, RejectionCode.INVALID_QUESTION, e.problem());
                continue;
            }
            r.question = e.question();
            if (pool == null) { // one thread: file order is image order
                ImageState s = states.get(r.question.imageId());
                ImageState state = s != null ? s : ImageState.fresh();
                runProgram(o, r, index, state);
                if (s == null && state.changed()) states.put(r.question.imageId(), state);
            } else {
                byImage.computeIfAbsent(e.question().imageId(), k -> new ArrayList<>(4)).add(i);
            }
        }
        if (pool == null) return results;
        List<Callable<Void>> tasks = new ArrayList<>(byImage.size());
        Map<String, ImageState> chunkStates = new HashMap<>();
        for (Map.Entry<String, List<Integer>> g : byImage.entrySet()) {
            ImageState known = states.get(g.getKey());
            ImageState s = known != null ? known : ImageState.fresh();
            chunkStates.put(g.getKey(), s);
            tasks.add(() -> {
                for (int i : g.getValue()) runProgram(o, results[i], index, s);
                return null;
            });
        }
        runAll(tasks, pool);
        // keep, for the rest of the split, only the states a question changed
        chunkStates.forEach((imageId, s) -> {
            if (s.changed()) states.put(imageId, s);
        });
        return results;
    }

    private void runProgram(BuildOptions o, ProgramResult r, SceneGraphIndex index, ImageState state) {
        Stage stage = Stage.SEMANTICS;
        try {
            r.program = SemanticsAbstraction.abstractProgram(r.question.semantic());
            stage = Stage.PROGRAM;
            SceneGraph graph = index.get(r.question.imageId());
            String exp = executor.explain(r.program, graph, state,
                    () -> QuestionSeeds.forQuestion(o.seed(), r.qid));
            if (exp == null) r.direction = true;
            else r.raw = exp;
        } catch (RejectedException e) {
            r.rejection = new Rejection(r.qid, stage, e.code(), e.detail());
        } catch (RuntimeException e) { // a bug of ours must not stop the corpus either: record it loudly
            r.rejection = new Rejection(r.qid, stage, RejectionCode.INTERNAL_ERROR,
                    "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The outcome of stages 3–4 for one question. */
    private static final class GroundResult {
        String qid;
        String answer;
        DropReason drop;
        String processed;
        String grounded;
        Rejection rejection;
    }

    private void groundPass(BuildOptions o, String split, Spool in, Spool out, PostProcessor post, Grounder grounder,
                            SceneGraphIndex index, BoxSource boxes, CorpusVocabulary vocabulary,
                            QidJsonWriter rejected, BuildReport.SplitCounts counts, ExecutorService pool,
                            BuildProgress progress) throws IOException {
        String phase = "post-processing + grounding " + split;
        long total = in.count();
        long done = 0;
        try (Spool.Reader reader = in.reader();
             QidJsonWriter processed = new QidJsonWriter(o.out().resolve("processed_explanation_" + split + ".json"));
             QidJsonWriter groundedOut = new QidJsonWriter(o.out().resolve("grounded_explanation_" + split + ".json"))) {
            while (true) {
                List<String[]> chunk = new ArrayList<>(CHUNK);
                String[] rec;
                while (chunk.size() < CHUNK && (rec = reader.next()) != null) chunk.add(rec);
                if (chunk.isEmpty()) break;
                GroundResult[] results = new GroundResult[chunk.size()];
                List<Callable<Void>> tasks = slices(chunk.size(), o.threads(), pool, (from, to) -> {
                    for (int i = from; i < to; i++) results[i] = ground(chunk.get(i), post, grounder, index, boxes);
                });
                runAll(tasks, pool);
                for (GroundResult r : results) {
                    if (r.drop != null) {
                        counts.drop(r.drop);
                        continue;
                    }
                    if (r.processed != null) {
                        counts.processed++;
                        processed.string(r.qid, r.processed);
                    }
                    if (r.rejection != null) {
                        reject(rejected, counts, r.rejection);
                        continue;
                    }
                    counts.grounded++;
                    groundedOut.string(r.qid, r.grounded);
                    vocabulary.addFinalizingText(r.grounded);
                    out.write(r.qid, r.answer, r.grounded);
                }
                done += chunk.size();
                progress.update(phase, done, total);
            }
        }
    }

    private static GroundResult ground(String[] rec, PostProcessor post, Grounder grounder, SceneGraphIndex index,
                                       BoxSource boxes) {
        GroundResult r = new GroundResult();
        r.qid = rec[0];
        r.answer = rec[2];
        String raw = rec[3];
        r.drop = PostProcessor.dropReason(raw);
        if (r.drop != null) return r;
        Stage stage = Stage.POST_PROCESSING;
        try {
            r.processed = post.process(raw, r.answer);
            stage = Stage.GROUNDING;
            SceneGraph graph = index.get(rec[1]);
            r.grounded = grounder.ground(r.processed, graph, boxes.boxes(rec[1]));
        } catch (RejectedException e) {
            r.rejection = new Rejection(r.qid, stage, e.code(), e.detail());
        } catch (RuntimeException e) {
            r.rejection = new Rejection(r.qid, stage, RejectionCode.INTERNAL_ERROR,
                    "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return r;
    }

    private void finalPass(BuildOptions o, String split, Spool in, Finalizer finalizer, Dictionaries dictionaries,
                           BuildReport.SplitCounts counts, BuildProgress progress) throws IOException {
        String phase = "finalizing " + split;
        long total = in.count();
        long done = 0;
        try (Spool.Reader reader = in.reader();
             QidJsonWriter converted = new QidJsonWriter(o.out().resolve("converted_explanation_" + split + ".json"))) {
            String[] rec;
            while ((rec = reader.next()) != null) {
                if (Finalizer.dropped(rec[2])) {
                    counts.drop(DropReason.FINAL_ERROR);
                } else {
                    String text = finalizer.finalize(rec[2]);
                    counts.converted++;
                    converted.string(rec[0], text);
                    dictionaries.add(text, rec[1]);
                }
                if (++done % CHUNK == 0) progress.update(phase, done, total);
            }
            progress.update(phase, done, total);
        }
    }

    /** A range task. */
    private interface Slice {
        void run(int from, int to);
    }

    /** Splits {@code n} items into two tasks per thread (so that a slow slice does not leave a thread idle). */
    private static List<Callable<Void>> slices(int n, int threads, ExecutorService pool, Slice body) {
        int parts = pool == null ? 1 : Math.min(n, threads * 2);
        List<Callable<Void>> tasks = new ArrayList<>(parts);
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            tasks.add(() -> {
                body.run(from, to);
                return null;
            });
        }
        return tasks;
    }

    private static void reject(QidJsonWriter w, BuildReport.SplitCounts counts, Rejection r) {
        counts.reject(r.code());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("stage", r.stage().label());
        fields.put("code", r.code().name());
        fields.put("detail", r.detail());
        w.object(r.qid(), fields);
    }

    /** Runs {@code work} on {@code executor}, or right here when there is none. */
    private static <T> Future<T> submit(ExecutorService executor, Callable<T> work) {
        if (executor != null) return executor.submit(work);
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(work);
        task.run();
        return task;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("build interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        }
    }

    private static void runAll(List<Callable<Void>> tasks, ExecutorService pool) {
        if (pool == null) {
            for (Callable<Void> t : tasks) {
                try {
                    t.call();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return;
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("build interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
