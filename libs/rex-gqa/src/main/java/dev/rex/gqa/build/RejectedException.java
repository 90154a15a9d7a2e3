package dev.rex.gqa.build;

/**
 * Thrown inside a stage when a question cannot be explained; the builder catches it, records a
 * {@link Rejection} and goes on with the next question. Stack traces are not filled: this is control flow.
 */
public final class RejectedException extends RuntimeException {
    private final RejectionCode code;

    public RejectedException(RejectionCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public RejectionCode code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
