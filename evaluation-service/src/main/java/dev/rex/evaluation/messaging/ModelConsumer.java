package dev.rex.evaluation.messaging;

import dev.rex.evaluation.dashboard.DashboardFeed;
import dev.rex.events.EventTypes;
import dev.rex.events.ModelEvent;
import dev.rex.service.ModelTable;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import javax.sql.DataSource;

/**
 * {@code rex.models} → the models table (upsert by name and version): the model name the evaluation events carry
 * for a version, and the announced validation metrics the dashboard shows beside the table.
 */
@Singleton
public class ModelConsumer extends StoredThenShown<ModelEvent> {
    private final DataSource ds;

    public ModelConsumer(DataSource ds, DashboardFeed feed) {
        super(EventTypes.MODEL, feed, DashboardFeed.MODEL);
        this.ds = ds;
    }

    @Incoming(Channels.MODELS_IN)
    @Blocking
    public void onModel(String payload) {
        consume(payload);
    }

    @Override
    protected void store(ModelEvent m) {
        ModelTable.upsert(ds, m);
    }
}
