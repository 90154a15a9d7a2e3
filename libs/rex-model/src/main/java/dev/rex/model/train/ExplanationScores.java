package dev.rex.model.train;

import dev.rex.metrics.Bleu;
import dev.rex.metrics.CiderD;
import dev.rex.metrics.MetricScores;
import dev.rex.metrics.PtbTokenizer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BLEU-4 and CIDEr of predicted explanations with REX's conventions (evaluation.py, main.py): questions with an
 * empty reference are skipped; empty predictions ({@code EMPTY}) are dropped and the scores then scaled by
 * {@code n/(n + empty)}; PTB tokenization and the scorers of rex-metrics (pycocoevalcap's). Raw scale (not ×100).
 * METEOR and SPICE are left to {@code rex eval}: they cost too much to run after every epoch.
 */
public final class ExplanationScores {
    private final PtbTokenizer tokenizer;

    public ExplanationScores() {
        this.tokenizer = new PtbTokenizer(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** @return "bleu_4", "cider" (null when nothing is scorable) and "empty_predictions" */
    public Map<String, Double> score(Map<String, String> references, Map<String, String> predictions) {
        Map<String, List<String>> gts = new LinkedHashMap<>();
        Map<String, List<String>> res = new LinkedHashMap<>();
        int empty = 0;
        for (Map.Entry<String, String> e : predictions.entrySet()) {
            String ref = references.getOrDefault(e.getKey(), "");
            if (ref.isEmpty()) continue;
            if (e.getValue().isEmpty() || Validation.EMPTY.equals(e.getValue())) {
                empty++;
                continue;
            }
            gts.put(e.getKey(), List.of(ref));
            res.put(e.getKey(), List.of(e.getValue()));
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("empty_predictions", (double) empty);
        if (res.isEmpty()) {
            out.put("bleu_4", 0.0);
            out.put("cider", 0.0);
            return out;
        }
        Map<String, List<String>> tg = tokenizer.tokenize(gts);
        Map<String, String> tr = new LinkedHashMap<>();
        tokenizer.tokenize(res).forEach((q, l) -> tr.put(q, l.get(0)));
        double scale = (double) res.size() / (res.size() + empty);
        out.put("bleu_4", scaled(new Bleu().score(tg, tr), "Bleu_4", scale));
        out.put("cider", scaled(new CiderD().score(tg, tr), CiderD.METRIC, scale));
        return out;
    }

    private static Double scaled(List<MetricScores> scores, String metric, double scale) {
        for (MetricScores s : scores) {
            if (s.metric().equals(metric)) return s.corpus() == null ? null : s.corpus() * scale;
        }
        throw new IllegalStateException("scorer did not report " + metric);
    }
}
