package dev.rex.gqa.bench;

import dev.rex.gqa.build.BuildOptions;
import dev.rex.gqa.build.BuildProgress;
import dev.rex.gqa.build.BuildReport;
import dev.rex.gqa.build.DatasetBuilder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Times the whole GQA-REX chain (all stages and the dictionaries, files written) on a replicated corpus. */
public final class DatasetBenchmark {
    /** One measured build. */
    /**
     * @param cpuSeconds CPU time of the whole process during the build (all threads, GC and JIT included): on a
     *                   shared machine, {@code questions / cpuSeconds} is the throughput of one fully available core
     */
    public record Result(int threads, long questions, double seconds, double questionsPerSecond, long peakHeapBytes,
                         double cpuSeconds, BuildReport report) {
        public double questionsPerCpuSecond() {
            return questions / cpuSeconds;
        }
    }

    private DatasetBenchmark() {
    }

    /** Builds the corpus in {@code corpus} (see {@link ReplicatedCorpus}) once, output to a scratch directory. */
    public static Result run(Path corpus, Path boxes, Path scratch, int threads) throws IOException {
        Path out = scratch.resolve("out-" + threads);
        BuildOptions o = new BuildOptions(corpus.resolve("question"), corpus.resolve("sceneGraphs"), boxes, out,
                BuildOptions.DEFAULT_SPLITS, false, dev.rex.gqa.ground.IouMode.REFERENCE, 0L, threads, 4096);
        System.gc();
        resetPeaks();
        long c0 = processCpu();
        long t0 = System.nanoTime();
        BuildReport report = new DatasetBuilder().build(o, BuildProgress.NONE);
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (processCpu() - c0) / 1e9;
        long peak = peakHeap();
        delete(out);
        long n = report.totalRead();
        return new Result(threads, n, secs, n / secs, peak, cpu, report);
    }

    static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound of the peak heap in use). */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) sum += p.getPeakUsage().getUsed();
        }
        return sum;
    }

    public static void delete(Path dir) throws IOException {
        dev.rex.gqa.io.FileTrees.deleteTree(dir);
    }

    public static List<String> splits() {
        return BuildOptions.DEFAULT_SPLITS;
    }
}
