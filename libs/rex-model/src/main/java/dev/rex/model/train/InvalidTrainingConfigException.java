package dev.rex.model.train;

/** A training configuration value that cannot be used; {@link #field()} names it (a service answers 400 with it). */
public final class InvalidTrainingConfigException extends IllegalArgumentException {
    private final String field;

    public InvalidTrainingConfigException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
