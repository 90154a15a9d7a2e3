package dev.rex.metrics.spice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.rex.metrics.Progress;
import dev.rex.metrics.meteor.WordNetSynonyms;

/**
 * SPICE: candidate and references parsed into scene graphs, their tuples matched exactly or through WordNet
 * synonyms, F1 per item, corpus score the mean over items (as pycocoevalcap averages SPICE 1.0's "All" F1).
 * The references of an item are merged into one tuple set. The parser (CoreNLP 3.6.0 and its models, SPICE 1.0's
 * rules beside CoreNLP 4.5's scene-graph enhancer, see {@link CoreNlpSceneGraphs}) is loaded once per JVM,
 * on first use (15-25 s). Memory: about 250 MB stay in use after loading (parser models + WordNet); parsing with
 * two threads peaked at 1.2-1.7 GB of heap, so give the JVM -Xmx2g or more.
 */
public final class Spice {

    private static volatile CoreNlpSceneGraphs parser;

    private final SpiceParseCache cache;
    private final int threads;
    private final Progress progress;

    /**
     * @param cacheDir directory of the on-disk parse cache, or {@code null} for an in-memory cache only
     * @param threads  parsing threads (each parse is independent)
     */
    public Spice(Path cacheDir, int threads, Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("SPICE threads must be at least 1, got " + threads);
        }
        this.cache = new SpiceParseCache(cacheDir);
        this.threads = threads;
        this.progress = progress == null ? Progress.NONE : progress;
    }

    /** The default parse-cache directory: {@code -Drex.spice.cache}, {@code REX_SPICE_CACHE}, or ~/.cache/rex/spice. */
    public static Path defaultCacheDir() {
        String dir = System.getProperty("rex.spice.cache", System.getenv("REX_SPICE_CACHE"));
        if ("none".equals(dir)) {
            return null;
        }
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "rex", "spice");
    }

    /** One item's evaluation. */
    public record Item(List<List<String>> candidateTuples, List<List<String>> referenceTuples, int tp, int fp,
                       int fn, double precision, double recall, double f) {
    }

    /** Scores every qid of {@code res} (in its order) against its references; see {@link #corpus(Map)}. */
    public Map<String, Item> score(Map<String, List<String>> gts, Map<String, String> res) {
        Set<String> captions = new LinkedHashSet<>();
        for (String qid : res.keySet()) {
            List<String> refs = gts.get(qid);
            if (refs == null || refs.isEmpty()) {
                throw new IllegalArgumentException("SPICE: item " + qid + " has no reference");
            }
            captions.add(res.get(qid));
            captions.addAll(refs);
        }
        parseMissing(captions);
        WordNetSynonyms wordNet = WordNetSynonyms.get();
        Map<String, Item> out = new LinkedHashMap<>();
        for (String qid : res.keySet()) {
            List<List<String>> candidate = cache.get(res.get(qid));
            SpiceTuples merged = new SpiceTuples();
            for (String ref : gts.get(qid)) {
                cache.get(ref).forEach(merged::add);
            }
            List<List<String>> reference = merged.list();
            SpiceEvaluation e = SpiceEvaluation.of(candidate, reference, wordNet);
            out.put(qid, new Item(candidate, reference, e.tp(), e.fp(), e.fn(), e.precision(), e.recall(), e.f()));
        }
        return out;
    }

    /** The corpus score: the mean of the item F1 scores ({@code null} for no item). */
    public static Double corpus(Map<String, Item> items) {
        if (items.isEmpty()) {
            return null;
        }
        double sum = 0;
        for (Item i : items.values()) {
            sum += i.f();
        }
        return sum / items.size();
    }

    private void parseMissing(Set<String> captions) {
        List<String> todo = new ArrayList<>();
        for (String c : captions) {
            if (cache.get(c) == null) {
                todo.add(c);
            }
        }
        long total = todo.size();
        progress.update("SPICE", 0, total);
        if (todo.isEmpty()) {
            return;
        }
        CoreNlpSceneGraphs p = parser();
        Map<String, List<List<String>>> fresh = new ConcurrentHashMap<>();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, todo.size()), r -> {
            Thread t = new Thread(r, "spice-parse");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (String caption : todo) {
                jobs.add(pool.submit(() -> {
                    fresh.put(caption, p.tuples(caption).list());
                    progress.update("SPICE", done.incrementAndGet(), total);
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("SPICE interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            cache.putAll(fresh); // keep what was parsed, even when a later caption failed
        }
    }

    private static CoreNlpSceneGraphs parser() {
        CoreNlpSceneGraphs p = parser;
        if (p == null) {
            synchronized (Spice.class) {
                p = parser;
                if (p == null) {
                    p = CoreNlpSceneGraphs.load();
                    parser = p;
                }
            }
        }
        return p;
    }
}
