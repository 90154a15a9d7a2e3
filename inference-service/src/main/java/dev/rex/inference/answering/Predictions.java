package dev.rex.inference.answering;

import dev.rex.events.Box;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.model.infer.Answer;
import dev.rex.model.infer.GroundedRegion;

import java.time.Instant;
import java.util.List;

/** The prediction events of the three outcomes of a request. */
final class Predictions {
    private Predictions() {
    }

    static PredictionEvent predicted(InferenceRequestEvent r, String requestedAt, Answer a, String version,
                                     double modelMillis, int batchSize) {
        List<PredictionEvent.PredictedRegion> regions = a.regions().stream().map(Predictions::region).toList();
        return new PredictionEvent(EventIds.newId(), r.correlationId(), EventTypes.PREDICTION.currentVersion(),
                r.qid(), r.imageId(), r.split(), PredictionEvent.Status.PREDICTED, a.answer(), a.confidence(),
                a.explanation(), regions, a.gateValues(), version, r.modelVersion(), List.of(), requestedAt,
                Instant.now().toString(), modelMillis, batchSize);
    }

    static PredictionEvent noModel(InferenceRequestEvent r, String requestedAt) {
        return new PredictionEvent(EventIds.newId(), r.correlationId(), EventTypes.PREDICTION.currentVersion(),
                r.qid(), r.imageId(), r.split(), PredictionEvent.Status.NO_MODEL, null, 0.0, List.of(), List.of(),
                List.of(), null, r.modelVersion(), List.of(), requestedAt, Instant.now().toString(), null, null);
    }

    static PredictionEvent versionUnavailable(InferenceRequestEvent r, String requestedAt, List<String> served) {
        return new PredictionEvent(EventIds.newId(), r.correlationId(), EventTypes.PREDICTION.currentVersion(),
                r.qid(), r.imageId(), r.split(), PredictionEvent.Status.VERSION_UNAVAILABLE, null, 0.0, List.of(),
                List.of(), List.of(), null, r.modelVersion(), served, requestedAt, Instant.now().toString(), null,
                null);
    }

    private static PredictionEvent.PredictedRegion region(GroundedRegion g) {
        return new PredictionEvent.PredictedRegion(g.token(), g.region(), new Box(g.x1(), g.y1(), g.x2(), g.y2()));
    }
}
