package dev.rex.evaluation;

import dev.rex.evaluation.messaging.Channels;
import dev.rex.evaluation.persistence.EvaluationRepository;
import dev.rex.events.Box;
import dev.rex.events.EvaluationEvent;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.events.RexEvent;
import dev.rex.service.testing.RestBoundary;
import dev.rex.service.testing.ServicePipelineTest;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_evaluation"))
class EvaluationServiceTest extends ServicePipelineTest {
    EvaluationServiceTest() {
        super(EventTypes.PREDICTION, Map.of(Channels.PREDICTIONS_IN, EventTypes.PREDICTION, Channels.EXPLANATIONS_IN, EventTypes.EXPLANATION));
    }

    @Inject
    EvaluationRepository evaluations;

    /** A prediction of a model version of its own, so its evaluation run holds exactly this prediction. */
    @Override
    protected RexEvent input(String qid) {
        return prediction(qid, "model-" + qid);
    }

    private static PredictionEvent prediction(String qid, String modelVersion) {
        return new PredictionEvent(EventIds.newId(), "corr-" + qid, 1, qid, "2354786", "val",
                PredictionEvent.Status.PREDICTED, "white", 0.9, List.of("#1", "is", "white"),
                List.of(new PredictionEvent.PredictedRegion("#1", 1, new Box(18, 58, 92, 151))), List.of(0.1, 0.9, 0.95),
                modelVersion);
    }

    @Override
    protected void assertHandled(RexEvent input) {
        PredictionEvent p = (PredictionEvent) input;
        EvaluationEvent e = awaitEvent(EventTypes.EVALUATION, EvaluationEvent.keyOf(p.modelVersion(), "val"),
                p.correlationId());
        assertEquals(EvaluationEvent.Status.PENDING, e.status(), "per prediction: the counts; the table follows the quiet period");
        assertEquals(1, e.counts().predictions());
        assertEquals(1, e.counts().noReference());
        assertTrue(evaluations.findPredictionJson(p.modelVersion(), p.qid()).isPresent());
        assertTrue(evaluations.state(p.modelVersion(), "val").isPresent());
    }

    @Test
    void referenceExplanationsAreStoredAndCountedForLaterPredictions() {
        String qid = "ref-" + unique();
        send(new ExplanationEvent(EventIds.newId(), "corr-" + qid, 1, qid, "2354786", "val",
                ExplanationEvent.Status.EXPLAINED, "Is the shirt white?", "yes", "shirt (5678) is white",
                "shirt (5678) is white", "#1 is white", List.of(), null));
        eventually(() -> evaluations.findReferenceJson(qid), "reference " + qid + " stored");

        PredictionEvent p = prediction(qid, "model-" + qid);
        send(p);
        EvaluationEvent e = awaitEvent(EventTypes.EVALUATION, EvaluationEvent.keyOf(p.modelVersion(), "val"),
                p.correlationId());
        assertEquals(1, e.counts().predictions());
        assertEquals(0, e.counts().noReference(), "its reference arrived first");
        assertTrue(e.counts().references() >= 1);
    }

    @Override
    protected Set<String> writeOperations() {
        return Set.of("POST /api/evaluations");
    }

    @Override
    protected RestBoundary.Good goodRestRequest() {
        return new RestBoundary.Good("GET", "api/evaluations", null, 200);
    }

    @Override
    protected List<RestBoundary.Probe> restProbes() {
        return List.of(
                RestBoundary.Probe.json("evaluate without parameters", "POST", "api/evaluations", ""),
                RestBoundary.Probe.json("evaluate split of 100 characters", "POST",
                        "api/evaluations?modelVersion=v&split=" + "s".repeat(100), ""),
                RestBoundary.Probe.json("evaluate unknown model version", "POST",
                        "api/evaluations?modelVersion=nobody&split=val", ""),
                RestBoundary.Probe.get("GET unknown run", "api/evaluations/eval-nope"));
    }
}
