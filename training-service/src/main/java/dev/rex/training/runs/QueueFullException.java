package dev.rex.training.runs;

/** More runs are waiting than {@code rex.training.max-queued-runs} allows (answered 503). */
public final class QueueFullException extends RuntimeException {
    public QueueFullException(int max) {
        super(max + " training runs are already queued behind the running one (rex.training.max-queued-runs); "
                + "wait for one to finish or cancel one with DELETE /api/training-runs/{id}");
    }
}
