package dev.rex.inference.messaging;

import dev.rex.events.EventTypes;
import dev.rex.events.ModelEvent;
import dev.rex.inference.model.ModelAnnouncements;
import dev.rex.inference.model.ModelHolder;
import dev.rex.inference.persistence.InferenceRepository;
import dev.rex.service.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code rex.models} → the models table, then the holder looks for a newer model at once. The replicas share one
 * consumer group, so one replica records each announcement and every replica reads the models from the shared
 * database (the others on their next poll, {@code rex.inference.model-poll-interval}). A checkpoint that does not
 * verify is skipped by the holder, not dead-lettered: the announcement itself was valid and stays recorded.
 */
@Singleton
public class ModelConsumer extends EventConsumer<ModelEvent> {
    private final InferenceRepository inference;
    private final ModelHolder holder;
    private final ModelAnnouncements announcements;

    public ModelConsumer(InferenceRepository inference, ModelHolder holder, ModelAnnouncements announcements) {
        super(EventTypes.MODEL);
        this.inference = inference;
        this.holder = holder;
        this.announcements = announcements;
    }

    @Incoming(Channels.MODELS_IN)
    @Blocking
    public void onModel(String payload) {
        consume(payload);
    }

    @Override
    protected void handle(ModelEvent m) {
        announcements.check(m); // a model name not served or a location outside the models folder: dead-lettered
        inference.upsertModel(m);
        holder.refresh();
    }
}
