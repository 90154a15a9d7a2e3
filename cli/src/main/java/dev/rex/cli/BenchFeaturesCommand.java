package dev.rex.cli;

import static dev.rex.gqa.io.FileTrees.deleteTree;
import dev.rex.gqa.features.BottomUpImporter;
import dev.rex.gqa.features.BottomUpRecord;
import dev.rex.gqa.features.BottomUpTsv;
import dev.rex.gqa.features.FeatureStore;
import dev.rex.gqa.features.ImageFeatures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code rex bench features}: writes a bottom-up TSV of random images in LXMERT's format, imports it (as
 * {@code rex features import} does), re-runs the import (everything already present), then reads every image
 * back through the feature store. Prints images/s and MB/s of each phase.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Benchmark the bottom-up TSV import and the feature store (images/s).")
public final class BenchFeaturesCommand implements Callable<Integer> {
    @Option(names = "--images", defaultValue = "300", description = "images in the generated TSV (default: ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--threads", paramLabel = "N", description = "import threads (default: the CPU count)")
    Integer threads;

    @Option(names = "--dir", description = "work directory (default: a temporary one, deleted afterwards)")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (images < 1) throw new IllegalArgumentException("--images must be at least 1");
        boolean temporary = dir == null;
        Path work = temporary ? Files.createTempDirectory("rex-bench-features") : Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();
        try {
            Path tsv = work.resolve("bench_obj36.tsv");
            Path store = work.resolve("store");
            long t0 = System.nanoTime();
            writeTsv(tsv);
            double mb = Files.size(tsv) / 1e6;
            report(out, "write TSV", t0, mb);
            t0 = System.nanoTime();
            int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            BottomUpImporter.Report r = BottomUpImporter.importTsv(tsv, store, n, null);
            report(out, "import (" + r.imported() + " new, " + n + " threads)", t0, mb);
            t0 = System.nanoTime();
            r = BottomUpImporter.importTsv(tsv, store, n, null);
            report(out, "resume (" + r.alreadyPresent() + " present)", t0, mb);
            t0 = System.nanoTime();
            FeatureStore fs = new FeatureStore(store, 8);
            double sum = 0;
            for (String id : fs.imageIds()) sum += fs.get(id).features()[0];
            report(out, Double.isNaN(sum) ? "read back (NaN!)" : "read back", t0, images * (36 * 2048 + 144) * 4 / 1e6);
        } finally {
            if (temporary) deleteTree(work);
        }
        return 0;
    }

    private void report(PrintWriter out, String phase, long t0, double mb) {
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf(Locale.ROOT, "%-26s %8.2f s %10.1f images/s %8.1f MB/s%n", phase, s, images / s, mb / s);
        out.flush();
    }

    private void writeTsv(Path tsv) throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        int n = ImageFeatures.REGIONS;
        try (BufferedWriter w = Files.newBufferedWriter(tsv, StandardCharsets.ISO_8859_1)) {
            for (int i = 0; i < images; i++) {
                long[] ids = new long[n];
                float[] conf = new float[n];
                float[] boxes = new float[n * 4];
                float[] feats = new float[n * ImageFeatures.FEATURE_DIM];
                for (int k = 0; k < n; k++) {
                    ids[k] = r.nextInt(1600);
                    conf[k] = (float) r.nextDouble();
                    float x = (float) (r.nextDouble() * 400), y = (float) (r.nextDouble() * 300);
                    boxes[k * 4] = x;
                    boxes[k * 4 + 1] = y;
                    boxes[k * 4 + 2] = x + 10 + (float) (r.nextDouble() * 200);
                    boxes[k * 4 + 3] = y + 10 + (float) (r.nextDouble() * 150);
                }
                for (int j = 0; j < feats.length; j++) feats[j] = (float) (r.nextDouble() * 3);
                w.write(BottomUpTsv.format(new BottomUpRecord(Integer.toString(2_300_000 + i), 480, 640, ids, conf,
                        ids, conf, n, boxes, feats)));
                w.write('\n');
            }
        }
    }
}
