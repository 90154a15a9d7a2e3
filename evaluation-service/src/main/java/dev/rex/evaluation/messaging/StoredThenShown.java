package dev.rex.evaluation.messaging;

import dev.rex.evaluation.dashboard.DashboardFeed;
import dev.rex.events.EventType;
import dev.rex.events.RexEvent;
import dev.rex.service.EventConsumer;

/**
 * The inputs the dashboard shows as they come ({@code rex.models}, {@code rex.training.progress}): each event is
 * stored first, then pushed to the open pages under its feed name, so a page that reloads finds in the database what
 * it was shown live.
 */
abstract class StoredThenShown<E extends RexEvent> extends EventConsumer<E> {
    private final DashboardFeed feed;
    private final String feedName;

    StoredThenShown(EventType<E> type, DashboardFeed feed, String feedName) {
        super(type);
        this.feed = feed;
        this.feedName = feedName;
    }

    /** Persists the event (idempotently: a redelivered record stores nothing new). */
    protected abstract void store(E event);

    @Override
    protected final void handle(E event) {
        store(event);
        feed.publish(feedName, event);
    }
}
