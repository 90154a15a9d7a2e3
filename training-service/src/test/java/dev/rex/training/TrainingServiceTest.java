package dev.rex.training;

import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.ExplanationEvent;
import dev.rex.events.ModelEvent;
import dev.rex.events.RexEvent;
import dev.rex.events.TrainingProgressEvent;
import dev.rex.service.testing.ServicePipelineTest;
import dev.rex.testing.KafkaTestResource;
import dev.rex.testing.PostgresTestResource;
import dev.rex.training.messaging.Channels;
import dev.rex.training.persistence.TrainingRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "rex_training"))
class TrainingServiceTest extends ServicePipelineTest {
    TrainingServiceTest() {
        super(EventTypes.EXPLANATION, Map.of(Channels.EXPLANATIONS_IN, EventTypes.EXPLANATION));
    }

    @Inject
    TrainingRepository training;

    @TestHTTPResource("/models")
    URI modelsUrl;

    @Override
    protected RexEvent input(String qid) {
        return new ExplanationEvent(EventIds.newId(), "corr-" + qid, 1, qid, "2354786", "train",
                ExplanationEvent.Status.EXPLAINED, "Is the shirt white?", "yes", "shirt (5678) is white",
                "shirt (5678) is white", "#1 is white", List.of(new ExplanationEvent.RegionGrounding("5678", "#1", 0.8)), null);
    }

    @Override
    protected void assertHandled(RexEvent input) {
        ExplanationEvent x = (ExplanationEvent) input;
        // progress-every is 1 under %test: this explanation's own progress event names it
        TrainingProgressEvent progress = awaitEvent(EventTypes.TRAINING_PROGRESS,
                r -> r.text().contains("(last: " + x.qid() + ")"));
        assertEquals(TrainingProgressEvent.Phase.COLLECTING, progress.phase());
        assertEquals("collect-rex-multitask", progress.runId());
        assertEquals(x.correlationId(), progress.correlationId());
        assertTrue(progress.examples() >= 1, "the explained example counts as usable: " + progress);
        assertTrue(training.findExampleJson(x.qid()).orElseThrow().contains("#1 is white"));
    }

    @Test
    void announcedCheckpointIsPersistedAndPublishedOnRexModels() throws Exception {
        String version = "rex-multitask-" + unique();
        String body = "{\"modelName\":\"rex-multitask\",\"version\":\"" + version + "\",\"location\":\"models/" + version
                + ".safetensors\",\"sha256\":\"" + "ab".repeat(32) + "\",\"config\":{\"layers\":2},\"valMetrics\":{\"vqaAccuracy\":41.5}}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(modelsUrl)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        ModelEvent model = awaitEvent(EventTypes.MODEL, rec -> rec.text().contains(version));
        assertEquals("rex-multitask", model.key());
        assertEquals(41.5, model.valMetrics().get("vqaAccuracy"));
        assertTrue(training.findModelJson("rex-multitask", version).isPresent());
    }
}
