package dev.rex.metrics;

import java.util.List;
import java.util.Map;

/**
 * One caption metric family over pycocoevalcap-style input (the contract every caption scorer implements,
 * including METEOR and SPICE, which plug in through {@link CaptionScorerFactory}).
 *
 * <p>Input is already tokenized the way COCOEvalCap does it ({@link PtbTokenizer}): each string is the
 * space-joined tokens. {@code gts} maps qid to its references (at least one), {@code res} maps the same qids
 * to one candidate; items are scored in {@code gts}'s order, as pycocoevalcap iterates {@code gts.keys()}.
 * A scorer never applies REX's conventions (skipping, dropping, scaling, ×100): {@link RexEvaluation} does.
 */
public interface CaptionScorer {

    /** The metric keys this scorer fills, in report order (e.g. {@code Bleu_1..Bleu_4}, {@code METEOR}). */
    List<String> metrics();

    /**
     * Scores every qid of {@code res}. Returns one {@link MetricScores} per key of {@link #metrics()}, in that
     * order; per-item maps keep {@code gts}'s qid order. A value is {@code null} where undefined.
     */
    List<MetricScores> score(Map<String, List<String>> gts, Map<String, String> res);

    /**
     * Why a value is missing or how the run was configured, keyed by metric (e.g. {@code "METEOR" ->
     * "METEOR without paraphrase table"}). Copied into the {@code notes} of {@code rex metrics --json}.
     */
    default Map<String, String> notes() {
        return Map.of();
    }
}
