package dev.rex.training.runs;

/** Where a training run is; QUEUED and RUNNING are the live states, the others are final. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
