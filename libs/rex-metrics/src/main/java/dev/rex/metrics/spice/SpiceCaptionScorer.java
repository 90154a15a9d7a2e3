package dev.rex.metrics.spice;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.rex.metrics.CaptionScorer;
import dev.rex.metrics.MetricScores;

/** The {@code SPICE} column of a caption report; {@code null} values with a note when switched off. */
final class SpiceCaptionScorer implements CaptionScorer {

    static final String KEY = "SPICE";

    private final Spice spice;

    /** @param spice {@code null} when SPICE is switched off for this run */
    SpiceCaptionScorer(Spice spice) {
        this.spice = spice;
    }

    @Override
    public List<String> metrics() {
        return List.of(KEY);
    }

    @Override
    public List<MetricScores> score(Map<String, List<String>> gts, Map<String, String> res) {
        Map<String, Double> perItem = new LinkedHashMap<>();
        if (spice == null) {
            res.keySet().forEach(q -> perItem.put(q, null));
            return List.of(new MetricScores(KEY, null, perItem));
        }
        Map<String, Spice.Item> items = spice.score(gts, res);
        items.forEach((q, i) -> perItem.put(q, i.f()));
        return List.of(new MetricScores(KEY, Spice.corpus(items), perItem));
    }

    @Override
    public Map<String, String> notes() {
        if (spice == null) {
            return Map.of(KEY, "SPICE switched off (--no-spice)");
        }
        return Map.of(KEY, "SPICE as SPICE 1.0: CoreNLP 3.6.0 parses, SPICE 1.0's tuple rules; on the reference "
                + "fixture 60 of 61 items equal SPICE 1.0 (the other: SPICE 1.0 merges synonymous reference nodes), "
                + "corpus within 0.0005");
    }
}
