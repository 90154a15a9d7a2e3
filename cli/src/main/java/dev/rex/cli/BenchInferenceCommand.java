package dev.rex.cli;

import dev.rex.model.RexCheckpoint;
import dev.rex.model.RexModel;
import dev.rex.model.infer.Question;
import dev.rex.model.infer.QuestionAnswerer;
import dev.rex.model.infer.UntrainedCheckpoint;
import dev.rex.model.train.TorchThreads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code rex bench inference}: questions answered per second by {@link QuestionAnswerer} — text encoding, the
 * evaluation forward pass and greedy decoding with grounded regions, what each inference-service worker does per
 * request — for a grid of batch sizes and worker threads (each worker its own answerer over the shared weights).
 */
@Command(name = "inference", mixinStandardHelpOptions = true,
        description = {"Time the inference path in questions/s for batch sizes x worker threads.",
                "Questions/s of the inference path (encode, forward, decode with grounded regions) for batch "
                + "sizes x worker threads, each worker with its own predictor over shared weights, as the "
                + "inference service runs it. Without --checkpoint, untrained checkpoints of the given presets are "
                + "timed (the cost does not depend on the weights)."})
public final class BenchInferenceCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", paramLabel = "DIR", description = "a trained checkpoint (default: untrained presets)")
    Path checkpoint;

    @Option(names = "--sizes", split = ",", defaultValue = "tiny,small", paramLabel = "tiny|small|base",
            description = "presets when no checkpoint is given (default: ${DEFAULT-VALUE})")
    List<String> sizes;

    @Option(names = "--batch", split = ",", defaultValue = "1,8,32", description = "batch sizes (default: ${DEFAULT-VALUE})")
    List<Integer> batches;

    @Option(names = "--workers", split = ",", defaultValue = "1,2", description = "worker threads (default: ${DEFAULT-VALUE})")
    List<Integer> workers;

    @Option(names = "--questions", defaultValue = "256", description = "questions per measurement (default: ${DEFAULT-VALUE})")
    int questions;

    @Option(names = "--torch-threads", defaultValue = "1",
            description = "libtorch intra-op threads per process (default: ${DEFAULT-VALUE}; parallelism comes from workers)")
    int torchThreads;

    @Override
    public Integer call() throws Exception {
        if (questions < 1) throw new IllegalArgumentException("--questions must be at least 1");
        TorchThreads.set(torchThreads);
        List<Question> pool = questions(questions);
        System.out.printf(Locale.ROOT, "%d questions per measurement, libtorch threads %d, %d processors%n", questions,
                torchThreads, Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%-10s %6s %8s %12s %14s%n", "model", "batch", "workers", "questions/s",
                "ms per batch");
        if (checkpoint != null) {
            if (!Files.isRegularFile(checkpoint.resolve("model.safetensors"))) {
                throw new IllegalArgumentException("--checkpoint " + checkpoint + " has no model.safetensors");
            }
            try (RexModel model = RexCheckpoint.load(checkpoint)) {
                grid(checkpoint.getFileName().toString(), model, pool);
            }
            return 0;
        }
        Path tmp = Files.createTempDirectory("rex-bench-inference");
        try {
            for (String size : sizes) {
                Path dir = tmp.resolve(size);
                UntrainedCheckpoint.write(dir, size, examples(), 1);
                try (RexModel model = RexCheckpoint.load(dir)) {
                    grid(size, model, pool);
                }
            }
        } finally {
            try (var walk = Files.walk(tmp)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    private void grid(String name, RexModel model, List<Question> pool) throws Exception {
        for (int b : batches) {
            if (b < 1) throw new IllegalArgumentException("batch sizes must be at least 1, got " + b);
            for (int w : workers) {
                if (w < 1) throw new IllegalArgumentException("worker counts must be at least 1, got " + w);
                measure(model, pool, b, w); // warm-up: first batches load kernels and allocate
                double[] r = measure(model, pool, b, w);
                System.out.printf(Locale.ROOT, "%-10s %6d %8d %12.1f %14.1f%n", name, b, w, r[0], r[1]);
            }
        }
    }

    /** {questions/s, mean ms per batch}: workers take batches from a shared counter until the pool is answered. */
    private static double[] measure(RexModel model, List<Question> pool, int batch, int workers) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService ex = Executors.newFixedThreadPool(workers);
        long start = System.nanoTime();
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(ex.submit(() -> {
                    long batches = 0;
                    long nanos = 0;
                    try (QuestionAnswerer answerer = new QuestionAnswerer(model)) {
                        for (int from = next.getAndAdd(batch); from < pool.size(); from = next.getAndAdd(batch)) {
                            long t0 = System.nanoTime();
                            answerer.answer(pool.subList(from, Math.min(pool.size(), from + batch)));
                            nanos += System.nanoTime() - t0;
                            batches++;
                        }
                    }
                    return new long[]{batches, nanos};
                }));
            }
            long batches = 0;
            long nanos = 0;
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                batches += r[0];
                nanos += r[1];
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new double[]{pool.size() / seconds, batches == 0 ? 0 : nanos / 1e6 / batches};
        } finally {
            ex.shutdownNow();
        }
    }

    private static final String[] QUESTIONS = {"What color is the cup on the table?", "Is the man wearing a hat?",
            "Which is larger, the dog or the car?", "Is there a laptop in the picture?",
            "Do the shirt and the chair have the same color?", "What is the woman holding?"};

    /** Random sparse non-negative features and plausible boxes; the text cycles through a few GQA-like questions. */
    private static List<Question> questions(int n) {
        SplittableRandom r = new SplittableRandom(7);
        List<Question> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] f = new float[QuestionAnswerer.REGIONS * QuestionAnswerer.FEATURE_DIM];
            for (int k = 0; k < f.length; k++) f[k] = r.nextInt(20) == 0 ? (float) (2 * r.nextDouble()) : 0f;
            float[] b = new float[QuestionAnswerer.REGIONS * QuestionAnswerer.BOX_DIM];
            for (int k = 0; k < QuestionAnswerer.REGIONS; k++) {
                float x = (float) (r.nextDouble() * 400);
                float y = (float) (r.nextDouble() * 300);
                b[4 * k] = x;
                b[4 * k + 1] = y;
                b[4 * k + 2] = x + 20 + (float) (r.nextDouble() * 200);
                b[4 * k + 3] = y + 20 + (float) (r.nextDouble() * 150);
            }
            out.add(new Question(QUESTIONS[i % QUESTIONS.length], f, b));
        }
        return out;
    }

    private static List<UntrainedCheckpoint.Example> examples() {
        List<UntrainedCheckpoint.Example> out = new ArrayList<>();
        String[] answers = {"white", "yes", "dog", "no", "yes", "cup"};
        String[] explanations = {"#3 on #7 is white", "#1 is wearing #4", "#2 is larger than #9", "there is no laptop",
                "#5 #8 are all white", "#0 is holding #6"};
        for (int i = 0; i < QUESTIONS.length; i++) {
            out.add(new UntrainedCheckpoint.Example(QUESTIONS[i], answers[i], explanations[i]));
        }
        return out;
    }
}
