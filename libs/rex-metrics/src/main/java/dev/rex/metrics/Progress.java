package dev.rex.metrics;

/** Progress of a long metric computation; the CLI maps it onto its progress bar. Libraries never print. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (stage, done, total) -> { };

    /** {@code done} of {@code total} units of {@code stage} (e.g. "tokenize", "SPICE") are finished. */
    void update(String stage, long done, long total);
}
