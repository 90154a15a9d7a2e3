package dev.rex.metrics.meteor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.rex.metrics.CaptionScorer;
import dev.rex.metrics.MetricScores;
import dev.rex.metrics.Progress;

/**
 * The {@code METEOR} column of a caption report, as pycocoevalcap's {@code Meteor} computes it: per item the
 * score of the best reference, corpus from the statistics pooled over items in order.
 */
final class MeteorCaptionScorer implements CaptionScorer {

    static final String KEY = "METEOR";

    private final Meteor meteor;
    private final int threads;
    private final Progress progress;

    MeteorCaptionScorer(Meteor meteor, int threads, Progress progress) {
        this.meteor = meteor;
        this.threads = threads;
        this.progress = progress;
    }

    @Override
    public List<String> metrics() {
        return List.of(KEY);
    }

    @Override
    public List<MetricScores> score(Map<String, List<String>> gts, Map<String, String> res) {
        List<Meteor.Result> results = scoreAll(gts, res);
        Map<String, Double> perItem = new LinkedHashMap<>();
        Meteor.Pool pool = new Meteor.Pool();
        int i = 0;
        for (String qid : res.keySet()) {
            Meteor.Result r = results.get(i++);
            perItem.put(qid, r.score());
            pool.add(r);
        }
        Double corpus = res.isEmpty() ? null : meteor.score(pool);
        return List.of(new MetricScores(KEY, corpus, perItem));
    }

    /** Per-item results in {@code res} order (items are scored in parallel; pooling stays in order). */
    List<Meteor.Result> scoreAll(Map<String, List<String>> gts, Map<String, String> res) {
        List<String> qids = new ArrayList<>(res.keySet());
        long total = qids.size();
        AtomicLong done = new AtomicLong();
        if (threads <= 1 || qids.size() < 64) {
            List<Meteor.Result> out = new ArrayList<>(qids.size());
            for (String qid : qids) {
                out.add(one(qid, gts, res));
                progress.update(KEY, done.incrementAndGet(), total);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "meteor");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<List<Meteor.Result>>> parts = new ArrayList<>();
            int chunk = Math.max(64, qids.size() / (threads * 8));
            for (int from = 0; from < qids.size(); from += chunk) {
                List<String> slice = qids.subList(from, Math.min(qids.size(), from + chunk));
                parts.add(pool.submit(() -> {
                    List<Meteor.Result> out = new ArrayList<>(slice.size());
                    for (String qid : slice) {
                        out.add(one(qid, gts, res));
                        progress.update(KEY, done.incrementAndGet(), total);
                    }
                    return out;
                }));
            }
            List<Meteor.Result> out = new ArrayList<>(qids.size());
            for (Future<List<Meteor.Result>> f : parts) {
                out.addAll(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("METEOR interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Meteor.Result one(String qid, Map<String, List<String>> gts, Map<String, String> res) {
        List<String> refs = gts.get(qid);
        if (refs == null || refs.isEmpty()) {
            throw new IllegalArgumentException("METEOR: item " + qid + " has no reference");
        }
        // pycocoevalcap strips METEOR's field separator from the hypothesis before sending it.
        String hypothesis = res.get(qid).replace("|||", "").replace("  ", " ");
        return meteor.score(hypothesis, refs);
    }

    @Override
    public Map<String, String> notes() {
        if (meteor.paraphraseFile() == null) {
            return Map.of(KEY, "METEOR 1.5 without paraphrase table: exact/stem/synonym modules only (weights "
                    + "1.0/0.6/0.8), so scores can be lower than pycocoevalcap's; give METEOR's paraphrase-en.gz "
                    + "with --meteor-paraphrase for all four modules (" + meteor.configId() + ")");
        }
        return Map.of(KEY, "METEOR 1.5 with paraphrase table " + meteor.paraphraseFile() + " ("
                + meteor.configId() + ")");
    }
}
