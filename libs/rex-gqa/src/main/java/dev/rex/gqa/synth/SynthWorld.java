package dev.rex.gqa.synth;

import dev.rex.gqa.features.FeatureStoreIndex;
import dev.rex.gqa.features.FeatureStoreWriter;
import dev.rex.gqa.features.ImageSize;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * {@code rex dataset synth}: a deterministic synthetic GQA world — same options, same bytes. Images are split
 * 80/10/10 into train, val and testdev (at least one each). Within a split, questions cycle through the thirteen
 * operation families, so every family occurs in every split as soon as the split has thirteen questions; an
 * image that cannot support a family gets the next one.
 */
public final class SynthWorld {
    public static final List<String> SPLITS = List.of("train", "val", "testdev");
    private static final List<String> OUTPUTS = List.of("questions", "sceneGraphs", "boxes", "features",
            FeatureStoreIndex.FILE_NAME);

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
                        QuestionGenerator qg = new QuestionGenerator(scene, new SplittableRandom(mix(base, 1)));
                        List<SynthQuestion> qs = new ArrayList<>();
                        for (int j = 0; j < o.questionsPerImage(); j++) {
                            SynthQuestion q = null;
                            for (int t = 0; t < order.length && q == null; t++) {
                                q = qg.generate(order[(cursor + t) % order.length]);
                            }
                            cursor++;
                            if (q != null) qs.add(q);
                        }
                        w.scene(scene);
                        for (SynthQuestion q : qs) {
                            w.question(String.format("%08d", qid++), imageId, q);
                            nq++;
                            q.semantic().stream().map(st -> OperationFamily.of(st.operation())).distinct()
                                    .forEach(f -> fam.merge(f, 1, Integer::sum));
                        }
                        RegionGenerator.Regions reg = regions.make(scene, new SplittableRandom(mix(base, 2)));
                        store.put(imageId, new ImageSize(scene.width, scene.height), reg.boxes(), reg.features());
                        if (progress != null) progress.update(image + 1, o.images());
                    }
                }
                images.put(split, counts[sp]);
                questions.put(split, nq);
                families.put(split, fam);
            }
        }
        return new Summary(images, questions, families);
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
            for (Path p : present) deleteTree(p);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
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
