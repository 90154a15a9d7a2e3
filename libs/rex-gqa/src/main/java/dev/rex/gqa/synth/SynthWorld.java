package dev.rex.gqa.synth;

import dev.rex.gqa.io.FileTrees;
import dev.rex.gqa.features.FeatureStoreIndex;
import dev.rex.gqa.features.FeatureStoreWriter;
import dev.rex.gqa.features.ImageSize;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * {@code rex dataset synth}: a deterministic synthetic GQA world — same options, same bytes. Images are split
 * 80/10/10 into train, val and testdev (at least one each). Within a split, questions cycle through the thirteen
 * operation families, so every family occurs in every split as soon as the split has thirteen questions; an
 * image that cannot support a family gets the next one. The world also holds its own attribute-recall tables
 * ({@code rex-eval/}) and GQA-OOD splits ({@code ood/}), see {@link SynthEvalTables}.
 */
public final class SynthWorld {
    public static final List<String> SPLITS = List.of("train", "val", "testdev");
    private static final List<String> OUTPUTS = List.of("questions", "sceneGraphs", "boxes", "features",
            FeatureStoreIndex.FILE_NAME, "rex-eval", "ood");

    public record Options(int images, int questionsPerImage, long seed, Path out, boolean overwrite) {
        public Options {
            if (images < 3) {
                throw new IllegalArgumentException("--images must be at least 3 (one image per split), got " + images);
            }
            if (questionsPerImage < 1) {
                throw new IllegalArgumentException("--questions-per-image must be at least 1, got " + questionsPerImage);
            }
        }
    }

    /** Progress callback: images done of total. */
    public interface Progress {
        void update(int imagesDone, int imagesTotal);
    }

    /** What was written: images and questions per split, and questions per split per operation family. */
    public record Summary(Map<String, Integer> images, Map<String, Integer> questions,
                          Map<String, Map<OperationFamily, Integer>> familyCounts) {
        public int totalQuestions() {
            return questions.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private SynthWorld() {
    }

    public static Summary generate(Options o, Progress progress) throws IOException {
        prepare(o.out(), o.overwrite());
        int nVal = Math.max(1, (int) Math.round(o.images() * 0.1));
        int nTest = Math.max(1, (int) Math.round(o.images() * 0.1));
        int nTrain = o.images() - nVal - nTest;
        int[] counts = {nTrain, nVal, nTest};
        RegionGenerator regions = new RegionGenerator(o.seed());
        Map<String, Integer> images = new LinkedHashMap<>();
        Map<String, Integer> questions = new LinkedHashMap<>();
        Map<String, Map<OperationFamily, Integer>> families = new LinkedHashMap<>();
        OperationFamily[] order = OperationFamily.values();
        int image = 0;
        long qid = 0;
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "synth-regions");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<PendingImage> pending = new ArrayDeque<>();
        SynthEvalTables tables = new SynthEvalTables();
        int[] done = {0};
        try (FeatureStoreWriter store = new FeatureStoreWriter(o.out())) {
            for (int sp = 0; sp < SPLITS.size(); sp++) {
                String split = SPLITS.get(sp);
                Map<OperationFamily, Integer> fam = new EnumMap<>(OperationFamily.class);
                for (OperationFamily f : order) fam.put(f, 0);
                int nq = 0;
                int cursor = 0;
                try (SynthWriter w = new SynthWriter(o.out(), split)) {
                    for (int k = 0; k < counts[sp]; k++, image++) {
                        long base = mix(o.seed(), image);
                        String imageId = Long.toString(2_000_000L + image);
                        SynthScene scene = SceneGenerator.generate(new SplittableRandom(base), imageId,
                                1_000_000_000L + 64L * image);
                        List<SynthQuestion> qs = questions(scene, new SplittableRandom(mix(base, 1)),
                                o.questionsPerImage(), cursor);
                        cursor += o.questionsPerImage();
                        w.scene(scene);
                        for (SynthQuestion q : qs) {
                            String id = String.format("%08d", qid++);
                            w.question(id, imageId, q);
                            tables.add(split, id, q);
                            nq++;
                            q.semantic().stream().map(st -> OperationFamily.of(st.operation())).distinct()
                                    .forEach(f -> fam.merge(f, 1, Integer::sum));
                        }
                        // regions and features (most of the work) on the pool; the index in image order
                        SplittableRandom regionRandom = new SplittableRandom(mix(base, 2));
                        Future<?> written = pool.submit(() -> {
                            RegionGenerator.Regions reg = regions.make(scene, regionRandom);
                            store.writeArrays(imageId, reg.boxes(), reg.features());
                            return null;
                        });
                        pending.add(new PendingImage(imageId, new ImageSize(scene.width, scene.height), written));
                        while (pending.size() > 2 * threads) settle(pending.poll(), store, progress, o.images(), done);
                    }
                }
                while (!pending.isEmpty()) settle(pending.poll(), store, progress, o.images(), done);
                images.put(split, counts[sp]);
                questions.put(split, nq);
                families.put(split, fam);
            }
        } finally {
            pool.shutdownNow();
        }
        tables.write(o.out());
        return new Summary(images, questions, families);
    }

    /**
     * K questions about a scene; question j targets family {@code (cursor + j) mod 13}, or the next family the
     * scene supports, so that each split cycles through all families.
     */
    private static List<SynthQuestion> questions(SynthScene scene, SplittableRandom r, int k, int cursor) {
        OperationFamily[] order = OperationFamily.values();
        QuestionGenerator qg = new QuestionGenerator(scene, r);
        List<SynthQuestion> qs = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            SynthQuestion q = null;
            for (int t = 0; t < order.length && q == null; t++) {
                q = qg.generate(order[(cursor + j + t) % order.length]);
            }
            if (q != null) qs.add(q);
        }
        return qs;
    }

    private record PendingImage(String imageId, ImageSize size, Future<?> written) {
    }

    /** Waits for an image's arrays, then indexes it: the index lists images in generation order. */
    private static void settle(PendingImage p, FeatureStoreWriter store, Progress progress, int total, int[] done)
            throws IOException {
        try {
            p.written().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("synthesis interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IOException(e.getCause());
        }
        store.index(p.imageId(), p.size());
        if (progress != null) progress.update(++done[0], total);
    }

    /** Refuses to mix two worlds: the output must be new, empty, or (with overwrite) a previous synthetic world. */
    private static void prepare(Path out, boolean overwrite) throws IOException {
        if (!Files.exists(out)) return;
        if (!Files.isDirectory(out)) throw new IllegalArgumentException("--out " + out + " is a file, not a directory");
        try (Stream<Path> entries = Files.list(out)) {
            List<Path> present = entries.toList();
            if (present.isEmpty()) return;
            boolean onlyOurs = present.stream().allMatch(p -> OUTPUTS.contains(p.getFileName().toString()));
            if (!overwrite || !onlyOurs) {
                throw new IllegalArgumentException("--out " + out + " is not empty; choose a new directory"
                        + (onlyOurs ? " or pass --overwrite to replace the synthetic world there" : ""));
            }
            for (Path p : present) FileTrees.deleteTree(p);
        }
    }

    /** SplitMix64-style mixing so that neighbouring images get unrelated random streams. */
    static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
