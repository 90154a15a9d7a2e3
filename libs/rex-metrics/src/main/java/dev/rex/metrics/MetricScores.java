package dev.rex.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The scores of one metric: the corpus value and one value per qid, on pycocoevalcap's raw scale
 * (REX reports × 100). {@code null} means "not defined" (e.g. an empty evaluated set).
 */
public record MetricScores(String metric, Double corpus, Map<String, Double> perItem) {

    public MetricScores {
        Objects.requireNonNull(metric, "metric");
        // Keep the caller's qid order; nulls are allowed as values, so copy into a LinkedHashMap
        // (the built-in scorers pass their own immutable array-backed maps, which need no copy).
        if (!(perItem instanceof ItemScores)) {
            perItem = Collections.unmodifiableMap(new LinkedHashMap<>(perItem));
        }
    }
}
