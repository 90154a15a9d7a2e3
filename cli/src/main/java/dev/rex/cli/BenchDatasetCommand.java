package dev.rex.cli;

import dev.rex.gqa.bench.DatasetBenchmark;
import dev.rex.gqa.bench.ReplicatedCorpus;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code rex bench dataset}: questions/s of the whole GQA-REX chain, 1 thread and all cores, and peak heap. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = {"Time the GQA-REX build on real GQA questions replicated with new qids.",
                "Benchmark the GQA-REX build (abstraction, program, post-processing, grounding, finalizing, "
                + "dictionaries; files written) on a corpus of real GQA questions replicated with new qids.",
                "Reference: the original Python chain runs about 2,600 questions/s on one core (100,000 questions)."})
public final class BenchDatasetCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--source", paramLabel = "DIR",
            description = "GQA layout to replicate: DIR/question, DIR/sceneGraphs, DIR/boxes (default: the 19 real "
                    + "GQA questions of the repository's fixture libs/rex-gqa/src/test/resources/fixtures/gqa-rex)")
    Path source;

    @Option(names = "--questions", paramLabel = "N", defaultValue = "100000", description = "corpus size (default: 100000)")
    int questions;

    @Option(names = "--threads", split = ",", paramLabel = "N[,N...]",
            description = "thread counts to measure (default: 1 and all processors)")
    List<Integer> threads;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "warm-up builds before the measured ones (default: 2; the first is printed as 'cold')")
    int warmup;

    @Override
    public Integer call() throws Exception {
        Path src = source != null ? source : defaultSource();
        if (!Files.isDirectory(src.resolve("question")) || !Files.isDirectory(src.resolve("boxes"))) {
            throw new IllegalArgumentException(src + " is not a GQA layout (question/, sceneGraphs/, boxes/): pass "
                    + "--source DIR");
        }
        if (questions < 1) throw new IllegalArgumentException("--questions must be at least 1");
        Set<Integer> counts = new LinkedHashSet<>(threads != null ? threads
                : List.of(1, Runtime.getRuntime().availableProcessors()));
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempDirectory("rex-bench-dataset");
        try {
            ReplicatedCorpus.write(src, scratch.resolve("corpus"), DatasetBenchmark.splits(), questions);
            out.printf(Locale.ROOT, "%-10s %8s %10s %14s %10s %12s %14s %14s%n", "questions", "threads", "seconds",
                    "questions/s", "x python", "CPU s", "q/CPU-s", "peak heap MB");
            for (int i = 0; i < warmup; i++) {
                DatasetBenchmark.Result r = DatasetBenchmark.run(scratch.resolve("corpus"), src.resolve("boxes"),
                        scratch, counts.iterator().next());
                if (i == 0) {
                    out.printf(Locale.ROOT, "%-10d %8d %10.2f %14.0f %10.1f %12.2f %14.0f %14.1f   (cold: first build "
                                    + "in this JVM, JIT compilation included; not counted)%n", r.questions(), r.threads(),
                            r.seconds(), r.questionsPerSecond(), r.questionsPerSecond() / 2600.0, r.cpuSeconds(),
                            r.questionsPerCpuSecond(), r.peakHeapBytes() / 1e6);
                    out.flush();
                }
            }
            for (int t : counts) {
                DatasetBenchmark.Result r = DatasetBenchmark.run(scratch.resolve("corpus"), src.resolve("boxes"),
                        scratch, t);
                out.printf(Locale.ROOT, "%-10d %8d %10.2f %14.0f %10.1f %12.2f %14.0f %14.1f%n", r.questions(), t,
                        r.seconds(), r.questionsPerSecond(), r.questionsPerSecond() / 2600.0, r.cpuSeconds(),
                        r.questionsPerCpuSecond(), r.peakHeapBytes() / 1e6);
                for (java.util.Map.Entry<String, long[]> e : r.report().passes().entrySet()) {
                    long[] pt = e.getValue();
                    out.printf(Locale.ROOT, "    %-30s %8.2f s wall %12.0f q/s   calling thread CPU %6.2f s%n",
                            e.getKey(), pt[0] / 1e9, r.questions() / (pt[0] / 1e9), pt[1] / 1e9);
                }
                out.flush();
            }
            out.println("(x python: against the original chain's ~2,600 questions/s on one core of this machine; "
                    + "q/CPU-s: questions per second of process CPU, all threads, GC included: the one-core rate when "
                    + "the machine is shared; the load average was " + String.format(Locale.ROOT, "%.1f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                    + " on " + Runtime.getRuntime().availableProcessors() + " processors)");
        } finally {
            DatasetBenchmark.delete(scratch);
        }
        return 0;
    }

    private static Path defaultSource() {
        // ./rex passes the repository root as rex.home
        Path root = Path.of(System.getProperty("rex.home", "."));
        return root.resolve("libs/rex-gqa/src/test/resources/fixtures/gqa-rex").toAbsolutePath().normalize();
    }
}
