package dev.rex.evaluation.dashboard;

import dev.rex.events.EventCodec;
import dev.rex.events.RexEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.logging.Logger;

/**
 * The dashboard's live feed: every evaluation state, training progress and model announcement this service
 * records is pushed to the open pages as a server-sent event named after its kind ({@code evaluation},
 * {@code training}, {@code model}), its data the event's JSON. Pages that went away are dropped by the broadcaster.
 */
@ApplicationScoped
public class DashboardFeed {
    private static final Logger LOG = Logger.getLogger(DashboardFeed.class);

    /** The event names the page listens to. */
    public static final String EVALUATION = "evaluation";
    public static final String TRAINING = "training";
    public static final String MODEL = "model";

    private Sse sse;
    private SseBroadcaster broadcaster;

    /** Registers a page's stream (the first one creates the broadcaster from the request's {@link Sse}). */
    public synchronized void register(Sse sse, SseEventSink sink) {
        if (broadcaster == null) {
            this.sse = sse;
            broadcaster = sse.newBroadcaster();
            broadcaster.onError((s, e) -> LOG.debugf("dashboard stream closed: %s", e.toString()));
        }
        broadcaster.register(sink);
        sink.send(sse.newEventBuilder().name("hello").data("{}").reconnectDelay(2000).build());
    }

    /** Sends {@code event} to every open page; a failure to push never reaches the caller (the record is stored). */
    public void publish(String name, RexEvent event) {
        SseBroadcaster b;
        Sse s;
        synchronized (this) {
            b = broadcaster;
            s = sse;
        }
        if (b == null) {
            return;
        }
        try {
            OutboundSseEvent out = s.newEventBuilder().name(name).data(EventCodec.encode(event)).build();
            b.broadcast(out);
        } catch (RuntimeException e) {
            LOG.debugf(e, "could not push %s to the dashboard", name);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (broadcaster != null) {
            broadcaster.close();
        }
    }
}
