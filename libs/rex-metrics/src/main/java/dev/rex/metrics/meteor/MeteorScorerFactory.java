package dev.rex.metrics.meteor;

import dev.rex.metrics.CaptionOptions;
import dev.rex.metrics.CaptionScorer;
import dev.rex.metrics.CaptionScorerFactory;

/** Plugs METEOR 1.5 into the caption metrics (found through {@link java.util.ServiceLoader}). */
public final class MeteorScorerFactory implements CaptionScorerFactory {

    @Override
    public String metric() {
        return MeteorCaptionScorer.KEY;
    }

    @Override
    public CaptionScorer create(CaptionOptions options) {
        Meteor meteor = options.meteorParaphrase() == null
                ? Meteor.withoutParaphrases()
                : Meteor.withParaphrases(options.meteorParaphrase());
        return new MeteorCaptionScorer(meteor, options.threads(), options.progress());
    }
}
