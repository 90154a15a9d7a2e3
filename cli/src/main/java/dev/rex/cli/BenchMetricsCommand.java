package dev.rex.cli;

import dev.rex.metrics.CaptionBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code rex bench metrics}: pairs/s of PTB tokenization, BLEU, ROUGE-L and CIDEr on generated pairs; pycocoevalcap's
 * figures only when this run measured them on the same pairs ({@code --peer-python}).
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Time the caption metrics (tokenization, BLEU, ROUGE-L, CIDEr) in pairs/s.",
                "Throughput of the caption metrics (pairs/s) for tokenization, BLEU, ROUGE-L and CIDEr on "
                + "generated pairs, 10,000 and 100,000 by default. With --peer-python, pycocoevalcap is timed on the "
                + "same pairs in the same run and printed beside them; no peer figure is printed otherwise."})
public final class BenchMetricsCommand implements Callable<Integer> {

    @Option(names = "--pairs", split = ",", paramLabel = "N[,N...]", description = "set sizes (default: 10000,100000)")
    List<Integer> sizes = List.of(10_000, 100_000);

    @Option(names = "--threads", paramLabel = "N", description = "tokenization/scoring threads (default: all processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--warmup", paramLabel = "N", description = "warm-up pairs run first, not reported (default: 20000)")
    int warmup = 20_000;

    @Option(names = "--peer-python", paramLabel = "PYTHON", description = "a Python interpreter with pycocoevalcap "
            + "installed: times pycocoevalcap (PTB tokenizer, Bleu(4), Rouge, Cider) on the largest set's pairs")
    String peerPython;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        for (int n : sizes) {
            if (n < 1) {
                throw new IllegalArgumentException("--pairs must be positive, got " + n);
            }
        }
        PycocoevalcapTiming peer = peerPython == null ? null : PycocoevalcapTiming.check(peerPython);
        PrintWriter out = spec.commandLine().getOut();
        if (warmup > 0) {
            CaptionBenchmark.run(warmup, threads, 7);
        }
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        out.printf(Locale.ROOT, "%d processors, load average %.1f (figures are wall-clock; cpu s = CPU seconds of "
                + "all threads, independent of other load)%n", Runtime.getRuntime().availableProcessors(), load);
        out.printf(Locale.ROOT, "%-9s %8s %12s %12s %12s %12s %12s %12s %9s %9s%n", "pairs", "threads", "tokenize/s",
                "index/s", "BLEU/s", "ROUGE-L/s", "CIDEr/s", "total/s", "total s", "cpu s");
        for (int n : sizes) {
            CaptionBenchmark.Timing t = CaptionBenchmark.run(n, threads, 42);
            // index = splitting and word/n-gram ids, done once and shared by the three scorers
            out.printf(Locale.ROOT, "%-9d %8d %12.0f %12.0f %12.0f %12.0f %12.0f %12.0f %9.3f %9.3f%n", n, threads,
                    n / t.tokenize(), n / t.prepare(), n / t.bleu(), n / t.rouge(), n / t.cider(), n / t.total(),
                    t.total(), t.cpuTotal());
            double[] c = t.cpu();
            out.printf(Locale.ROOT, "%-9s %8s %12.3f %12.3f %12.3f %12.3f %12.3f %12s %9s %9.3f%n", "  cpu s", "",
                    c[0], c[1], c[2], c[3], c[4], "", "", t.cpuTotal());
            out.flush();
        }
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (peer == null) {
            out.println("pycocoevalcap: not measured in this run (--peer-python PYTHON times it on the same pairs)");
        } else {
            double[] p = peer.time(CaptionBenchmark.generate(largest, 42));
            double py = p[0] + p[1] + p[2] + p[3];
            out.printf(Locale.ROOT, "%-9d %8s %12.0f %12s %12.0f %12.0f %12.0f %12.0f %9.3f   (pycocoevalcap, measured "
                    + "now on the same %d pairs)%n", largest, "1", largest / p[0], "-", largest / p[1],
                    largest / p[2], largest / p[3], largest / py, py, largest);
        }
        out.flush();
        return 0;
    }
}
