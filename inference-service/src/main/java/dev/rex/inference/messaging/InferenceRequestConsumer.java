package dev.rex.inference.messaging;

import dev.rex.events.Box;
import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.gqa.features.ImageFeatures;
import dev.rex.inference.answering.ImageRegions;
import dev.rex.inference.answering.InferenceWorkers;
import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.model.infer.Answer;
import dev.rex.model.infer.GroundedRegion;
import dev.rex.model.infer.Question;
import dev.rex.service.EventConsumer;
import dev.rex.service.EventIntake;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code rex.inference.requests} → the image's regions from the feature store → an answer with its grounded
 * explanation from the current model ({@link InferenceWorkers}) → persisted (upsert by qid) → {@code rex.predictions};
 * acknowledgement and dead-lettering as {@link EventConsumer} describes.
 * <p>
 * An image the feature store does not hold (or holds broken) can never be answered: the record is dead-lettered
 * with a reason naming the image and the features dir, whether or not a model is loaded. {@code NO_MODEL} is the
 * answer only while no model is loaded. A request's {@code modelVersion} is not honoured yet: the current model
 * answers and the prediction names it.
 */
@Singleton
public class InferenceRequestConsumer extends EventConsumer<InferenceRequestEvent> {
    private final InferenceRepository inference;
    private final Emitter<String> predictions;
    private final ImageRegions images;
    private final InferenceWorkers workers;
    private final EventIntake intake;

    public InferenceRequestConsumer(InferenceRepository inference,
                                    @Channel(Channels.PREDICTIONS_OUT) Emitter<String> predictions,
                                    ImageRegions images, InferenceWorkers workers, EventIntake intake) {
        super(EventTypes.INFERENCE_REQUEST);
        this.inference = inference;
        this.predictions = predictions;
        this.images = images;
        this.workers = workers;
        this.intake = intake;
    }

    /** Unordered: records are handled concurrently, so the worker pool is used; a qid's upsert is atomic anyway. */
    @Incoming(Channels.INFERENCE_REQUESTS_IN)
    @Blocking(ordered = false)
    public void onRequest(String payload) {
        consume(payload);
    }

    @Override
    protected void handle(InferenceRequestEvent r) {
        ImageFeatures regions = regionsOf(r.imageId());
        Optional<InferenceWorkers.Served> served =
                workers.answer(new Question(r.question(), regions.features(), regions.boxes()));
        PredictionEvent prediction = served.map(s -> predicted(r, s)).orElseGet(() -> noModel(r));
        inference.upsert(r, prediction);
        publish(predictions, prediction);
    }

    private ImageFeatures regionsOf(String imageId) {
        try {
            return images.find(imageId).orElseThrow(() -> intake.reject(EventTypes.INFERENCE_REQUEST,
                    "no region features for image '" + imageId + "' in the features dir " + images.dir()
                            + " (expected features/" + imageId + ".npy and boxes/" + imageId + ".npy there)"));
        } catch (IOException e) {
            throw intake.reject(EventTypes.INFERENCE_REQUEST, "unreadable region features for image '" + imageId
                    + "' in the features dir " + images.dir() + ": " + e.getMessage());
        }
    }

    private static PredictionEvent predicted(InferenceRequestEvent r, InferenceWorkers.Served s) {
        Answer a = s.answer();
        List<PredictionEvent.PredictedRegion> regions = a.regions().stream().map(InferenceRequestConsumer::region)
                .toList();
        return new PredictionEvent(EventIds.newId(), r.correlationId(), EventTypes.PREDICTION.currentVersion(),
                r.qid(), r.imageId(), r.split(), PredictionEvent.Status.PREDICTED, a.answer(), a.confidence(),
                a.explanation(), regions, a.gateValues(), s.modelVersion());
    }

    private static PredictionEvent.PredictedRegion region(GroundedRegion g) {
        return new PredictionEvent.PredictedRegion(g.token(), g.region(), new Box(g.x1(), g.y1(), g.x2(), g.y2()));
    }

    private static PredictionEvent noModel(InferenceRequestEvent r) {
        return new PredictionEvent(EventIds.newId(), r.correlationId(), EventTypes.PREDICTION.currentVersion(),
                r.qid(), r.imageId(), r.split(), PredictionEvent.Status.NO_MODEL, null, 0.0, List.of(), List.of(),
                List.of(), null);
    }
}
