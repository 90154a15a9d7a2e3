package dev.rex.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The caption-metric table of one run, in the layout of {@code rex metrics --json}: every key of
 * {@link CaptionMetrics#KEYS} is present in {@code corpus} and in each item of {@code perItem}
 * ({@code null} where not computed or undefined), and {@code notes} says why.
 */
public record CaptionReport(Map<String, Double> corpus, Map<String, Map<String, Double>> perItem,
                            Map<String, String> notes) {

    public CaptionReport {
        corpus = Collections.unmodifiableMap(new LinkedHashMap<>(corpus));
        Map<String, Map<String, Double>> items = new LinkedHashMap<>();
        perItem.forEach((qid, m) -> items.put(qid, Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        perItem = Collections.unmodifiableMap(items);
        notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    }
}
