package dev.rex.model.train;

/** The run was cancelled; the last epoch checkpoint (if any) stays, and running again resumes from it. */
public final class TrainingCancelledException extends RuntimeException {
    public TrainingCancelledException(int epoch, int step) {
        super("training cancelled at epoch " + epoch + ", step " + step);
    }
}
