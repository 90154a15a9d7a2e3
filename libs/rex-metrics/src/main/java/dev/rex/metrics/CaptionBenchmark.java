package dev.rex.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Throughput of the caption pipeline on generated pairs (for {@code rex bench metrics}): tokenization of both
 * sides, then BLEU, ROUGE-L and CIDEr on the tokenized strings, each timed on its own.
 */
public final class CaptionBenchmark {

    /**
     * Wall-clock seconds per stage for {@code pairs} pairs ({@code prepare} is the shared word/n-gram
     * indexing), and the process CPU seconds of each stage (all threads): on a machine shared with other work
     * the CPU time shows the cost independently of the load.
     */
    public record Timing(int pairs, int threads, double tokenize, double prepare, double bleu, double rouge,
                         double cider, double[] cpu) {
        public double total() {
            return tokenize + prepare + bleu + rouge + cider;
        }

        public double cpuTotal() {
            double t = 0;
            for (double c : cpu) {
                t += c;
            }
            return t;
        }
    }

    /** CPU seconds used so far by this process (all threads), or NaN when the JVM cannot tell. */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static final String[] OBJECTS = {"man", "woman", "dog", "cat", "car", "table", "chair", "horse",
            "shirt", "tree", "building", "sign", "plate", "pizza", "bus", "train", "kite", "umbrella", "giraffe",
            "clock", "fence", "helmet", "sidewalk", "window", "bench", "boat", "bird", "cup", "laptop", "bowl"};
    private static final String[] ATTRIBUTES = {"red", "blue", "white", "black", "green", "wooden", "metal",
            "large", "small", "young", "old", "tall", "brown", "yellow", "gray", "striped", "empty", "open"};
    private static final String[] RELATIONS = {"on", "near", "behind", "in front of", "to the left of",
            "to the right of", "under", "holding", "wearing", "next to", "above", "inside"};

    private CaptionBenchmark() {
    }

    /**
     * {@code n} pairs, deterministic for a seed: half GQA-REX-style explanations with {@code #k}/{@code @k}
     * regions, half captions with capitals, punctuation, quotes and contractions. The candidate is its
     * reference with some words changed, dropped or swapped, like a model's output.
     */
    public static Map<String, List<String>>[] generate(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Map<String, List<String>> gts = new LinkedHashMap<>();
        Map<String, List<String>> res = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String ref = i % 2 == 0 ? explanation(rnd) : caption(rnd);
            String qid = String.format("%08d", i);
            gts.put(qid, List.of(ref));
            res.put(qid, List.of(perturb(ref, rnd)));
        }
        @SuppressWarnings("unchecked")
        Map<String, List<String>>[] out = new Map[] {gts, res};
        return out;
    }

    public static Timing run(int n, int threads, long seed) {
        Map<String, List<String>>[] data = generate(n, seed);
        PtbTokenizer tokenizer = new PtbTokenizer(threads);
        double[] cpu = new double[5];
        double c0 = processCpuSeconds();
        long t0 = System.nanoTime();
        Map<String, List<String>> gts = tokenizer.tokenize(data[0]);
        Map<String, List<String>> resLists = tokenizer.tokenize(data[1]);
        long t1 = System.nanoTime();
        double c1 = processCpuSeconds();
        Map<String, String> res = new LinkedHashMap<>();
        resLists.forEach((q, l) -> res.put(q, l.get(0)));
        TokenizedPairs pairs = TokenizedPairs.of(gts, res);
        long t2 = System.nanoTime();
        double c2 = processCpuSeconds();
        new Bleu().score(pairs);
        long t3 = System.nanoTime();
        double c3 = processCpuSeconds();
        new RougeL().score(pairs);
        long t4 = System.nanoTime();
        double c4 = processCpuSeconds();
        new CiderD().score(pairs);
        long t5 = System.nanoTime();
        double c5 = processCpuSeconds();
        cpu[0] = c1 - c0;
        cpu[1] = c2 - c1;
        cpu[2] = c3 - c2;
        cpu[3] = c4 - c3;
        cpu[4] = c5 - c4;
        return new Timing(n, threads, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9,
                (t5 - t4) / 1e9, cpu);
    }

    private static String pick(String[] a, SplittableRandom r) {
        return a[r.nextInt(a.length)];
    }

    private static String explanation(SplittableRandom r) {
        String region = r.nextInt(5) == 0 ? "@" + (1 + r.nextInt(16)) : "#" + r.nextInt(36);
        String other = "#" + r.nextInt(36);
        return switch (r.nextInt(4)) {
            case 0 -> "the " + pick(OBJECTS, r) + " " + region + " is " + pick(ATTRIBUTES, r);
            case 1 -> "the " + pick(ATTRIBUTES, r) + " " + pick(OBJECTS, r) + " " + region + " is "
                    + pick(RELATIONS, r) + " the " + pick(OBJECTS, r) + " " + other;
            case 2 -> "there is no " + pick(OBJECTS, r) + " " + pick(RELATIONS, r) + " the " + pick(OBJECTS, r)
                    + " " + region;
            default -> "both the " + pick(OBJECTS, r) + " " + region + " and the " + pick(OBJECTS, r) + " " + other
                    + " are " + pick(ATTRIBUTES, r) + ", so they have the same color";
        };
    }

    private static String caption(SplittableRandom r) {
        String a = pick(ATTRIBUTES, r);
        String o = pick(OBJECTS, r);
        return switch (r.nextInt(4)) {
            case 0 -> "A " + a + " " + o + " " + pick(RELATIONS, r) + " a " + pick(OBJECTS, r) + ".";
            case 1 -> "Two " + o + "s are standing " + pick(RELATIONS, r) + " the " + pick(OBJECTS, r) + "'s "
                    + pick(OBJECTS, r) + "!";
            case 2 -> "It isn't a \"" + a.toUpperCase() + "\" " + o + " (or is it?)";
            default -> "The " + o + ", " + a + " and " + pick(ATTRIBUTES, r) + ", sits " + pick(RELATIONS, r)
                    + " the " + pick(OBJECTS, r) + " -- near a " + pick(OBJECTS, r) + ".";
        };
    }

    private static String perturb(String ref, SplittableRandom r) {
        List<String> words = new ArrayList<>(List.of(ref.split(" ")));
        int edits = r.nextInt(4);
        for (int e = 0; e < edits && words.size() > 1; e++) {
            int at = r.nextInt(words.size());
            switch (r.nextInt(3)) {
                case 0 -> words.set(at, r.nextBoolean() ? pick(OBJECTS, r) : pick(ATTRIBUTES, r));
                case 1 -> words.remove(at);
                default -> {
                    int to = r.nextInt(words.size());
                    String w = words.get(at);
                    words.set(at, words.get(to));
                    words.set(to, w);
                }
            }
        }
        return String.join(" ", words);
    }
}
