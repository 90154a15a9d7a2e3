package dev.rex.metrics;

import java.nio.file.Path;

/**
 * Options of one caption-metric run.
 *
 * @param meteorParaphrase METEOR's paraphrase table ({@code paraphrase-en.gz}), or {@code null}: METEOR then
 *                         runs exact/stem/synonym only and says so in its notes
 * @param spice            whether SPICE runs at all (expensive; switched off with {@code --no-spice}, never
 *                         silently: a note records it)
 * @param threads          worker threads a scorer may use (tokenization, SPICE parsing); at least 1
 * @param progress         receives progress of long scorers; never {@code null}
 */
public record CaptionOptions(Path meteorParaphrase, boolean spice, int threads, Progress progress) {

    public CaptionOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (progress == null) {
            progress = Progress.NONE;
        }
    }

    /** Defaults: no paraphrase table, SPICE on, one thread per available processor, no progress. */
    public static CaptionOptions defaults() {
        return new CaptionOptions(null, true, Runtime.getRuntime().availableProcessors(), Progress.NONE);
    }

    public CaptionOptions withMeteorParaphrase(Path table) {
        return new CaptionOptions(table, spice, threads, progress);
    }

    public CaptionOptions withSpice(boolean on) {
        return new CaptionOptions(meteorParaphrase, on, threads, progress);
    }

    public CaptionOptions withThreads(int n) {
        return new CaptionOptions(meteorParaphrase, spice, n, progress);
    }

    public CaptionOptions withProgress(Progress p) {
        return new CaptionOptions(meteorParaphrase, spice, threads, p);
    }
}
