package dev.rex.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.rex.metrics.CaptionBenchmark;
import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.CaptionScorer;
import dev.rex.metrics.PtbTokenizer;
import dev.rex.metrics.meteor.MeteorScorerFactory;
import dev.rex.metrics.spice.Spice;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rex bench meteor}: pairs/s of METEOR 1.5 and SPICE on generated, PTB-tokenized pairs, and SPICE's heap.
 * SPICE parses without its disk cache here, so every caption is really parsed.
 */
@Command(name = "meteor", mixinStandardHelpOptions = true,
        description = {"Time METEOR and SPICE in pairs/s, and measure the heap SPICE needs.",
                "Throughput of METEOR 1.5 (exact/stem/synonym, or with --meteor-paraphrase) and of SPICE "
                + "(CoreNLP 4.5 scene graphs, parse cache off) on generated tokenized pairs, in pairs/s, and the "
                + "heap SPICE needs (after loading its models, and peak)."})
public final class BenchMeteorCommand implements Callable<Integer> {

    @Option(names = "--pairs", paramLabel = "N", description = "METEOR pairs (default: 10000)")
    int pairs = 10_000;

    @Option(names = "--spice-pairs", paramLabel = "N",
            description = "SPICE pairs (default: 10000; 0 skips SPICE; it parses about 10-20 captions/s per thread)")
    int spicePairs = 10_000;

    @Option(names = "--threads", paramLabel = "N", description = "scoring/parsing threads (default: all processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--meteor-paraphrase", paramLabel = "FILE", description = "METEOR paraphrase table (paraphrase-en.gz)")
    Path paraphrase;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (pairs < 1 || spicePairs < 0 || threads < 1) {
            throw new IllegalArgumentException("--pairs and --threads must be positive and --spice-pairs >= 0");
        }
        PrintWriter out = spec.commandLine().getOut();
        CaptionOptions options = CaptionOptions.defaults().withThreads(threads).withMeteorParaphrase(paraphrase);

        Map<String, List<String>>[] meteorSet = tokenized(pairs, 42);
        CaptionScorer meteor = new MeteorScorerFactory().create(options);
        Map<String, List<String>>[] warm = tokenized(Math.min(pairs, 2_000), 7);
        meteor.score(warm[0], first(warm)); // warm-up (JIT, WordNet loading)
        long t0 = System.nanoTime();
        long c0 = cpuNanos();
        meteor.score(meteorSet[0], first(meteorSet));
        double meteorSecs = (System.nanoTime() - t0) / 1e9;
        double meteorCpu = (cpuNanos() - c0) / 1e9;
        out.printf(Locale.ROOT, "METEOR 1.5  %7d pairs  %2d threads  %10.0f pairs/s  (%.2f s, %.2f CPU s, load %.1f)  %s%n",
                pairs, threads, pairs / meteorSecs, meteorSecs, meteorCpu, load(), meteor.notes().get("METEOR"));
        out.flush();

        if (spicePairs > 0) {
            Map<String, List<String>>[] spiceSet = tokenized(spicePairs, 43);
            double loadSecs;
            double spiceSecs;
            double spiceCpu;
            long afterLoad;
            Map<String, Spice.Item> items;
            try (ProgressBar bar = new ProgressBar("SPICE", spicePairs)) {
                long l0 = System.nanoTime();
                Spice spice = new Spice(null, threads, (stage, done, total) -> {
                    bar.total(total);
                    bar.update(done, "captions parsed");
                });
                spice.score(Map.of("load", List.of("a dog")), Map.of("load", "a dog")); // loads CoreNLP 4.5
                loadSecs = (System.nanoTime() - l0) / 1e9;
                System.gc();
                afterLoad = usedHeap();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long s0 = System.nanoTime();
                long c0s = cpuNanos();
                items = spice.score(spiceSet[0], first(spiceSet));
                spiceSecs = (System.nanoTime() - s0) / 1e9;
                spiceCpu = (cpuNanos() - c0s) / 1e9;
            }
            out.printf(Locale.ROOT, "SPICE       %7d pairs  %2d threads  %10.1f pairs/s  (%.1f s, %.1f CPU s = %.3f CPU s/pair, "
                    + "load %.1f; models loaded in %.1f s)  corpus %.4f%n", spicePairs, threads, spicePairs / spiceSecs,
                    spiceSecs, spiceCpu, spiceCpu / spicePairs, load(), loadSecs, Spice.corpus(items));
            out.printf(Locale.ROOT, "SPICE heap: %d MB used after loading CoreNLP 4.5 and WordNet, %d MB peak while "
                    + "scoring (max heap %d MB)%n", afterLoad >> 20, peakHeap() >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        }
        out.flush();
        return 0;
    }

    private Map<String, List<String>>[] tokenized(int n, long seed) {
        Map<String, List<String>>[] raw = CaptionBenchmark.generate(n, seed);
        PtbTokenizer tokenizer = new PtbTokenizer(threads);
        @SuppressWarnings("unchecked")
        Map<String, List<String>>[] out = new Map[] {tokenizer.tokenize(raw[0]), tokenizer.tokenize(raw[1])};
        return out;
    }

    private static Map<String, String> first(Map<String, List<String>>[] set) {
        Map<String, String> res = new LinkedHashMap<>();
        set[1].forEach((q, l) -> res.put(q, l.get(0)));
        return res;
    }

    // Process CPU time and load average: the machine may be shared, so wall-clock rates alone mislead.
    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
