package dev.rex.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The caption-metric table as pycocoevalcap's {@code COCOEvalCap.evaluate} produces it: PTB tokenization of
 * both sides, then BLEU-1..4, METEOR, ROUGE-L, CIDEr-D and SPICE on the tokenized strings, raw scale, every
 * item scored as given (REX's conventions live in {@link RexEvaluation}).
 *
 * <p>METEOR and SPICE come from {@link CaptionScorerFactory} implementations found with
 * {@link ServiceLoader}; when one is absent, switched off or fails, its values are {@code null} and
 * {@link CaptionReport#notes()} says why. BLEU, ROUGE-L and CIDEr always run.
 */
public final class CaptionMetrics {

    /** Every key of the report, in pycocoevalcap's order. */
    public static final List<String> KEYS =
            List.of("Bleu_1", "Bleu_2", "Bleu_3", "Bleu_4", "METEOR", "ROUGE_L", "CIDEr", "SPICE");

    private final CaptionOptions options;
    private final PtbTokenizer tokenizer;
    private final boolean plugins;

    /** All metrics: BLEU, ROUGE-L, CIDEr and, when their scorers are on the class path, METEOR and SPICE. */
    public CaptionMetrics(CaptionOptions options) {
        this(options, true);
    }

    private CaptionMetrics(CaptionOptions options, boolean plugins) {
        this.options = options;
        this.tokenizer = new PtbTokenizer(options.threads());
        this.plugins = plugins;
    }

    /**
     * BLEU, ROUGE-L and CIDEr only (METEOR and SPICE null, with a note): the fast path for per-epoch
     * validation and for tests of the core metrics.
     */
    public static CaptionMetrics coreOnly(CaptionOptions options) {
        return new CaptionMetrics(options, false);
    }

    public PtbTokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * Tokenizes raw {@code gts} (qid to references) and {@code res} (qid to exactly one candidate) as
     * COCOEvalCap does, then scores them.
     */
    public CaptionReport evaluateRaw(Map<String, List<String>> gts, Map<String, List<String>> res) {
        checkSameQids(gts, res);
        for (Map.Entry<String, List<String>> e : res.entrySet()) {
            if (e.getValue().size() != 1) {
                throw new IllegalArgumentException("qid " + e.getKey() + " has " + e.getValue().size()
                        + " candidates; pycocoevalcap scores exactly one candidate per qid");
            }
        }
        options.progress().update("tokenize", 0, 2);
        Map<String, List<String>> tg = tokenizer.tokenize(gts);
        options.progress().update("tokenize", 1, 2);
        Map<String, List<String>> tr = tokenizer.tokenize(res);
        options.progress().update("tokenize", 2, 2);
        Map<String, String> single = new LinkedHashMap<>();
        tr.forEach((q, l) -> single.put(q, l.get(0)));
        return evaluateTokenized(tg, single);
    }

    /** Scores already tokenized strings (see {@link CaptionScorer} for the input contract). */
    public CaptionReport evaluateTokenized(Map<String, List<String>> gts, Map<String, String> res) {
        checkSameQids(gts, res);
        for (Map.Entry<String, List<String>> e : gts.entrySet()) {
            if (e.getValue().isEmpty()) {
                throw new IllegalArgumentException("qid " + e.getKey()
                        + " has an empty reference list; give at least one reference string");
            }
        }
        Map<String, Double> corpus = new LinkedHashMap<>();
        Map<String, Map<String, Double>> perItem = new LinkedHashMap<>();
        for (String q : gts.keySet()) {
            Map<String, Double> m = new LinkedHashMap<>();
            KEYS.forEach(k -> m.put(k, null));
            perItem.put(q, m);
        }
        KEYS.forEach(k -> corpus.put(k, null));
        Map<String, String> notes = new LinkedHashMap<>();

        TokenizedPairs pairs = TokenizedPairs.of(gts, res);
        List<MetricScores> all = new ArrayList<>();
        options.progress().update("BLEU", 0, 1);
        all.addAll(new Bleu().score(pairs));
        options.progress().update("ROUGE_L", 0, 1);
        all.addAll(new RougeL().score(pairs));
        options.progress().update("CIDEr", 0, 1);
        all.addAll(new CiderD().score(pairs));
        all.addAll(optional("METEOR", gts, res, notes));
        all.addAll(optional("SPICE", gts, res, notes));

        for (MetricScores s : all) {
            if (!corpus.containsKey(s.metric())) {
                continue; // a plug-in may report extra metrics; the report layout is fixed
            }
            corpus.put(s.metric(), s.corpus());
            s.perItem().forEach((q, v) -> {
                Map<String, Double> m = perItem.get(q);
                if (m != null) {
                    m.put(s.metric(), v);
                }
            });
        }
        if (gts.isEmpty()) {
            notes.put("corpus", "no items: corpus scores are undefined (null)");
        }
        return new CaptionReport(corpus, perItem, notes);
    }

    private List<MetricScores> optional(String metric, Map<String, List<String>> gts, Map<String, String> res,
                                        Map<String, String> notes) {
        if (!plugins) {
            notes.put(metric, metric + " not requested (core metrics only)");
            return List.of();
        }
        if (metric.equals("SPICE") && !options.spice()) {
            notes.put(metric, "SPICE switched off (--no-spice)");
            return List.of();
        }
        String broken = null;
        CaptionScorerFactory factory = null;
        java.util.Iterator<CaptionScorerFactory> it = ServiceLoader.load(CaptionScorerFactory.class).iterator();
        while (factory == null) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                CaptionScorerFactory f = it.next();
                if (f.metric().equals(metric)) {
                    factory = f;
                }
            } catch (java.util.ServiceConfigurationError e) {
                // A listed provider that cannot be loaded must not take BLEU & co. down with it.
                broken = e.getMessage();
            }
        }
        if (factory == null) {
            notes.put(metric, metric + " not available in this build (no " + metric + " scorer on the class path"
                    + (broken == null ? "" : "; a listed scorer failed to load: " + broken) + ")");
            return List.of();
        }
        CaptionScorer scorer = factory.create(options); // IllegalArgumentException = user error: propagate
        try {
            List<MetricScores> scores = scorer.score(gts, res);
            notes.putAll(scorer.notes());
            return scores;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            notes.putAll(scorer.notes());
            notes.put(metric, metric + " failed, values left null: " + e);
            return List.of();
        }
    }

    /** Both sides must hold the same qids; names the first offenders on each side. */
    static void checkSameQids(Map<String, ?> gts, Map<String, ?> res) {
        List<String> onlyGts = new ArrayList<>();
        for (String q : gts.keySet()) {
            if (!res.containsKey(q)) {
                onlyGts.add(q);
            }
        }
        List<String> onlyRes = new ArrayList<>();
        for (String q : res.keySet()) {
            if (!gts.containsKey(q)) {
                onlyRes.add(q);
            }
        }
        if (!onlyGts.isEmpty() || !onlyRes.isEmpty()) {
            StringBuilder sb = new StringBuilder("references and candidates must have the same qids:");
            if (!onlyGts.isEmpty()) {
                sb.append(' ').append(onlyGts.size()).append(" qid(s) only in the references, e.g. ")
                        .append(onlyGts.subList(0, Math.min(5, onlyGts.size()))).append(';');
            }
            if (!onlyRes.isEmpty()) {
                sb.append(' ').append(onlyRes.size()).append(" qid(s) only in the candidates, e.g. ")
                        .append(onlyRes.subList(0, Math.min(5, onlyRes.size()))).append(';');
            }
            throw new IllegalArgumentException(sb.append(" give both files the same qids").toString());
        }
    }
}
