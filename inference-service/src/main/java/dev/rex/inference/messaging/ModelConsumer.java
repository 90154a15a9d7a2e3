package dev.rex.inference.messaging;

import dev.rex.events.EventTypes;
import dev.rex.events.ModelEvent;
import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.service.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code rex.models} → the models table. The replicas share one consumer group, so one replica records each
 * announcement and every replica reads the models from the shared database (not from the stream).
 */
@Singleton
public class ModelConsumer extends EventConsumer<ModelEvent> {
    private final InferenceRepository inference;

    public ModelConsumer(InferenceRepository inference) {
        super(EventTypes.MODEL);
        this.inference = inference;
    }

    @Incoming(Channels.MODELS_IN)
    @Blocking
    public void onModel(String payload) {
        consume(payload);
    }

    @Override
    protected void handle(ModelEvent m) {
        inference.upsertModel(m);
    }
}
