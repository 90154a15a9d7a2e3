package dev.rex.inference.messaging;

import dev.rex.events.EventIds;
import dev.rex.events.EventTypes;
import dev.rex.events.InferenceRequestEvent;
import dev.rex.events.PredictionEvent;
import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.service.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * {@code rex.inference.requests} → persisted request and prediction (upsert by qid) → {@code rex.predictions};
 * acknowledgement and dead-lettering as {@link EventConsumer} describes.
 * <p>
 * PASS-THROUGH for now: the DJL network (rex-model) and the feature store are not wired into the service yet, so
 * every request is answered with a {@code NO_MODEL} prediction — even when checkpoints have been announced (they
 * are recorded by {@link ModelConsumer}; loading them arrives with the model). When DJL comes in, remember the
 * parent-first class-loading note of DESIGN §4 for this service's tests.
 */
@Singleton
public class InferenceRequestConsumer extends EventConsumer<InferenceRequestEvent> {
    private final InferenceRepository inference;
    private final Emitter<String> predictions;

    public InferenceRequestConsumer(InferenceRepository inference,
                                    @Channel(Channels.PREDICTIONS_OUT) Emitter<String> predictions) {
        super(EventTypes.INFERENCE_REQUEST);
        this.inference = inference;
        this.predictions = predictions;
    }

    @Incoming(Channels.INFERENCE_REQUESTS_IN)
    @Blocking
    public void onRequest(String payload) {
        consume(payload);
    }

    @Override
    protected void handle(InferenceRequestEvent r) {
        PredictionEvent prediction = new PredictionEvent(EventIds.newId(), r.correlationId(),
                EventTypes.PREDICTION.currentVersion(), r.qid(), r.imageId(), r.split(), PredictionEvent.Status.NO_MODEL,
                null, 0.0, List.of(), List.of(), List.of(), null);
        inference.upsert(r, prediction);
        publish(predictions, prediction);
    }
}
