package dev.rex.preprocessing.imports;

import dev.rex.events.RexEvent;
import dev.rex.service.KafkaEvents;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes many events with a bounded number in flight: waiting for each broker acknowledgement in turn would
 * cap a bulk import at one round trip per question. {@link #flush} returns once every event sent is acknowledged;
 * a failed or unacknowledged send throws there (or at the send that waits for it), naming the event.
 */
final class WindowedPublisher {
    private record InFlight(String key, CompletableFuture<Void> ack) {
    }

    private final KafkaEvents.Direct producer;
    private final int window;
    private final Duration timeout;
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private volatile long acknowledged; // written by the publishing thread only

    WindowedPublisher(KafkaEvents.Direct producer, int window, Duration timeout) {
        this.producer = producer;
        this.window = Math.max(1, window);
        this.timeout = timeout;
    }

    void send(RexEvent event) {
        while (inFlight.size() >= window) awaitOldest();
        inFlight.add(new InFlight(event.key(), producer.send(event)));
    }

    void flush() {
        while (!inFlight.isEmpty()) awaitOldest();
    }

    /** Events the broker has acknowledged so far. */
    long acknowledged() {
        return acknowledged;
    }

    private void awaitOldest() {
        InFlight f = inFlight.poll();
        try {
            f.ack().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            acknowledged++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + f.key(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish " + f.key() + ": " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge " + f.key() + " within " + timeout, e);
        }
    }
}
