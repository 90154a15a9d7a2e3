package dev.rex.metrics.spice;

import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.CaptionScorer;
import dev.rex.metrics.CaptionScorerFactory;

/** Plugs SPICE into the caption metrics (found through {@link java.util.ServiceLoader}). */
public final class SpiceScorerFactory implements CaptionScorerFactory {

    @Override
    public String metric() {
        return SpiceCaptionScorer.KEY;
    }

    @Override
    public CaptionScorer create(CaptionOptions options) {
        if (!options.spice()) {
            return new SpiceCaptionScorer(null);
        }
        return new SpiceCaptionScorer(new Spice(Spice.defaultCacheDir(), options.threads(), options.progress()));
    }
}
