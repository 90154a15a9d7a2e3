package dev.rex.metrics;

/**
 * A caption scorer that lives outside the core (METEOR 1.5 in {@code dev.rex.metrics.meteor}, SPICE in
 * {@code dev.rex.metrics.spice}), found at run time through {@link java.util.ServiceLoader}: list the
 * implementation in {@code META-INF/services/dev.rex.metrics.CaptionScorerFactory}. When no factory for a
 * metric is on the class path, {@link CaptionMetrics} reports that metric as {@code null} with a note
 * saying it is not available in this build.
 */
public interface CaptionScorerFactory {

    /** The metric family, exactly one of {@code "METEOR"} or {@code "SPICE"} (the JSON key it fills). */
    String metric();

    /**
     * A scorer configured for this run. Throw {@link IllegalArgumentException} with a user-facing message for
     * bad options (e.g. an unreadable paraphrase table). Configuration notes (e.g. "METEOR without paraphrase
     * table") go in the returned scorer's {@link CaptionScorer#notes()}.
     */
    CaptionScorer create(CaptionOptions options);
}
