package dev.rex.gqa.features;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Imports LXMERT's bottom-up {@code *_obj36.tsv} into a {@link FeatureStore}, streaming one line at a time
 * (replaces the original's Python-2 {@code extract_tsv.py}). Resumable: images already complete in the store are
 * skipped without decoding. A line that cannot be decoded or does not hold 36 finite boxes and 2048-d features is
 * reported with its line number and skipped; the import goes on.
 */
public final class BottomUpImporter {

    /** Progress as bytes of the TSV consumed, for a bar over the file size. */
    public interface Listener {
        void progress(long bytesRead, Report soFar);

        /** A line was skipped; called once per bad line, in file order. */
        default void badLine(BadLine bad) {
        }
    }

    public record BadLine(long lineNumber, String reason) {
        @Override
        public String toString() {
            return "line " + lineNumber + ": " + reason;
        }
    }

    public record Report(long lines, long imported, long alreadyPresent, List<BadLine> badLines) {
        public long bad() {
            return badLines.size();
        }
    }

    private BottomUpImporter() {
    }

    public static Report importTsv(Path tsv, Path outDir, Listener listener) throws IOException {
        return importTsv(tsv, outDir, Runtime.getRuntime().availableProcessors(), listener);
    }

    /**
     * Imports with {@code threads} workers decoding and writing images while this thread reads lines; results are
     * counted and reported in line order, so the report and the listener see the same sequence at any thread
     * count. At most {@code 2 * threads} lines are in flight (each about 0.7 MB), so memory stays flat.
     */
    public static Report importTsv(Path tsv, Path outDir, int threads, Listener listener) throws IOException {
        if (!Files.isRegularFile(tsv)) {
            throw new IllegalArgumentException("no such TSV file: " + tsv
                    + " (expected LXMERT's bottom-up *_obj36.tsv)");
        }
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        Counts counts = new Counts();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bottom-up-import");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Pending> inFlight = new ArrayDeque<>();
        try (CountingStream counted = new CountingStream(Files.newInputStream(tsv));
             BufferedReader in = new BufferedReader(new InputStreamReader(counted, StandardCharsets.ISO_8859_1),
                     1 << 20);
             FeatureStoreWriter store = new FeatureStoreWriter(outDir)) {
            String line;
            long lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    inFlight.add(new Pending(lineNo, null, false));
                } else if (store.isComplete(BottomUpTsv.imageId(line))) {
                    inFlight.add(new Pending(lineNo, null, true));
                } else {
                    String l = line;
                    inFlight.add(new Pending(lineNo, pool.submit(() -> importLine(l, store)), false));
                }
                while (inFlight.size() > 2 * threads) settle(inFlight.poll(), counts, counted.count, listener);
            }
            while (!inFlight.isEmpty()) settle(inFlight.poll(), counts, counted.count, listener);
        } finally {
            pool.shutdownNow();
        }
        return counts.report();
    }

    private record Pending(long lineNumber, Future<String> problem, boolean present) {
    }

    private static final class Counts {
        long lines, imported, present;
        final List<BadLine> bad = new ArrayList<>();

        Report report() {
            return new Report(lines, imported, present, List.copyOf(bad));
        }
    }

    private static void settle(Pending p, Counts c, long bytesRead, Listener listener) throws IOException {
        c.lines = p.lineNumber();
        if (p.present()) {
            c.present++;
        } else if (p.problem() != null) {
            String problem;
            try {
                problem = p.problem().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("import interrupted");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IOException(e.getCause());
            }
            if (problem == null) {
                c.imported++;
            } else {
                BadLine b = new BadLine(p.lineNumber(), problem);
                c.bad.add(b);
                if (listener != null) listener.badLine(b);
            }
        }
        if (listener != null) listener.progress(bytesRead, c.report());
    }

    /** Returns null when imported, else why the line was skipped. I/O errors on the store are fatal. */
    private static String importLine(String line, FeatureStoreWriter store) throws IOException {
        BottomUpRecord r;
        try {
            r = BottomUpTsv.parse(line);
        } catch (BottomUpTsv.BadLineException e) {
            String id = BottomUpTsv.imageId(line);
            return (id.length() <= 40 && !id.isEmpty() ? "image " + id + ": " : "") + e.getMessage();
        }
        if (r.numBoxes() != ImageFeatures.REGIONS) {
            return "image " + r.imageId() + ": num_boxes is " + r.numBoxes() + ", the feature store holds "
                    + ImageFeatures.REGIONS + " regions per image";
        }
        if (r.features().length != ImageFeatures.REGIONS * ImageFeatures.FEATURE_DIM) {
            return "image " + r.imageId() + ": features have " + r.features().length / r.numBoxes()
                    + " dimensions, expected " + ImageFeatures.FEATURE_DIM;
        }
        String nonFinite = firstNonFinite(r.boxes(), "boxes");
        if (nonFinite == null) nonFinite = firstNonFinite(r.features(), "features");
        if (nonFinite != null) return "image " + r.imageId() + ": " + nonFinite;
        try {
            FeatureStore.checkId(r.imageId());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        store.put(r.imageId(), new ImageSize(r.imageWidth(), r.imageHeight()), r.boxes(), r.features());
        return null;
    }

    private static String firstNonFinite(float[] a, String name) {
        for (int i = 0; i < a.length; i++) {
            if (!Float.isFinite(a[i])) return name + " hold a non-finite value (" + a[i] + ") at index " + i;
        }
        return null;
    }

    private static final class CountingStream extends FilterInputStream {
        volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
