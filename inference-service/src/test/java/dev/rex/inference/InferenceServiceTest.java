package dev.rex.inference;

import dev.rex.events.EventCodec;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.ModelEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.events.RexEvent;
import dev.rex.inference.messaging.Channels;
import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.service.testing.ServicePipelineTest;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_inference"))
class InferenceServiceTest extends ServicePipelineTest {
    InferenceServiceTest() {
        super(EventTypes.INFERENCE_REQUEST, Map.of(Channels.INFERENCE_REQUESTS_IN, EventTypes.INFERENCE_REQUEST, Channels.MODELS_IN, EventTypes.MODEL));
    }

    @Inject
    InferenceRepository inference;

    @Override
    protected RexEvent input(String qid) {
        return new InferenceRequestEvent(EventIds.newId(), "corr-" + qid, 1, qid, "n161313", "What color is the shirt?",
                "stream", null);
    }

    @Override
    protected void assertHandled(RexEvent input) {
        InferenceRequestEvent r = (InferenceRequestEvent) input;
        PredictionEvent p = awaitEvent(EventTypes.PREDICTION, r.qid(), r.correlationId());
        assertEquals(PredictionEvent.Status.NO_MODEL, p.status(), "pass-through until the DJL model is wired");
        assertEquals(r.imageId(), p.imageId());
        assertEquals(r.split(), p.split());
        assertEquals(p, EventCodec.decode(EventTypes.PREDICTION, inference.findPredictionJson(r.qid()).orElseThrow()));
    }

    @Test
    void announcedModelsAreRecorded() {
        String name = "m-" + unique();
        ModelEvent m = new ModelEvent(EventIds.newId(), "corr-" + name, 1, name, name + "-1", "run-1",
                "models/" + name + "-1.safetensors", "cd".repeat(32), Map.of("layers", 2), Map.of(), "2026-11-26T06:00:00Z");
        send(m);
        String stored = eventually(() -> inference.latestModelJson(name), "model " + name + " recorded");
        assertEquals(m, EventCodec.decode(EventTypes.MODEL, stored));
    }
}
