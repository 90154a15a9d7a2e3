package dev.rex.inference.model;

import dev.rex.events.ModelEvent;
import dev.rex.model.RexModel;
import dev.rex.model.infer.QuestionAnswerer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded checkpoint and who still uses it. The holder keeps one reference while the model is current; every
 * worker's answerer and every request in flight keeps one more. The native weights are freed when the last
 * reference goes, so a swap never pulls the weights from under a running prediction.
 */
public final class ServingModel {
    private final ModelEvent event;
    private final Path dir;
    private final RexModel model;
    private final Instant loadedAt = Instant.now();
    private final AtomicInteger references = new AtomicInteger(1);

    ServingModel(ModelEvent event, Path dir, RexModel model) {
        this.event = event;
        this.dir = dir;
        this.model = model;
    }

    public ModelEvent event() {
        return event;
    }

    public Path dir() {
        return dir;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** A new answerer over these weights, for the calling worker thread alone. */
    public QuestionAnswerer newAnswerer() {
        return new QuestionAnswerer(model);
    }

    /** Takes a reference unless the model is already closed (false: ask the holder again). */
    boolean tryRetain() {
        while (true) {
            int n = references.get();
            if (n == 0) return false;
            if (references.compareAndSet(n, n + 1)) return true;
        }
    }

    public void retain() {
        if (!tryRetain()) throw new IllegalStateException("model " + event.version() + " is already closed");
    }

    public void release() {
        if (references.decrementAndGet() == 0) model.close();
    }

    boolean sameAs(ModelEvent other) {
        return event.modelName().equals(other.modelName()) && event.version().equals(other.version())
                && event.sha256().equals(other.sha256());
    }
}
